import { InvalidRequestError, parseInput } from "@openharness/adapter-kit";
import * as z from "zod";

const HARNESS = "Letta (local)";

/** The tool every local agent may use: `memory` edits its own memfs blocks. */
export const MEMORY_TOOL = "memory";

/**
 * Letta Code's built-in tools that act on the machine running the App Server (its default
 * toolset in 0.32.18, as offered to the model). None of them is offered to the agent unless named
 * in `hostTools`; the agent's `memory` tool always is. `AskUserQuestion` is never offered (no one
 * is there to answer).
 */
export const HOST_TOOLS = [
  "Agent",
  "Bash",
  "Edit",
  "EnterWorktree",
  "ExitWorktree",
  "Monitor",
  "Read",
  "SendAgentMessage",
  "SetWorkingDirectory",
  "Skill",
  "TaskCreate",
  "TaskGet",
  "TaskList",
  "TaskStop",
  "TaskUpdate",
  "Workflow",
  "Write",
] as const;

/** Options of `new LettaLocalAdapter(...)`. */
export interface LettaLocalAdapterOptions {
  /**
   * The App Server's WebSocket URL, e.g. `ws://127.0.0.1:4500` (`/ws` is added when there is no
   * path). Default: `LETTA_LOCAL_URL` from `env`.
   */
  url?: string;
  /** The model handle for agents created without one (`openai-compatible/<id>`, `ollama/<id>`). Default `LETTA_LOCAL_MODEL`. */
  defaultModel?: string;
  /**
   * Letta Code's host tools (Bash, Read, Write, Edit, Agent, ...) the agent may call. Default none:
   * they run on the machine of the App Server. Each call still goes through `onApproval`.
   */
  hostTools?: string[];
  /** How long to wait for the WebSocket and the server's handshake, in ms. Default 10 000. */
  connectTimeoutMs?: number;
  /** How long a request may wait for its answer, in ms (memory writes are git commits). Default 60 000. */
  requestTimeoutMs?: number;
  /** Where `LETTA_LOCAL_URL` and `LETTA_LOCAL_MODEL` are read from. Default `process.env` where there is one. */
  env?: Record<string, string | undefined>;
}

/** The options with defaults applied. */
export interface ResolvedLettaLocalOptions {
  url: string;
  defaultModel: string | undefined;
  hostTools: readonly string[];
  connectTimeoutMs: number;
  requestTimeoutMs: number;
}

const OptionsSchema = z.strictObject({
  url: z.string().min(1).optional(),
  defaultModel: z.string().min(1).optional(),
  hostTools: z
    .array(z.enum(HOST_TOOLS, { error: `expected one of Letta Code's host tools: ${HOST_TOOLS.join(", ")}` }))
    .optional(),
  connectTimeoutMs: z.number().int().positive().optional(),
  requestTimeoutMs: z.number().int().positive().optional(),
  env: z.record(z.string(), z.string().optional()).optional(),
});

const defaultEnv = (): Record<string, string | undefined> =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};

/** `ws://host:port` → `ws://host:port/ws`; `http(s)` is taken as `ws(s)`. Throws on anything else. */
export function normalizeAppServerUrl(raw: string, source: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(source, `expected a WebSocket URL like ws://127.0.0.1:4500, got "${raw}"`);
  }
  if (url.protocol === "http:" || url.protocol === "https:") url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  if (url.protocol !== "ws:" && url.protocol !== "wss:")
    throw invalid(source, `expected a ws:// or wss:// URL, got "${raw}"`);
  if (url.pathname === "/" || url.pathname === "") url.pathname = "/ws";
  return url.toString();
}

function invalid(path: string, message: string): InvalidRequestError {
  return new InvalidRequestError({ what: "LettaLocalAdapter options", issues: [{ path, message }], harness: HARNESS });
}

/** Checks the options and fills in defaults; throws `InvalidRequestError` naming the bad field. */
export function resolveLettaLocalOptions(options: LettaLocalAdapterOptions): ResolvedLettaLocalOptions {
  const valid = parseInput(OptionsSchema, options, { what: "LettaLocalAdapter options", harness: HARNESS });
  const env = valid.env ?? defaultEnv();
  const raw = valid.url ?? env.LETTA_LOCAL_URL;
  if (!raw) {
    throw invalid(
      "url",
      "expected the App Server's WebSocket URL (e.g. ws://127.0.0.1:4500), as the url option or LETTA_LOCAL_URL",
    );
  }
  return {
    url: normalizeAppServerUrl(raw, valid.url ? "url" : "LETTA_LOCAL_URL"),
    defaultModel: valid.defaultModel ?? (env.LETTA_LOCAL_MODEL || undefined),
    hostTools: valid.hostTools ?? [],
    connectTimeoutMs: valid.connectTimeoutMs ?? 10_000,
    requestTimeoutMs: valid.requestTimeoutMs ?? 60_000,
  };
}
