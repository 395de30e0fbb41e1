import { type APIError, BadRequestError, NotFoundError, UnprocessableEntityError } from "@letta-ai/letta-client";
import { describe, expect, it } from "vitest";
import { createLettaEmulator } from "../src/index.js";
import { allowContractViolations } from "../src/contract/index.js";
import { collect, createTestAgent, useLettaEmulator } from "./support/emulator-fixture.js";

const fx = useLettaEmulator();

describe("agents", () => {
  it("creates an agent like Letta: letta_v1_agent, agent-<uuid4> id, blocks, base tools, system message", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client, { tags: ["demo"], metadata: { team: "qa" } });
    expect(agent.id).toMatch(/^agent-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(agent.agent_type).toBe("letta_v1_agent");
    expect(agent.model).toBe("openai/gpt-4o-mini");
    expect(agent.llm_config).toMatchObject({
      model: "gpt-4o-mini",
      model_endpoint_type: "openai",
      handle: "openai/gpt-4o-mini",
    });
    expect(agent.blocks.map((b) => [b.label, b.limit])).toEqual([
      ["human", 2000],
      ["persona", 2000],
    ]);
    expect(agent.blocks.every((b) => /^block-/.test(b.id ?? ""))).toBe(true);
    expect(agent.tools.map((t) => t.name).sort()).toEqual(["conversation_search", "memory_insert", "memory_replace"]);
    expect(agent.tags).toEqual(["demo"]);
    expect(agent.metadata).toEqual({ team: "qa" });
    const history = await client.agents.messages.list(agent.id, { order: "asc" });
    expect(history.items.map((m) => m.message_type)).toEqual(["system_message"]);
  });

  it("attaches named tools, skips base tools on request, and rejects unknown tool names", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client, { tools: ["archival_memory_insert"], include_base_tools: false });
    expect(agent.tools.map((t) => t.name)).toEqual(["archival_memory_insert"]);
    const error = await createTestAgent(client, { tools: ["no_such_tool"] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as APIError).error).toEqual({ detail: "INVALID_ARGUMENT: Tools not found by name: 'no_such_tool'" });
    expect(Object.keys(fx.emulator.state.agents)).toHaveLength(1);
  });

  it("requires a model unless a default is configured (400 like Letta)", async () => {
    const client = fx.client();
    const error = await client.agents.create({ name: "no-model" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as APIError).error).toEqual({ detail: "Must specify either model or llm_config" });
  });

  it("uses the configured default model", async () => {
    const other = createLettaEmulator({
      baseUrl: "https://other.letta.invalid",
      defaultModel: "anthropic/claude-sonnet-4",
    });
    fx.server.use(...other.handlers);
    const client = fx.client({ baseURL: other.baseUrl });
    const agent = await client.agents.create({ name: "defaulted" });
    expect(agent.model).toBe("anthropic/claude-sonnet-4");
    expect(agent.llm_config.model_endpoint_type).toBe("anthropic");
    other.dispose();
  });

  it("loads relations only when `include` asks for them (1.x SDK behaviour)", async () => {
    const client = fx.client();
    const created = await createTestAgent(client, { tags: ["a"] });
    const bare = await client.agents.retrieve(created.id);
    expect(bare.blocks).toEqual([]);
    expect(bare.tools).toEqual([]);
    expect(bare.tags).toEqual([]);
    expect(bare.memory.blocks).toEqual([]);
    const full = await client.agents.retrieve(created.id, { include: ["agent.blocks", "agent.tools", "agent.tags"] });
    expect(full.blocks.map((b) => b.label)).toEqual(["human", "persona"]);
    expect(full.tools).toHaveLength(3);
    expect(full.tags).toEqual(["a"]);
    const request = fx.emulator.requests.at(-1);
    expect(request?.query).toEqual({ include: ["agent.blocks", "agent.tools", "agent.tags"] });
  });

  it("lists newest first by default and paginates with after/before/limit", async () => {
    const client = fx.client();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createTestAgent(client, { name: `agent-${i}` })).id);
    const first = await client.agents.list({ limit: 2 });
    expect(first.items.map((a) => a.name)).toEqual(["agent-4", "agent-3"]);
    expect(first.hasNextPage()).toBe(true);
    const second = await first.getNextPage();
    expect(second.items.map((a) => a.name)).toEqual(["agent-2", "agent-1"]);
    const all = await collect(client.agents.list({ limit: 2 }));
    expect(all.map((a) => a.name)).toEqual(["agent-4", "agent-3", "agent-2", "agent-1", "agent-0"]);
    const asc = await client.agents.list({ order: "asc", limit: 10 });
    expect(asc.items.map((a) => a.id)).toEqual(ids);
    const before = await client.agents.list({ order: "asc", before: ids[3], limit: 2 });
    expect(before.items.map((a) => a.id)).toEqual([ids[1], ids[2]]);
    expect((await client.agents.list({ name: "agent-2" })).items.map((a) => a.id)).toEqual([ids[2]]);
  });

  it("filters by tags (any / all)", async () => {
    const client = fx.client();
    await createTestAgent(client, { name: "a", tags: ["x", "y"] });
    await createTestAgent(client, { name: "b", tags: ["x"] });
    expect((await client.agents.list({ tags: ["y"] })).items.map((a) => a.name)).toEqual(["a"]);
    expect((await client.agents.list({ tags: ["x", "y"], match_all_tags: true })).items.map((a) => a.name)).toEqual([
      "a",
    ]);
    expect((await client.agents.list({ tags: ["x", "y"] })).items.map((a) => a.name)).toEqual(["b", "a"]);
  });

  it("updates an agent", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const updated = await client.agents.update(agent.id, {
      name: "renamed",
      description: "d",
      model: "anthropic/claude-sonnet-4",
      tags: ["t"],
    });
    expect(updated).toMatchObject({
      name: "renamed",
      description: "d",
      model: "anthropic/claude-sonnet-4",
      tags: ["t"],
    });
    expect(updated.llm_config.model_endpoint_type).toBe("anthropic");
  });

  it("deletes an agent with its own blocks, passages and messages but keeps shared blocks", async () => {
    const client = fx.client();
    const shared = await client.blocks.create({ label: "shared", value: "team facts" });
    const a = await createTestAgent(client, { block_ids: [shared.id] });
    const b = await createTestAgent(client, { block_ids: [shared.id] });
    await client.agents.passages.create(a.id, { text: "a fact" });
    await client.agents.messages.create(a.id, { input: "hello" });
    const ownBlocks = a.blocks.filter((blk) => blk.label !== "shared").map((blk) => blk.id ?? "");
    const result = await client.agents.delete(a.id);
    expect(result).toEqual({ message: `Agent id=${a.id} successfully deleted` });
    for (const id of ownBlocks) expect(fx.emulator.state.blocks[id]).toBeUndefined();
    expect(fx.emulator.state.blocks[shared.id]).toBeDefined();
    expect(fx.emulator.state.passages[a.id]).toBeUndefined();
    expect(fx.emulator.state.messages[a.id]).toBeUndefined();
    expect((await client.blocks.agents.list(shared.id)).items.map((x) => x.id)).toEqual([b.id]);
  });

  it("answers 404 {detail: 'Agent not found'} for a well-formed unknown id", async () => {
    const client = fx.client();
    const error = await client.agents.retrieve("agent-123e4567-e89b-42d3-8456-426614174000").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as APIError).status).toBe(404);
    expect((error as APIError).error).toEqual({ detail: "Agent not found" });
  });

  it("answers 422 for a malformed agent id, as Letta's AgentId validator does", async () => {
    allowContractViolations(
      "the request uses a malformed agent id on purpose",
      (v) => v.location === "request.path.agent_id",
    );
    const error = await fx
      .client()
      .agents.retrieve("not-an-agent")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as APIError).error).toMatchObject({ detail: expect.stringContaining("agent-<uuid4>") });
  });

  it("serves clients that aren't the 1.x SDK like Letta: all relations, AgentState from attach, no streaming", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const headers = {
      authorization: "Bearer test-key",
      "user-agent": "curl/8.5.0",
      "content-type": "application/json",
    };
    const retrieved = (await (await fetch(`${fx.emulator.baseUrl}/v1/agents/${agent.id}`, { headers })).json()) as {
      blocks: unknown[];
      tools: unknown[];
    };
    expect(retrieved.blocks).toHaveLength(2);
    expect(retrieved.tools).toHaveLength(3);
    const [tool] = (await client.tools.list({ name: "archival_memory_search" })).items;
    const attached = await fetch(`${fx.emulator.baseUrl}/v1/agents/${agent.id}/tools/attach/${tool?.id}`, {
      method: "PATCH",
      headers,
    });
    expect(((await attached.json()) as { id: string }).id).toBe(agent.id);
    const streaming = await fetch(`${fx.emulator.baseUrl}/v1/agents/${agent.id}/messages`, {
      method: "POST",
      headers,
      body: JSON.stringify({ input: "hi", streaming: true }),
    });
    expect(streaming.status).toBe(422);
    expect(await streaming.json()).toEqual({ detail: "streaming=true is only supported for SDK v1.0+ clients." });
  });

  it("redirects a missing trailing slash with 307, as FastAPI does", async () => {
    const response = await fetch(`${fx.emulator.baseUrl}/v1/agents?limit=1`, {
      headers: { authorization: "Bearer test-key" },
      redirect: "manual",
    });
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe(`${fx.emulator.baseUrl}/v1/agents/?limit=1`);
    const followed = await fetch(`${fx.emulator.baseUrl}/v1/agents?limit=1`, {
      headers: { authorization: "Bearer test-key" },
    });
    expect(await followed.json()).toEqual([]);
  });

  it("reports health without auth", async () => {
    const client = fx.client({ apiKey: "wrong" });
    expect(await client.health()).toEqual({ version: "0.16.8", status: "ok" });
  });
});
