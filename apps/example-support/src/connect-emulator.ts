import { LettaAdapter } from "@openharness/letta";
import { AppError } from "./app-error";
import { EmulatorStateFile } from "./emulator-state-file";
import type { LettaConnection } from "./letta-connection";

export interface ConnectEmulatorOptions {
  /** Where the emulator's state is kept between runs. */
  stateFile: string;
  /** Start from an empty emulator (the saved state is deleted). */
  reset: boolean;
  /** Delay before each streamed frame, in ms: slows turns down for demos and tests. */
  frameDelayMs?: number;
}

/**
 * Starts the built-in Letta emulator from `@openharness/letta-emulator`: the Letta REST API in
 * this process (msw intercepts `fetch`), with a scripted model instead of an LLM. Its state is
 * loaded from `stateFile` and written back by `save()`, so memory persists across restarts.
 */
export async function connectEmulator(options: ConnectEmulatorOptions): Promise<LettaConnection> {
  // msw 3, which serves the emulator, intercepts fetch from Node 22.12 on.
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  if (major < 22 || (major === 22 && minor < 12)) {
    throw new AppError(
      `the built-in emulator needs Node 22.12 or later (this is Node ${process.versions.node})`,
      "Run it with scripts/pnpm demo, which brings its own Node, or set LETTA_API_KEY or LETTA_BASE_URL.",
    );
  }
  // Loaded only when needed: a run against a real server never loads msw.
  const { startLettaEmulator } = await import("@openharness/letta-emulator");
  const file = new EmulatorStateFile(options.stateFile);
  if (options.reset) file.delete();
  const state = file.read();
  const { emulator, close } = await startLettaEmulator({ state, frameDelayMs: options.frameDelayMs });
  // `env: {}`: the emulator needs no key, whatever the environment holds.
  const adapter = new LettaAdapter({ baseUrl: emulator.baseUrl, env: {} });
  return {
    adapter,
    kind: "emulator",
    where: adapter.baseUrl,
    announcement: [
      "running on the built-in Letta emulator: no account, no server (set LETTA_API_KEY for Letta Cloud, or LETTA_BASE_URL for your own server).",
      'the emulator\'s replies are scripted, not an LLM: it remembers what you say about yourself ("My name is Sam", "I live in Lisbon") and answers from memory ("What\'s my name?").',
      `emulator state: ${file.path}${state ? "" : " (new)"}; --reset starts afresh.`,
    ],
    save: () => file.write(emulator.exportState()),
    close,
  };
}
