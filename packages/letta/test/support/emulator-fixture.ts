/**
 * Test fixture: one Letta emulator per test file behind msw's `setupServer`, with a fresh state
 * for every test, as a user of `@openharness/letta-emulator` would write it.
 */
import { createLettaEmulator, type LettaEmulator, type LettaEmulatorOptions } from "@openharness/letta-emulator";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { LettaAdapter, type LettaAdapterOptions } from "../../src/index";

export { collect, rejection } from "@openharness/vitest-config/test-helpers";

export const TEST_API_KEY = "test-key";

/**
 * Registers hooks that run an emulator for the current test file; `newAdapter` makes a Letta
 * adapter on it (the test key, no environment variables read).
 */
export function useLettaEmulator(options: LettaEmulatorOptions = {}): {
  readonly emulator: LettaEmulator;
  newAdapter(options?: LettaAdapterOptions): LettaAdapter;
} {
  const emulator = createLettaEmulator({ apiKey: TEST_API_KEY, ...options });
  const server = setupServer(...emulator.handlers);
  beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
  afterEach(() => {
    server.resetHandlers();
    emulator.reset();
  });
  afterAll(() => {
    emulator.dispose();
    server.close();
  });
  const newAdapter = (adapterOptions: LettaAdapterOptions = {}) =>
    new LettaAdapter({ apiKey: TEST_API_KEY, baseUrl: emulator.baseUrl, env: {}, ...adapterOptions });
  return { emulator, newAdapter };
}
