import { describeAdapterConformance } from "@openharness/adapter-kit/testing";
import { LettaLocalAdapter } from "@openharness/letta";
import { appServerTarget, describeAppServer } from "./app-server";

// The kit's conformance suite, run on LettaLocalAdapter against a real App Server and the scripted model.
describeAppServer("LettaLocalAdapter on a real App Server", () => {
  describeAdapterConformance({
    name: "Letta (local)",
    createAdapter: () =>
      new LettaLocalAdapter({ url: appServerTarget().url, defaultModel: appServerTarget().model, env: {} }),
    setup: async (adapter) => ({ agentId: await adapter.createAgent({ name: "conformance" }) }),
    teardown: async (adapter, { agentId }) => {
      await adapter.deleteAgent(agentId as string);
      adapter.close();
    },
    // The scripted model answers "Hello!" with text, and "remember: ..." with a memory tool call.
    prompts: { simple: "think: Hello!", toolUse: "remember: The user likes tea." },
    deterministic: true,
    timeout: 60_000,
  });
});
