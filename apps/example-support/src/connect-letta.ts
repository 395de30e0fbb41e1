import { LettaAdapter, LettaLocalAdapter } from "@openharness/letta";
import { connectEmulator } from "./connect-emulator";
import type { LettaConnection } from "./letta-connection";

export interface ConnectOptions {
  /** Where the emulator keeps its state. */
  emulatorStateFile: string;
  /** `--reset`: start the emulator from nothing. */
  reset: boolean;
  /** `--emulator-frame-delay`. */
  frameDelayMs?: number;
  /** `--local`: a Letta Code App Server, at LETTA_LOCAL_URL or the default port. */
  local?: boolean;
  env?: Record<string, string | undefined>;
}

const isSet = (value: string | undefined) => value !== undefined && value.trim() !== "";

/** Where `letta server --listen` runs in Letta's self-hosting docs. */
export const DEFAULT_LOCAL_URL = "ws://127.0.0.1:4500";

/**
 * Picks the backend: `--local` or `LETTA_LOCAL_URL` → a local Letta Code App Server;
 * `LETTA_BASE_URL` → that REST server (with `LETTA_API_KEY` if set); `LETTA_API_KEY` alone →
 * Letta Cloud; none → the built-in emulator.
 */
export async function connectLetta(options: ConnectOptions): Promise<LettaConnection> {
  const env = options.env ?? process.env;
  if (options.local || isSet(env.LETTA_LOCAL_URL)) return connectLocal(env, options.frameDelayMs);
  if (!isSet(env.LETTA_API_KEY) && !isSet(env.LETTA_BASE_URL)) {
    return connectEmulator({
      stateFile: options.emulatorStateFile,
      reset: options.reset,
      frameDelayMs: options.frameDelayMs,
    });
  }
  // Reads LETTA_API_KEY / LETTA_BASE_URL, and refuses a bad URL before sending anything.
  const adapter = new LettaAdapter({ env });
  const cloud = !isSet(env.LETTA_BASE_URL);
  const announcement = [
    cloud ? `running on Letta Cloud (${adapter.baseUrl}).` : `running on the Letta server at ${adapter.baseUrl}.`,
  ];
  if (options.frameDelayMs !== undefined)
    announcement.push("--emulator-frame-delay applies to the built-in emulator only: ignored.");
  return {
    adapter,
    kind: cloud ? "cloud" : "server",
    where: adapter.baseUrl,
    announcement,
    save: () => {},
    close: async () => {},
  };
}

/** A Letta Code App Server: connects now, so a wrong URL fails at start with the reason. */
async function connectLocal(
  env: Record<string, string | undefined>,
  frameDelayMs: number | undefined,
): Promise<LettaConnection> {
  const adapter = new LettaLocalAdapter({
    env: { ...env, LETTA_LOCAL_URL: isSet(env.LETTA_LOCAL_URL) ? env.LETTA_LOCAL_URL : DEFAULT_LOCAL_URL },
  });
  const info = await adapter.serverInfo();
  const announcement = [
    `running on the local Letta Code ${info.letta_code_version} App Server at ${adapter.url} (${info.backend} backend).`,
  ];
  if (!isSet(env.LETTA_LOCAL_MODEL))
    announcement.push("LETTA_LOCAL_MODEL is not set: a new agent gets the App Server's default model.");
  if (frameDelayMs !== undefined)
    announcement.push("--emulator-frame-delay applies to the built-in emulator only: ignored.");
  return {
    adapter,
    kind: "local",
    where: adapter.url,
    announcement,
    save: () => {},
    close: async () => adapter.close(),
  };
}
