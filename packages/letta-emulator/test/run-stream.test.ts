import { BadRequestError, ConflictError, NotFoundError } from "@letta-ai/letta-client";
import { describe, expect, it } from "vitest";
import { createTestAgent, useLettaEmulator } from "./support/emulator-fixture.js";

// Short keepalives, so a test can watch the pings of a quiet run.
const fx = useLettaEmulator({ keepaliveMs: 40 });

type Item = Record<string, unknown>;

async function drain(stream: AsyncIterable<unknown>): Promise<{ items: Item[]; error: unknown }> {
  const items: Item[] = [];
  try {
    for await (const item of stream) items.push(item as Item);
    return { items, error: undefined };
  } catch (error) {
    return { items, error };
  }
}

/** A stream's chunks without pings (keepalives are made per connection), with their seq_ids. */
const stored = (items: Item[]) =>
  items.filter((i) => i.message_type !== "ping").map((i) => [i.message_type, i.id, i.seq_id]);

const SCRIPT = [{ reasoning: "thinking it over", assistant: "hello there" }];

async function backgroundTurn(fault?: Parameters<typeof fx.emulator.inject>[0]) {
  const client = fx.client();
  const agent = await createTestAgent(client);
  fx.emulator.script(SCRIPT);
  if (fault) fx.emulator.inject(fault);
  const stream = await client.agents.messages.create(agent.id, { input: "go", streaming: true, background: true });
  return { client, agent, ...(await drain(stream)) };
}

