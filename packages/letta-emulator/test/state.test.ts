import { describe, expect, it } from "vitest";
import { createLettaEmulator, type LettaExchange, observeLettaExchanges, type ScriptedTurn } from "../src/index.js";
import { collect, createTestAgent, useLettaEmulator } from "./support/emulator-fixture.js";

const fx = useLettaEmulator();

/** A deterministic uuid v4 sequence. */
function sequentialUuids() {
  let n = 0;
  return () => {
    n++;
    const hex = n.toString(16).padStart(12, "0");
    return `00000000-0000-4000-8000-${hex}`;
  };
}

describe("state", () => {
  it("exports JSON-serialisable state and imports it into another emulator", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    await client.agents.messages.create(agent.id, { input: "My name is Sam" });
    await client.agents.passages.create(agent.id, { text: "a memory" });
    const exported = fx.emulator.exportState();
    const json = JSON.stringify(exported);
    exported.agents[agent.id]!.name = "mutated copy";
    expect(fx.emulator.state.agents[agent.id]?.name).toBe("test-agent");

    const restored = createLettaEmulator({ baseUrl: "https://restored.letta.invalid", state: JSON.parse(json) });
    fx.server.use(...restored.handlers);
    const other = fx.client({ baseURL: restored.baseUrl });
    expect((await other.agents.blocks.retrieve("human", { agent_id: agent.id })).value).toBe(
      "\nThe user's name is Sam.",
    );
    expect((await other.agents.passages.list(agent.id)).map((p) => p.text)).toEqual(["a memory"]);
    const history = await collect(other.agents.messages.list(agent.id, { order: "asc" }));
    expect(history.map((m) => m.id)).toEqual(
      (await collect(client.agents.messages.list(agent.id, { order: "asc" }))).map((m) => m.id),
    );
    const reply = await other.agents.messages.create(agent.id, { input: "What's my name?" });
    expect(reply.messages.at(-1)).toMatchObject({ content: "Your name is Sam." });

    restored.importState(fx.emulator.exportState());
    expect(Object.keys(restored.state.agents)).toEqual([agent.id]);
    expect(() => restored.importState({ version: 2 } as never)).toThrow("Unsupported Letta emulator state");
    restored.dispose();
  });

  it("records requests: method, path, query, parsed body, lower-cased headers", async () => {
    const client = fx.client();
    await client.agents.list({ limit: 5, include: ["agent.blocks", "agent.tools"] });
    await client.blocks.create({ label: "x", value: "y" });
    const [list, create] = fx.emulator.requests;
    expect(list).toMatchObject({
      method: "GET",
      path: "/v1/agents/",
      query: { limit: "5", include: ["agent.blocks", "agent.tools"] },
      body: undefined,
    });
    expect(list?.headers).toMatchObject({ authorization: "Bearer test-key", "x-stainless-package-version": "1.12.1" });
    expect(create).toMatchObject({ method: "POST", path: "/v1/blocks/", body: { label: "x", value: "y" } });
  });

  it("resets to a fresh state with base tools, clearing requests, faults and scripts", async () => {
    const client = fx.client();
    await createTestAgent(client);
    fx.emulator.inject({ type: "status", status: 500 });
    fx.emulator.script([{ assistant: "scripted" }]);
    fx.emulator.reset();
    expect(fx.emulator.state.agents).toEqual({});
    expect(fx.emulator.requests).toEqual([]);
    expect(fx.emulator.faults).toEqual([]);
    expect(Object.values(fx.emulator.state.tools).map((t) => t.name)).toContain("memory_insert");
    const agent = await createTestAgent(client);
    const reply = await client.agents.messages.create(agent.id, { input: "hello" });
    expect(reply.messages.at(-1)).not.toMatchObject({ content: "scripted" });
  });

  it("produces identical state for identical traffic with injected uuid and clock", async () => {
    const run = async (baseUrl: string) => {
      const emulator = createLettaEmulator({
        baseUrl,
        uuid: sequentialUuids(),
        now: () => new Date("2026-06-10T12:00:00Z"),
      });
      fx.server.use(...emulator.handlers);
      const client = fx.client({ baseURL: baseUrl });
      const agent = await createTestAgent(client);
      await client.agents.messages.create(agent.id, { input: "I live in Lisbon" });
      const state = emulator.exportState();
      emulator.dispose();
      return state;
    };
    const a = await run("https://det-a.letta.invalid");
    const b = await run("https://det-b.letta.invalid");
    expect(a).toEqual(b);
    expect(Object.keys(a.agents)).toEqual(["agent-00000000-0000-4000-8000-00000000000b"]);
  });

  it("consumes scripted turns in order, then falls back to the model; setModel swaps the model", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    fx.emulator.script([{ assistant: "one" }]).script([{ assistant: "two" }]);
    const replyTo = async (input: string) =>
      ((await client.agents.messages.create(agent.id, { input })).messages.at(-1) as { content?: unknown }).content;
    expect(await replyTo("a")).toBe("one");
    expect(await replyTo("b")).toBe("two");
    expect(String(await replyTo("hello"))).toContain("scripted Letta agent");
    const seen: ScriptedTurn[] = [];
    fx.emulator.setModel((turn) => {
      seen.push(turn);
      return [{ assistant: `echo: ${turn.input}` }];
    });
    const reply = await client.agents.messages.create(agent.id, {
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "parts " },
            { type: "text", text: "joined" },
          ],
        },
      ],
    });
    expect(reply.messages.at(-1)).toMatchObject({ content: "echo: parts joined" });
    expect(seen[0]?.agent.blocks.map((b) => b.label)).toEqual(["human", "persona"]);
    expect(seen[0]?.history.length).toBeGreaterThan(1);
    expect(seen[0]?.request).toMatchObject({ messages: [{ role: "user" }] });
  });

  it("reports exchanges to onExchange and to realm-wide observers", async () => {
    const seen: LettaExchange[] = [];
    const stop = observeLettaExchanges({ onExchange: (exchange) => seen.push(exchange) });
    const client = fx.client();
    const agent = await createTestAgent(client);
    await collect(await client.agents.messages.create(agent.id, { input: "hi", streaming: true }));
    stop();
    await client.agents.list();
    expect(seen.map((e) => `${e.request.method} ${e.request.path} ${e.response.status}`)).toEqual([
      "POST /v1/agents/ 200",
      `POST /v1/agents/${agent.id}/messages 200`,
    ]);
    expect(seen[1]?.response.frames?.at(-1)).toEqual({ data: "[DONE]" });
    expect(fx.exchanges).toHaveLength(3);
    expect((fx.exchanges[0]!.response.body as { id?: string }).id).toBe(agent.id);
  });

  it("dispose ends open streams and clears every timer", async () => {
    const stalled = createLettaEmulator({ baseUrl: "https://dispose.letta.invalid", keepaliveMs: 10 });
    fx.server.use(...stalled.handlers);
    const client = fx.client({ baseURL: stalled.baseUrl });
    const agent = await createTestAgent(client);
    stalled.inject({ type: "ping-only", durationMs: 60_000 });
    const stream = await client.agents.messages.create(agent.id, { input: "hi", streaming: true });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    expect(stalled.pendingTimers).toBeGreaterThan(0);
    stalled.dispose();
    const rest: unknown[] = [];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) rest.push(next.value);
    expect(stalled.pendingTimers).toBe(0);
    await stalled.idle();
    expect(Object.values(stalled.state.runs)[0]?.status).toBe("cancelled");
  });
});
