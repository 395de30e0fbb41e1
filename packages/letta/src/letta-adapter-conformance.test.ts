import { describeAdapterConformance } from "@openharness/adapter-kit/testing";
import { setupServer } from "msw/node";
import { afterAll, beforeAll } from "vitest";
import { LettaAdapter } from "./letta-adapter";
import { createLettaEmulator, createMemoryChatModel, type ScriptedModel } from "@openharness/letta-emulator";

const APPROVAL_PROMPT = "Please delete the scratch file";
const chat = createMemoryChatModel();
// The memory-chat agent, which also asks to delete a file (a tool needing approval) when told to.
const model: ScriptedModel = (turn) =>
  turn.input === APPROVAL_PROMPT
    ? [
        { toolCalls: [{ name: "delete_file", arguments: { path: "/tmp/scratch" }, result: "deleted /tmp/scratch" }] },
        { assistant: "Deleted." },
      ]
    : chat(turn);
const DELETE_FILE =
  'def delete_file(path: str) -> str:\n    """Delete a file.\n\n    Args:\n        path: The file.\n    """\n    return "deleted"\n';

// One emulator for the whole suite: the agent made in setup must outlive each test.
const emulator = createLettaEmulator({ apiKey: "conformance-key", model });
const server = setupServer(...emulator.handlers);
beforeAll(async () => {
  server.listen({ onUnhandledFrame: "error" });
  await new LettaAdapter({ apiKey: "conformance-key", baseUrl: emulator.baseUrl, env: {} }).client.tools.create({
    source_code: DELETE_FILE,
    default_requires_approval: true,
  });
});
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
  prompts: { simple: "Hello!", toolUse: "My name is Sam", approval: APPROVAL_PROMPT },
  agentConfig: { name: "oh-conformance-fresh", tools: ["delete_file"] },
  // The scripted model answers the same input the same way.
  deterministic: true,
});