describe("background runs and /v1/runs/{run_id}/stream", () => {
  it("numbers every chunk from 1 (the run's ping first); stop reason and usage carry no seq_id", async () => {
    const { items } = await backgroundTurn();
    expect(items.map((i) => [i.message_type, i.seq_id])).toEqual([
      ["ping", 1],
      ["reasoning_message", 2],
      ["assistant_message", 3],
      ["stop_reason", undefined],
      ["usage_statistics", undefined],
    ]);
    expect(items[0]?.run_id).toMatch(/^run-/);
  });

  it("replays the chunks after starting_after, to the end, after the first connection was reset", async () => {
    const { client, items, error } = await backgroundTurn({ type: "stream-reset", afterFrames: 2 });
    expect(error).toBeInstanceOf(Error);
    // A reset may lose what the client had received but not read yet, as on a real socket.
    expect([1, 2].slice(0, items.length)).toEqual(items.map((i) => i.seq_id));
    const runId = fx.emulator.requests.length && Object.keys(fx.emulator.state.runs)[0];
    await fx.emulator.idle();
    expect(fx.emulator.state.runs[runId as string]?.status).toBe("completed");
    const resumed = await drain(await client.runs.messages.stream(runId as string, { starting_after: 1 }));
    expect(resumed.error).toBeUndefined();
    expect(resumed.items.map((i) => i.message_type)).toEqual([
      "reasoning_message",
      "assistant_message",
      "stop_reason",
      "usage_statistics",
    ]);
    expect(resumed.items.map((i) => i.seq_id)).toEqual([2, 3, undefined, undefined]);
  });

  it("refuses a run that was not started in background mode (400) and an unknown run (404)", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const items = (await drain(await client.agents.messages.create(agent.id, { input: "go", streaming: true }))).items;
    const runId = items[0]?.run_id as string;
    await expect(client.runs.messages.stream(runId)).rejects.toBeInstanceOf(BadRequestError);
    await expect(client.runs.messages.stream("run-00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("holds the body open after [DONE] with the hold-open fault, until the client aborts", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    fx.emulator.script(SCRIPT);
    fx.emulator.inject({ type: "hold-open" });
    const controller = new AbortController();
    const stream = await client.agents.messages.create(
      agent.id,
      { input: "go", streaming: true, background: true },
      { signal: controller.signal },
    );
    const seen: string[] = [];
    for await (const item of stream) {
      seen.push(String((item as Item).message_type));
      // The SDK swallows [DONE] and waits for the close that never comes: only an abort ends it.
      if ((item as Item).message_type === "usage_statistics") setTimeout(() => controller.abort(), 30);
    }
    expect(seen.at(-1)).toBe("usage_statistics");
    const closed = fx.exchanges.at(-1);
    expect(closed?.aborted).toBe(true);
    expect(closed?.response.frames?.map((f) => f.data).at(-1)).toBe("[DONE]");
  });

  it("a reset at any frame loses nothing: re-attaching by the message's otid from the last seq_id read gives the rest", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const script = [
      { reasoning: "thinking", toolCalls: [{ name: "conversation_search", arguments: { query: "x" } }] },
      { assistant: "done" },
    ];
    const turn = async (fault?: Parameters<typeof fx.emulator.inject>[0]) => {
      fx.emulator.script(script);
      if (fault) fx.emulator.inject(fault);
      const otid = crypto.randomUUID();
      const message = { role: "user" as const, content: "go", otid };
      // A reset before the first byte fails the request itself: the client never learns the run id.
      const sent = client.agents.messages.create(agent.id, { messages: [message], streaming: true, background: true });
      const opened = await sent.then(
        (stream) => ({ stream, error: undefined }),
        (error: unknown) => ({ stream: undefined, error }),
      );
      return { otid, ...(opened.stream ? await drain(opened.stream) : { items: [], error: opened.error }) };
    };
    const whole = await turn();
    const kinds = (items: Item[]) => items.filter((i) => i.message_type !== "ping").map((i) => i.message_type);
    expect(kinds(whole.items)).toEqual([
      "reasoning_message",
      "tool_call_message",
      "tool_return_message",
      "assistant_message",
      "stop_reason",
      "usage_statistics",
    ]);
    for (let cut = 0; cut < whole.items.length; cut++) {
      const first = await turn({ type: "stream-reset", afterFrames: cut });
      expect(first.error, `reset after ${cut} frames`).toBeInstanceOf(Error);
      const lastSeq = Math.max(0, ...first.items.map((i) => (typeof i.seq_id === "number" ? i.seq_id : 0)));
      const rest = await drain(
        await client.conversations.messages.stream("default", {
          agent_id: agent.id,
          otid: first.otid,
          starting_after: lastSeq,
        }),
      );
      expect(rest.error).toBeUndefined();
      expect([...kinds(first.items), ...kinds(rest.items)], `reset after ${cut} frames`).toEqual(kinds(whole.items));
    }
    await fx.emulator.idle();
    // Every turn ran once: one user message per send, never a second one for a re-attach.
    const users = (await client.agents.messages.list(agent.id, { limit: 100 })).items.filter(
      (m) => m.message_type === "user_message",
    );
    expect(users).toHaveLength(whole.items.length + 1);
  });

  it("keepalive pings of a quiet background run carry the last seq_id", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    fx.emulator.script(SCRIPT);
    fx.emulator.inject({ type: "ping-only", durationMs: 150 });
    const { items } = await drain(
      await client.agents.messages.create(agent.id, { input: "go", streaming: true, background: true }),
    );
    const pings = items.filter((i) => i.message_type === "ping");
    expect(pings.length).toBeGreaterThan(1);
    expect(pings.map((p) => p.seq_id)).toEqual([1, ...pings.slice(1).map(() => 1)]);
    expect(items.find((i) => i.message_type === "reasoning_message")?.seq_id).toBe(2);
  });

  it("on a conversation, a background retry with the same otid reads the first run; another request meets the busy 409", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const conversation = await client.conversations.create({ agent_id: agent.id });
    const message = { role: "user" as const, content: "go", otid: crypto.randomUUID() };
    fx.emulator.script(SCRIPT);
    fx.emulator.inject({ type: "ping-only", durationMs: 100 });
    const first = client.conversations.messages.create(conversation.id, { messages: [message], background: true });
    const firstItems = drain(await first);
    const retried = drain(
      await client.conversations.messages.create(conversation.id, { messages: [message], background: true }),
    );
    const other = { ...message, otid: crypto.randomUUID() };
    const busy = await client.conversations.messages
      .create(conversation.id, { messages: [other] })
      .catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(ConflictError);
    const [original, retry] = [await firstItems, await retried];
    expect(stored(retry.items)).toEqual(stored(original.items));
    const runIds = new Set(retry.items.map((i) => i.run_id).filter(Boolean));
    expect(runIds.size).toBe(1);
    expect((busy as ConflictError).error).toMatchObject({ run_id: [...runIds][0] });
    expect(Object.keys(fx.emulator.state.runs)).toHaveLength(1);
  });

  it("finds a conversation's active run without a run id or otid, and refuses when none is active", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const conversation = await client.conversations.create({ agent_id: agent.id });
    await expect(client.conversations.messages.stream(conversation.id, {})).rejects.toBeInstanceOf(BadRequestError);
    fx.emulator.script(SCRIPT);
    fx.emulator.inject({ type: "ping-only", durationMs: 100 });
    const sent = drain(await client.conversations.messages.create(conversation.id, { input: "go", background: true }));
    const joined = await drain(await client.conversations.messages.stream(conversation.id, {}));
    expect(stored(joined.items)).toEqual(stored((await sent).items));
  });

  it("sends pings on either side of the terminal frames with terminal-pings, numbered like the chunks before them", async () => {
    const { items } = await backgroundTurn({ type: "terminal-pings" });
    expect(items.map((i) => [i.message_type, i.seq_id])).toEqual([
      ["ping", 1],
      ["reasoning_message", 2],
      ["assistant_message", 3],
      ["ping", 3],
      ["stop_reason", undefined],
      ["ping", 3],
      ["usage_statistics", undefined],
      ["ping", 3],
    ]);
  });
});
