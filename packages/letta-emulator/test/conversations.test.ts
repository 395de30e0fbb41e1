import { ConflictError, NotFoundError } from "@letta-ai/letta-client";
import type { LettaStreamingResponse } from "@letta-ai/letta-client/resources/agents/messages";
import { describe, expect, it } from "vitest";
import { createLettaEmulator } from "../src/index.js";
import { collect, createTestAgent, rejection, useLettaEmulator } from "./support/emulator-fixture.js";

const fx = useLettaEmulator();

type Item = Record<string, unknown>;

async function say(conversationId: string, text: string): Promise<LettaStreamingResponse[]> {
  const stream = await fx.client().conversations.messages.create(conversationId, { input: text });
  return collect(stream);
}

const assistantText = (frames: readonly unknown[]) =>
  frames
    .filter((f) => (f as Item).message_type === "assistant_message")
    .map((f) => (f as Item).content)
    .join("");

describe("conversations", () => {
  it("creates, retrieves, lists (paged), updates and deletes conversations of an agent", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const other = await createTestAgent(client);
    const a = await client.conversations.create({ agent_id: agent.id, summary: "support" });
    const b = await client.conversations.create({ agent_id: agent.id });
    await client.conversations.create({ agent_id: other.id });
    expect(a).toMatchObject({ agent_id: agent.id, summary: "support" });
    expect(a.id).toMatch(/^conv-/);
    expect(a.in_context_message_ids).toHaveLength(1);
    expect(await client.conversations.retrieve(a.id)).toMatchObject({ id: a.id, agent_id: agent.id });

    const newestFirst = await client.conversations.list({ agent_id: agent.id });
    expect(newestFirst.map((c) => c.id)).toEqual([b.id, a.id]);
    const page1 = await client.conversations.list({ agent_id: agent.id, order: "asc", limit: 1 });
    const page2 = await client.conversations.list({ agent_id: agent.id, order: "asc", limit: 1, after: page1[0]?.id });
    const page3 = await client.conversations.list({ agent_id: agent.id, order: "asc", limit: 1, after: page2[0]?.id });
    expect([...page1, ...page2, ...page3].map((c) => c.id)).toEqual([a.id, b.id]);
    expect(await client.conversations.list({ summary_search: "SUPP" })).toHaveLength(1);

    expect(await client.conversations.update(b.id, { summary: "billing" })).toMatchObject({ summary: "billing" });
    await client.conversations.delete(a.id);
    expect(await rejection(client.conversations.retrieve(a.id))).toBeInstanceOf(NotFoundError);
    expect((await client.conversations.list({ agent_id: agent.id })).map((c) => c.id)).toEqual([b.id]);
    // Deleting a conversation keeps its agent.
    expect((await client.agents.retrieve(agent.id)).id).toBe(agent.id);
  });

  it("keeps one history per conversation while the agent's memory is shared", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const a = await client.conversations.create({ agent_id: agent.id });
    const b = await client.conversations.create({ agent_id: agent.id });
    await say(a.id, "My name is Sam");
    expect(assistantText(await say(b.id, "What is my name?"))).toBe("Your name is Sam.");

    const historyA = await client.conversations.messages.list(a.id, { order: "asc" });
    const historyB = await client.conversations.messages.list(b.id, { order: "asc" });
    const userTexts = (items: readonly unknown[]) =>
      items.filter((m) => (m as Item).message_type === "user_message").map((m) => (m as Item).content);
    expect(userTexts(historyA.getPaginatedItems())).toEqual(["My name is Sam"]);
    expect(userTexts(historyB.getPaginatedItems())).toEqual(["What is my name?"]);
    expect(historyA.getPaginatedItems()[0]).toMatchObject({ message_type: "system_message" });
    // The agent's default conversation saw neither.
    const direct = await client.agents.messages.list(agent.id);
    expect(userTexts(direct.getPaginatedItems())).toEqual([]);
    // Runs name their conversation.
    const runId = (historyA.getPaginatedItems()[1] as unknown as Item).run_id as string;
    expect((await client.runs.retrieve(runId)).conversation_id).toBe(a.id);
  });

  it("pages messages by position: before/after whatever the order, limit counts stored messages", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const conversation = await client.conversations.create({ agent_id: agent.id });
    await say(conversation.id, "hello");
    await say(conversation.id, "hello again");
    const all = (await client.conversations.messages.list(conversation.id, { order: "asc" })).getPaginatedItems();
    const ids = [...new Set(all.map((m) => m.id))];
    const page = async (query: Record<string, unknown>) => [
      ...new Set(
        (await client.conversations.messages.list(conversation.id, query)).getPaginatedItems().map((m) => m.id),
      ),
    ];
    const last = ids.at(-1) as string;
    expect(await page({ order: "desc", limit: 2 })).toEqual(ids.slice(-2).reverse());
    expect(await page({ order: "desc", before: last, limit: 2 })).toEqual(ids.slice(-3, -1).reverse());
    expect(await page({ order: "asc", after: ids[0], limit: 2 })).toEqual(ids.slice(1, 3));
    expect(await page({ order: "asc", after: last })).toEqual([]);
  });

  it("forks a conversation: same messages, its own system message, then its own history", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const source = await client.conversations.create({ agent_id: agent.id });
    await say(source.id, "hello");
    const fork = await client.conversations.fork(source.id);
    expect(fork).toMatchObject({ agent_id: agent.id });
    expect(fork.id).not.toBe(source.id);
    const ids = async (id: string) =>
      (await client.conversations.messages.list(id, { order: "asc" })).getPaginatedItems().map((m) => m.id);
    const [sourceIds, forkIds] = [await ids(source.id), await ids(fork.id)];
    expect(forkIds.slice(1)).toEqual(sourceIds.slice(1));
    expect(forkIds[0]).not.toBe(sourceIds[0]);
    await say(fork.id, "only in the fork");
    expect(await ids(source.id)).toEqual(sourceIds);
  });

  it("answers 409 conversation-busy to a second stream while one runs, and cancels only that conversation", async () => {
    // Paced (30 ms a frame) so the run is still going when the second request comes.
    const paced = createLettaEmulator({ baseUrl: "https://paced.letta.invalid", frameDelayMs: 30 });
    fx.server.use(...paced.handlers);
    const client = fx.client({ baseURL: paced.baseUrl });
    paced.script(Array.from({ length: 8 }, (_, i) => ({ reasoning: `Step ${i}.`, assistant: `Part ${i}.` })));
    const agent = await createTestAgent(client);
    const conversation = await client.conversations.create({ agent_id: agent.id });
    const other = await client.conversations.create({ agent_id: agent.id });
    const stream = await client.conversations.messages.create(conversation.id, { input: "hello", include_pings: true });
    const iterator = stream[Symbol.asyncIterator]();
    const first = (await iterator.next()).value as unknown as Item;
    const runId = first.run_id as string;
    expect(runId).toMatch(/^run-/);

    const busy = await rejection(client.conversations.messages.create(conversation.id, { input: "again" }));
    expect(busy).toBeInstanceOf(ConflictError);
    expect((busy as ConflictError).error).toEqual({
      detail: `CONFLICT: Cannot send a new message: Another request (run_id=${runId}) is currently being processed for this conversation. Please wait for it to complete.`,
      run_id: runId,
    });
    expect(await rejection(client.conversations.cancel(other.id))).toBeInstanceOf(ConflictError);
    expect(await client.conversations.cancel(conversation.id)).toEqual({ [runId]: "cancelled" });
    const rest: unknown[] = [];
    for (let step = await iterator.next(); !step.done; step = await iterator.next()) rest.push(step.value);
    expect(rest.at(-2)).toEqual({ message_type: "stop_reason", stop_reason: "cancelled" });
    expect(paced.state.runs[runId]).toMatchObject({ status: "cancelled", conversation_id: conversation.id });
    await paced.idle();
    paced.dispose();
  });

  it("404s sends and reads for unknown or deleted conversations", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const conversation = await client.conversations.create({ agent_id: agent.id });
    await client.conversations.delete(conversation.id);
    expect(await rejection(client.conversations.messages.list(conversation.id))).toBeInstanceOf(NotFoundError);
    expect(await rejection(say(conversation.id, "hi"))).toBeInstanceOf(NotFoundError);
    expect(await rejection(client.conversations.create({ agent_id: `agent-${crypto.randomUUID()}` }))).toBeInstanceOf(
      NotFoundError,
    );
  });
});
