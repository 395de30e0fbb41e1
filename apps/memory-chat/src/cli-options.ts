import { parseArgs } from "node:util";
import { AppError } from "@openharness/example-support";

/** The command line, parsed. */
export interface CliOptions {
  help: boolean;
  /** `--message` (repeatable): run these turns (or commands) in order, then exit. */
  messages: string[];
  /** `--json`: the raw OpenHarness events on stdout, one JSON object per line. */
  json: boolean;
  dataDir: string | undefined;
  agentId: string | undefined;
  includeThinking: boolean;
  reset: boolean;
  /** `--local`: a Letta Code App Server (LETTA_LOCAL_URL, default ws://127.0.0.1:4500). */
  local: boolean;
  /** `--emulator-frame-delay <ms>` (demos and tests): slows the emulator's streams down. */
  frameDelayMs: number | undefined;
}

/** Parses `argv` (without `node` and the script); a bad command line throws {@link AppError}. */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new AppError((error as Error).message, "See memory-chat --help.");
  }
  const delay = values["emulator-frame-delay"];
  const frameDelayMs = delay === undefined ? undefined : Number(delay);
  if (frameDelayMs !== undefined && (!Number.isInteger(frameDelayMs) || frameDelayMs < 0 || delay?.trim() === "")) {
    throw new AppError(`--emulator-frame-delay expects a whole number of milliseconds (given: ${delay})`);
  }
  const agentId = values.agent?.trim();
  if (agentId === "") throw new AppError("--agent expects an agent id");
  return {
    help: values.help ?? false,
    messages: values.message ?? [],
    json: values.json ?? false,
    dataDir: values["data-dir"],
    agentId,
    includeThinking: !(values["no-thinking"] ?? false),
    reset: values.reset ?? false,
    local: values.local ?? false,
    frameDelayMs,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      help: { type: "boolean", short: "h" },
      message: { type: "string", short: "m", multiple: true },
      json: { type: "boolean" },
      "data-dir": { type: "string" },
      agent: { type: "string" },
      "no-thinking": { type: "boolean" },
      reset: { type: "boolean" },
      local: { type: "boolean" },
      "emulator-frame-delay": { type: "string" },
    },
  });
}
