import { describe, expect, it } from "vitest";
import { useLettaEmulator } from "../test/support/emulator-fixture";
import type { LettaAdapter } from "./letta-adapter";

const { emulator, newAdapter: adapter } = useLettaEmulator();
const agentToolNames = async (letta: LettaAdapter, agent_id: string) =>
  (await letta.listTools({ agent_id })).map((tool) => tool.name);
const attaches = () => emulator.requests.filter((r) => r.method === "PATCH" && /\/tools\/attach\//.test(r.path));

describe("archival memory the agent can use", () => {
  it("a new agent lacks the archival tools; the first insertPassage attaches them, once", async () => {
    const letta = adapter();
    const agentId = await letta.createAgent({});
    expect(await agentToolNames(letta, agentId)).not.toContain("archival_memory_search");

    await letta.memory.insertPassage(agentId, "Sam's locker code is 4417.");
    await letta.memory.insertPassage(agentId, "Sam parks on level 3.");

    const names = await agentToolNames(letta, agentId);
    expect(names).toEqual(expect.arrayContaining(["archival_memory_search", "archival_memory_insert"]));
    expect(attaches()).toHaveLength(2);
  });

  it("the agent then finds what was inserted with archival_memory_search", async () => {
    const letta = adapter();
    const agentId = await letta.createAgent({});
    await letta.memory.insertPassage(agentId, "Sam's locker code is 4417.");
    emulator.script([
      { toolCalls: [{ name: "archival_memory_search", arguments: { query: "locker code" }, id: "call_search" }] },
      { assistant: "Your locker code is 4417." },
    ]);
    const events = [];
    for await (const event of letta.executeStream({ message: "What's my locker code?", agent_id: agentId }))
      events.push(event);
    const result = events.find((e) => e.type === "tool_result");
    expect(result).toMatchObject({ type: "tool_result", id: "call_search", success: true });
    expect(JSON.stringify(result)).toContain("4417");
  });

  it("leaves the agent's tools alone with archivalTools: false, and refuses a non-boolean", async () => {
    const letta = adapter({ archivalTools: false });
    const agentId = await letta.createAgent({});
    await letta.memory.insertPassage(agentId, "Sam's locker code is 4417.");
    expect(await agentToolNames(letta, agentId)).not.toContain("archival_memory_search");
    expect(attaches()).toHaveLength(0);
    expect(() => adapter({ archivalTools: "yes" as never })).toThrow(/archivalTools/);
  });

  it("does not attach what the agent already has", async () => {
    const letta = adapter();
    const agentId = await letta.createAgent({ tools: ["archival_memory_search", "archival_memory_insert"] });
    await letta.memory.insertPassage(agentId, "Sam's locker code is 4417.");
    expect(attaches()).toHaveLength(0);
  });
});
