import { describeAdapterConformance } from "@openharness/adapter-kit/testing";
import type { ExecutionEvent } from "@openharness/types";
import { afterAll, describe, expect, it } from "vitest";
import { LettaAdapter } from "./letta-adapter";

// Runs against a real Letta (Cloud with LETTA_API_KEY, or LETTA_BASE_URL) and is skipped
// otherwise. It creates agents named `openharness-live-*` and deletes them afterwards.
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const live = Boolean(env.LETTA_API_KEY || env.LETTA_BASE_URL);
const model = env.LETTA_LIVE_MODEL ?? "openai/gpt-4o-mini";
const embedding = env.LETTA_LIVE_EMBEDDING ?? "openai/text-embedding-3-small";
const LIVE_TIMEOUT = 180_000;

describe.skipIf(!live)("Letta live", () => {
  const adapter = live ? new LettaAdapter({ defaultModel: model, defaultEmbeddingModel: embedding }) : undefined;
  const created: string[] = [];
  const newAgent = async () => {
    const agentId = await adapter!.createAgent({
      name: `openharness-live-${Date.now()}`,
      memory_blocks: [
        { label: "human", value: "Name: Alice" },
        { label: "persona", value: "I am a helpful assistant. I keep answers short." },
      ],
    });
    created.push(agentId);
    return agentId;
  };

  afterAll(async () => {
    for (const agentId of created) await adapter!.deleteAgent(agentId).catch(() => undefined);
  }, LIVE_TIMEOUT);

  it("runs the quick start: execute, stream, update memory", { timeout: LIVE_TIMEOUT }, async () => {
    const agentId = await newAgent();
    const result = await adapter!.execute({ message: "Hello! Reply with one short sentence.", agent_id: agentId });
    expect(result.output.length).toBeGreaterThan(0);
    expect(result.metadata.run_id).toMatch(/^run-/);
    expect(result.usage.total_tokens).toBeGreaterThan(0);

    const events: ExecutionEvent[] = [];
    for await (const event of adapter!.executeStream({
      message: "Explain recursion in one sentence.",
      agent_id: agentId,
    }))
      events.push(event);
    expect(events.filter((e) => e.type === "done")).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: "done", stop_reason: "end_turn" });
    expect(events.some((e) => e.type === "text")).toBe(true);

    await adapter!.memory.updateBlock(agentId, "human", "Name: Alice\nPreferences: concise");
    expect((await adapter!.memory.getBlock(agentId, "human")).value).toContain("concise");
  });

  it("guards the routes the adapter uses: agents, sessions, a streamed turn in a session", {
    timeout: LIVE_TIMEOUT,
  }, async () => {
    // createAgent posts to /v1/agents (Cloud's router 404s the SDK's slashed form: wire fact 14).
    const agentId = await newAgent();
    expect((await adapter!.listAgents()).map((agent) => agent.id)).toContain(agentId);
    const session = await adapter!.sessions.create(agentId, { name: "live" });
    expect(session.id).toMatch(/^conv-/);
    const events: ExecutionEvent[] = [];
    for await (const event of adapter!.executeStream({
      message: "Reply with one short sentence.",
      agent_id: agentId,
      session_id: session.id,
    }))
      events.push(event);
    expect(events.at(-1)).toMatchObject({ type: "done", stop_reason: "end_turn" });
    expect((await adapter!.sessions.history(session.id)).some((m) => m.role === "user")).toBe(true);
    await adapter!.sessions.delete(session.id);
    await adapter!.deleteAgent(agentId);
    expect((await adapter!.listAgents()).map((agent) => agent.id)).not.toContain(agentId);
  });

  it("cancels a streaming turn on Letta", { timeout: LIVE_TIMEOUT }, async () => {
    const agentId = await newAgent();
    const controller = new AbortController();
    const events: ExecutionEvent[] = [];
    for await (const event of adapter!.executeStream(
      { message: "Write a long story about a lighthouse keeper.", agent_id: agentId },
      { signal: controller.signal },
    )) {
      events.push(event);
      if (event.type === "text" || event.type === "thinking") controller.abort();
    }
    expect(events.at(-1)).toMatchObject({ type: "done", stop_reason: "cancelled" });
  });

  it("stores and searches archival memory", { timeout: LIVE_TIMEOUT }, async () => {
    const agentId = await newAgent();
    const passage = await adapter!.memory.insertPassage(agentId, "Alice's favourite colour is teal.");
    expect((await adapter!.memory.listPassages(agentId)).map((p) => p.id)).toContain(passage.id);
    await adapter!.memory.deletePassage(agentId, passage.id);
  });
});

if (live) {
  describeAdapterConformance({
    name: "Letta (live)",
    createAdapter: () => new LettaAdapter({ defaultModel: model, defaultEmbeddingModel: embedding }),
    setup: async (adapter) => ({
      agentId: await adapter.createAgent({ name: `openharness-live-conformance-${Date.now()}` }),
    }),
    teardown: (adapter, { agentId }) => adapter.deleteAgent(agentId as string),
    prompts: { simple: "Say hello in five words." },
    timeout: LIVE_TIMEOUT,
  });
}
