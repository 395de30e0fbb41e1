import { describeAdapterConformance } from "@openharness/adapter-kit/testing";
import { setupServer } from "msw/node";
import { afterAll, beforeAll } from "vitest";
import { LettaAdapter } from "./letta-adapter";
import { createLettaEmulator } from "@openharness/letta-emulator";

// One emulator for the whole suite: the agent made in setup must outlive each test.
const emulator = createLettaEmulator({ apiKey: "conformance-key" });
const server = setupServer(...emulator.handlers);
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterAll(() => {
  emulator.dispose();
  server.close();
});

// The kit's conformance suite, run on the Letta adapter through the real SDK and the emulator.
describeAdapterConformance({
  name: "Letta",
  createAdapter: () => new LettaAdapter({ apiKey: "conformance-key", baseUrl: emulator.baseUrl, env: {} }),
  setup: async (adapter) => ({ agentId: await adapter.createAgent({ name: "conformance" }) }),
  teardown: (adapter, { agentId }) => adapter.deleteAgent(agentId as string),
  prompts: { simple: "Hello!", toolUse: "My name is Sam" },
  // The scripted model answers the same input the same way.
  deterministic: true,
});
