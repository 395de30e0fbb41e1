/**
 * Test fixture: one emulator per test file behind msw's `setupServer`, the real SDK pointed at
 * it, and a fresh state for every test.
 */
import Letta from "@letta-ai/letta-client";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

export { collect, rejection } from "@openharness/vitest-config/test-helpers";
import {
  createLettaEmulator,
  type LettaEmulator,
  type LettaEmulatorOptions,
  type LettaExchange,
} from "../../src/index.js";

export const TEST_API_KEY = "test-key";

export interface EmulatorFixture {
  readonly emulator: LettaEmulator;
  /** Exchanges of the current test (reset after each test). */
  readonly exchanges: LettaExchange[];
  /** The msw server; `server.use(...)` additions are reset after each test. */
  readonly server: ReturnType<typeof setupServer>;
  /** A client with retries off (so fault tests see exactly one request). */
  client(overrides?: ConstructorParameters<typeof Letta>[0]): Letta;
}

/** Registers hooks that run an emulator for the current test file. */
export function useLettaEmulator(options: LettaEmulatorOptions = {}): EmulatorFixture {
  const exchanges: LettaExchange[] = [];
  const emulator = createLettaEmulator({
    apiKey: TEST_API_KEY,
    ...options,
    onExchange: (exchange) => {
      exchanges.push(exchange);
      options.onExchange?.(exchange);
    },
  });
  const server = setupServer(...emulator.handlers);
  beforeAll(() => {
    server.listen({ onUnhandledFrame: "error" });
  });
  afterEach(async () => {
    server.resetHandlers();
    emulator.reset();
    exchanges.length = 0;
  });
  afterAll(() => {
    emulator.dispose();
    server.close();
  });
  return {
    emulator,
    exchanges,
    server,
    client: (overrides = {}) =>
      new Letta({ apiKey: TEST_API_KEY, baseURL: emulator.baseUrl, maxRetries: 0, logLevel: "off", ...overrides }),
  };
}

/** Creates an agent with `human` and `persona` blocks (the usual starting point). */
export async function createTestAgent(client: Letta, overrides: Parameters<Letta["agents"]["create"]>[0] = {}) {
  return client.agents.create({
    name: "test-agent",
    model: "openai/gpt-4o-mini",
    memory_blocks: [
      { label: "human", value: "", limit: 2000 },
      { label: "persona", value: "I am a helpful assistant.", limit: 2000 },
    ],
    ...overrides,
  });
}

/** The SSE frames of the last streamed exchange, as `event`/`data` pairs with JSON parsed. */
export function lastStreamFrames(exchanges: readonly LettaExchange[]): Array<{ event?: string; data: unknown }> {
  const exchange = [...exchanges].reverse().find((e) => e.response.frames);
  return (exchange?.response.frames ?? []).map((f) => {
    let data: unknown = f.data;
    try {
      data = JSON.parse(f.data);
    } catch {
      // `[DONE]` and raw frames stay text.
    }
    return f.event === undefined ? { data } : { event: f.event, data };
  });
}
