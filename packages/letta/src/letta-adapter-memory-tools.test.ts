import { ConflictError, InvalidRequestError, NotFoundError } from "@openharness/adapter-kit";
import { describe, expect, it } from "vitest";
import { rejection, useLettaEmulator } from "../test/support/emulator-fixture";

const { emulator, newAdapter } = useLettaEmulator();

describe("LettaAdapter memory", () => {
  it("reads, updates, adds and deletes blocks by label", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    expect((await adapter.memory.getBlocks(agentId)).map((b) => b.label).sort()).toEqual(["human", "persona"]);

    const updated = await adapter.memory.updateBlock(agentId, "persona", {
      value: "Terse.",
      description: "Who I am",
      limit: 500,
    });
    expect(updated).toMatchObject({ label: "persona", value: "Terse.", description: "Who I am", limit: 500 });

    const added = await adapter.memory.addBlock(agentId, { label: "projects", value: "OpenHarness", read_only: true });
    expect(added).toMatchObject({
      label: "projects",
      value: "OpenHarness",
      read_only: true,
      id: expect.stringMatching(/^block-/),
    });
    expect(
      ConflictError.isInstance(
        await rejection(adapter.memory.addBlock(agentId, { label: "projects", value: "again" })),
      ),
    ).toBe(true);

    await adapter.memory.deleteBlock(agentId, "projects");
    expect((await adapter.memory.getBlocks(agentId)).map((b) => b.label)).not.toContain("projects");
    // Not shared with another agent: the block itself is gone, not orphaned.
    expect(added.id !== undefined && added.id in emulator.state.blocks).toBe(false);

    const missing = await rejection(adapter.memory.deleteBlock(agentId, "projects"));
    expect(NotFoundError.isInstance(missing) && missing.resource).toBe("memory_block");
  });

  it("keeps a block another agent still uses when one agent deletes it", async () => {
    const adapter = newAdapter();
    const [first, second] = [await adapter.createAgent({}), await adapter.createAgent({})];
    const shared = await adapter.memory.addBlock(first, { label: "team", value: "shared facts" });
    await adapter.client.agents.blocks.attach(shared.id as string, { agent_id: second });
    await adapter.memory.deleteBlock(first, "team");
    expect((await adapter.memory.getBlock(second, "team")).value).toBe("shared facts");
  });

  it("inserts, lists, searches and deletes archival passages", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    const teal = await adapter.memory.insertPassage(agentId, "Sam's favourite colour is teal", { tags: ["prefs"] });
    await adapter.memory.insertPassage(agentId, "The project deadline is in March");
    expect(teal).toMatchObject({ id: expect.any(String), text: "Sam's favourite colour is teal", tags: ["prefs"] });
    expect(await adapter.memory.listPassages(agentId)).toHaveLength(2);
    const found = await adapter.memory.searchPassages(agentId, "favourite colour", { top_k: 1 });
    expect(found).toEqual([expect.objectContaining({ id: teal.id, text: "Sam's favourite colour is teal" })]);
    await adapter.memory.deletePassage(agentId, teal.id);
    expect((await adapter.memory.listPassages(agentId)).map((p) => p.id)).not.toContain(teal.id);
  });
});

describe("LettaAdapter tools", () => {
  const source = `def roll_dice(sides: int) -> str:
    """Roll a die.

    Args:
        sides: How many sides the die has.
    """
    import random
    return str(random.randint(1, sides))
`;

  it("registers a Python tool, attaches it, and lists it with its argument schema", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    const tool = await adapter.registerTool({ source_code: source, agent_id: agentId, tags: ["games"] });
    expect(tool).toMatchObject({
      name: "roll_dice",
      source: "custom",
      input_schema: { type: "object", properties: { sides: { type: "integer" } }, required: ["sides"] },
    });
    const agentTools = await adapter.listTools({ agent_id: agentId });
    expect(agentTools.map((t) => t.name)).toContain("roll_dice");
    const all = await adapter.listTools();
    expect(all.find((t) => t.name === "memory_insert")?.source).toBe("builtin");
    await adapter.unregisterTool(tool.id);
    expect((await adapter.listTools()).map((t) => t.name)).not.toContain("roll_dice");
  });

  it("refuses a name that is not the function's before sending", async () => {
    const adapter = newAdapter();
    const before = emulator.requests.length;
    const error = await rejection(adapter.registerTool({ source_code: source, name: "dice" }));
    expect(InvalidRequestError.isInstance(error) && error.issues[0]?.path).toBe("name");
    expect(emulator.requests.length).toBe(before);
  });
});
