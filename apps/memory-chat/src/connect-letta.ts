import { LettaAdapter } from "@openharness/letta";
import { connectEmulator } from "./connect-emulator";
import type { LettaConnection } from "./letta-connection";

export interface ConnectOptions {
  /** Where the emulator keeps its state. */
  emulatorStateFile: string;
  /** `--reset`: start the emulator from nothing. */
  reset: boolean;
  /** `--emulator-frame-delay`. */
  frameDelayMs?: number;
  env?: Record<string, string | undefined>;
}

const isSet = (value: string | undefined) => value !== undefined && value.trim() !== "";

/**
 * Picks the backend: `LETTA_BASE_URL` → that server (with `LETTA_API_KEY` if set);
 * `LETTA_API_KEY` alone → Letta Cloud; neither → the built-in emulator.
 */
export async function connectLetta(options: ConnectOptions): Promise<LettaConnection> {
  const env = options.env ?? process.env;
  if (!isSet(env.LETTA_API_KEY) && !isSet(env.LETTA_BASE_URL)) {
    return connectEmulator({ stateFile: options.emulatorStateFile, reset: options.reset, frameDelayMs: options.frameDelayMs });
  }
  // Reads LETTA_API_KEY / LETTA_BASE_URL, and refuses a bad URL before sending anything.
  const adapter = new LettaAdapter({ env });
  const cloud = !isSet(env.LETTA_BASE_URL);
  const announcement = [cloud ? `running on Letta Cloud (${adapter.baseUrl}).` : `running on the Letta server at ${adapter.baseUrl}.`];
  if (options.frameDelayMs !== undefined) announcement.push("--emulator-frame-delay applies to the built-in emulator only: ignored.");
  return {
    adapter,
    kind: cloud ? "cloud" : "server",
    announcement,
    save: () => {},
    close: async () => {},
  };
}
