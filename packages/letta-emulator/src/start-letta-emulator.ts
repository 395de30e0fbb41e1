import { createLettaEmulator } from "./create-letta-emulator.js";
import type { LettaEmulator } from "./letta-emulator.js";
import type { LettaEmulatorOptions } from "./letta-emulator-options.js";

/** Options for {@link startLettaEmulator}. */
export interface StartLettaEmulatorOptions extends LettaEmulatorOptions {
  /**
   * What msw does with requests the emulator doesn't handle (other hosts). `"bypass"` (default)
   * lets them through; `"error"` fails them, catching stray network calls in tests.
   */
  onUnhandledRequest?: "bypass" | "error" | "warn";
}

/** The msw 3 server (`SetupServer` from `msw/node`). */
export type LettaEmulatorServer = ReturnType<typeof import("msw/node").setupServer>;

/** A running emulator: the emulator, the msw server intercepting `fetch`, and a way to stop both. */
export interface RunningLettaEmulator {
  emulator: LettaEmulator;
  /** Same as `emulator.baseUrl`; pass it as the SDK's `baseURL`. */
  baseUrl: string;
  /** The msw server (e.g. to add handlers with `server.use(...)`). */
  server: LettaEmulatorServer;
  /** Ends open streams and runs, clears timers and stops intercepting. */
  close(): Promise<void>;
}

/**
 * Creates an emulator and starts intercepting `fetch` with msw's `setupServer` (Node only; `msw/node`
 * is loaded lazily, so importing this package stays platform neutral). msw supports one active
 * `setupServer` per process: to combine the emulator with other mocks, call `setupServer` yourself
 * with `emulator.handlers` and your own handlers.
 *
 * @example
 * ```ts
 * const { emulator, close } = await startLettaEmulator({ apiKey: "test-key", onUnhandledRequest: "error" });
 * const client = new Letta({ apiKey: "test-key", baseURL: emulator.baseUrl, maxRetries: 0 });
 * // ...
 * await close();
 * ```
 */
export async function startLettaEmulator(options: StartLettaEmulatorOptions = {}): Promise<RunningLettaEmulator> {
  const { setupServer } = await import("msw/node");
  const { onUnhandledRequest = "bypass", ...emulatorOptions } = options;
  const emulator = createLettaEmulator(emulatorOptions);
  const server = setupServer(...emulator.handlers);
  server.listen({ onUnhandledFrame: onUnhandledRequest });
  return {
    emulator,
    baseUrl: emulator.baseUrl,
    server,
    async close() {
      emulator.dispose();
      server.close();
    },
  };
}
