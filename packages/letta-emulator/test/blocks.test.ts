import { type APIError, BadRequestError, ConflictError, NotFoundError } from "@letta-ai/letta-client";
import { describe, expect, it } from "vitest";
import { collect, createTestAgent, useLettaEmulator } from "./support/emulator-fixture.js";

const fx = useLettaEmulator();

describe("core memory blocks", () => {
  it("lists, retrieves and updates an agent's blocks by label", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const blocks = await collect(client.agents.blocks.list(agent.id));
    expect(blocks.map((b) => b.label).sort()).toEqual(["human", "persona"]);
    const human = await client.agents.blocks.retrieve("human", { agent_id: agent.id });
    expect(human).toMatchObject({ label: "human", value: "", limit: 2000, read_only: false });
    const updated = await client.agents.blocks.update("human", {
      agent_id: agent.id,
      value: "Likes tea.",
      description: "About the user",
    });
    expect(updated).toMatchObject({ id: human.id, value: "Likes tea.", description: "About the user" });
    expect(fx.emulator.state.blocks[human.id]?.value).toBe("Likes tea.");
  });

  it("enforces the block's character limit with a 400, like Letta's block validator", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const error = await client.agents.blocks
      .update("human", { agent_id: agent.id, value: "x".repeat(2001) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as APIError).error).toEqual({
      detail: "Edit failed: Exceeds 2000 character limit (requested 2001).",
    });
    const raised = await client.agents.blocks.update("human", {
      agent_id: agent.id,
      value: "x".repeat(2001),
      limit: 3000,
    });
    expect(raised.limit).toBe(3000);
    const create = await client.blocks.create({ label: "tiny", value: "too long", limit: 3 }).catch((e: unknown) => e);
    expect(create).toBeInstanceOf(BadRequestError);
  });

  it("404s for an unknown label", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const error = await client.agents.blocks.retrieve("nope", { agent_id: agent.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as APIError).error).toEqual({ detail: `No block with label 'nope' found for agent '${agent.id}'` });
  });

  it("attaches and detaches standalone blocks by id", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const notes = await client.blocks.create({ label: "notes", value: "- buy milk", description: "Shared notes" });
    expect(notes.id).toMatch(/^block-/);
    const attached = await client.agents.blocks.attach(notes.id, { agent_id: agent.id });
    expect(attached.blocks.map((b) => b.label)).toContain("notes");
    expect((await client.blocks.agents.list(notes.id)).items.map((a) => a.id)).toEqual([agent.id]);
    const duplicate = await client.blocks.create({ label: "notes", value: "other" });
    const clash = await client.agents.blocks.attach(duplicate.id, { agent_id: agent.id }).catch((e: unknown) => e);
    expect(clash).toBeInstanceOf(ConflictError);
    const detached = await client.agents.blocks.detach(notes.id, { agent_id: agent.id });
    expect(detached.blocks.map((b) => b.label)).not.toContain("notes");
    expect(fx.emulator.state.blocks[notes.id]).toBeDefined();
  });

  it("manages standalone blocks: list with label filter, retrieve, update, delete (detaching)", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const a = await client.blocks.create({ label: "project", value: "alpha" });
    await client.blocks.create({ label: "other", value: "beta" });
    const byLabel = await client.blocks.list({ label: "project" });
    expect(byLabel.items.map((b) => b.id)).toEqual([a.id]);
    expect((await client.blocks.list({ value_search: "bet" })).items.map((b) => b.label)).toEqual(["other"]);
    expect((await client.blocks.retrieve(a.id)).value).toBe("alpha");
    expect((await client.blocks.update(a.id, { value: "gamma" })).value).toBe("gamma");
    await client.agents.blocks.attach(a.id, { agent_id: agent.id });
    await client.blocks.delete(a.id);
    expect(fx.emulator.state.agents[agent.id]?.block_ids).not.toContain(a.id);
    expect(await client.blocks.retrieve(a.id).catch((e: unknown) => e)).toBeInstanceOf(NotFoundError);
  });
});
