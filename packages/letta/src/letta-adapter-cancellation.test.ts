import { CancelledError } from "@openharness/adapter-kit";
import type { ExecutionEvent } from "@openharness/types";
import { describe, expect, it } from "vitest";
import { useLettaEmulator } from "../test/support/emulator-fixture";

// Paced frames, so an abort lands while the run is still going.
const { emulator, newAdapter } = useLettaEmulator({ frameDelayMs: 40 });

const runs = () => Object.values(emulator.state.runs);
const cancels = () => emulator.requests.filter((r) => r.path.endsWith("/messages/cancel"));

describe("cancellation", () => {
  it("a run cancelled elsewhere (another process, the ADE) ends with done(cancelled) and the usage Letta reports after it", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    emulator.script([
      { toolCalls: [{ name: "lookup", arguments: { q: "a" } }] },
      { toolCalls: [{ name: "lookup", arguments: { q: "b" } }] },
      { toolCalls: [{ name: "lookup", arguments: { q: "c" } }] },
      { assistant: "Done." },
    ]);
    const events: ExecutionEvent[] = [];
    let cancelled = false;
    for await (const event of adapter.executeStream({ message: "look things up", agent_id: agentId })) {
      events.push(event);
      if (event.type === "tool_result" && !cancelled) {
        cancelled = true;
        await adapter.client.agents.messages.cancel(agentId);
      }
    }
    const done = events.at(-1) as Extract<ExecutionEvent, { type: "done" }>;
    expect(done).toMatchObject({ type: "done", stop_reason: "cancelled" });
    expect(events.filter((e) => e.type === "error")).toEqual([]);
    expect(done.usage.total_tokens).toBeGreaterThan(0);
  });

  it("aborting mid-stream stops the HTTP stream, cancels the run on Letta, then ends with done(cancelled)", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    const controller = new AbortController();
    const events: ExecutionEvent[] = [];
    for await (const event of adapter.executeStream(
      { message: "My name is Sam and I live in Lisbon", agent_id: agentId },
      { signal: controller.signal },
    )) {
      events.push(event);
      if (event.type === "thinking") controller.abort();
    }
    const done = events.at(-1);
    expect(done).toMatchObject({
      type: "done",
      stop_reason: "cancelled",
      metadata: { run_id: expect.stringMatching(/^run-/) },
    });
    expect(events.filter((e) => e.type === "done")).toHaveLength(1);
    // By the time the stream ended, Letta had been told, and the run is really stopped.
    const runId = (done as Extract<ExecutionEvent, { type: "done" }>).metadata?.run_id as string;
    expect(cancels().map((r) => r.body)).toEqual([{ run_ids: [runId] }]);
    expect(emulator.state.runs[runId]?.status).toBe("cancelled");
    await emulator.idle();
    expect(emulator.pendingTimers).toBe(0);
  });

  it("execute rejects with CancelledError carrying the run id and what was produced", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 120);
    let error: unknown;
    try {
      await adapter.execute(
        { message: "My name is Sam and I live in Lisbon", agent_id: agentId },
        { signal: controller.signal },
      );
    } catch (caught) {
      error = caught;
    }
    expect(CancelledError.isInstance(error)).toBe(true);
    const cancelled = error as CancelledError;
    expect(cancelled.runId).toMatch(/^run-/);
    expect(cancelled.partial?.stop_reason).toBe("cancelled");
    expect(emulator.state.runs[cancelled.runId as string]?.status).toBe("cancelled");
  });

  it("an already aborted signal sends nothing and still ends with done(cancelled)", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    const before = emulator.requests.length;
    const events: ExecutionEvent[] = [];
    for await (const event of adapter.executeStream(
      { message: "hi", agent_id: agentId },
      { signal: AbortSignal.abort() },
    ))
      events.push(event);
    expect(events).toEqual([
      {
        type: "done",
        usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
        stop_reason: "cancelled",
        metadata: {},
      },
    ]);
    expect(emulator.requests.length).toBe(before);
    expect(runs()).toHaveLength(0);
  });

  it("a consumer that stops reading does not cancel the run: Letta finishes it", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    for await (const event of adapter.executeStream({ message: "My name is Sam", agent_id: agentId })) {
      if (event.type === "thinking") break;
    }
    await emulator.idle();
    expect(cancels()).toHaveLength(0);
    expect(runs()[0]?.status).toBe("completed");
    expect((await adapter.memory.getBlock(agentId, "human")).value).toContain("Sam");
  });
});

/** A distinct alphabetic name per index (the scripted model reads names as words). */
const nameOf = (i: number) => `Kai${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`;

describe("concurrency", () => {
  it("200 concurrent streams on one adapter keep their events, ids and usage apart", { timeout: 60_000 }, async () => {
    const fast = newAdapter();
    const agentIds = await Promise.all(Array.from({ length: 200 }, (_, i) => fast.createAgent({ name: `user-${i}` })));
    const results = await Promise.all(
      agentIds.map(async (agentId, i) => {
        const events: ExecutionEvent[] = [];
        for await (const event of fast.executeStream(
          { message: `My name is ${nameOf(i)}`, agent_id: agentId },
          { streamTokens: false },
        )) {
          events.push(event);
        }
        return { i, agentId, events };
      }),
    );
    const runIds = new Set<string>();
    const callIds = new Set<string>();
    for (const { i, events } of results) {
      const done = events.at(-1) as Extract<ExecutionEvent, { type: "done" }>;
      expect(done.type).toBe("done");
      expect(done.stop_reason).toBe("end_turn");
      const text = events.map((e) => (e.type === "text" ? e.content : "")).join("");
      expect(text).toBe(`Nice to meet you, ${nameOf(i)}! I'll remember that.`);
      const start = events.find((e) => e.type === "tool_call_start") as Extract<
        ExecutionEvent,
        { type: "tool_call_start" }
      >;
      expect(start.input).toEqual({ label: "human", new_str: `The user's name is ${nameOf(i)}.` });
      runIds.add(done.metadata?.run_id as string);
      callIds.add(start.id);
      expect(done.usage.total_tokens).toBeGreaterThan(0);
    }
    expect(runIds.size).toBe(200);
    expect(callIds.size).toBe(200);
  });
});
