import { describe, expect, it } from "vitest";
import type { LettaExchange, RecordedRequest } from "../src/index.js";
import { allowContractViolations, loadOpenApiContract } from "../src/contract/index.js";
import { createTestAgent, useLettaEmulator } from "./support/emulator-fixture.js";

const contract = loadOpenApiContract();
const fx = useLettaEmulator();

const AGENT_ID = "agent-123e4567-e89b-42d3-8456-426614174000";

function exchange(
  request: Partial<RecordedRequest> & { method: string; path: string },
  response: LettaExchange["response"],
): LettaExchange {
  return {
    request: { url: `https://x${request.path}`, query: {}, body: undefined, headers: {}, ...request },
    response,
  };
}

const ok = (body: unknown) => ({ status: 200, headers: {}, body });
const frames = (...data: Array<string | { event?: string; data: string; exempt?: string }>) => ({
  status: 200,
  headers: {},
  frames: data.map((d) => (typeof d === "string" ? { data: d } : d)),
});

describe.skipIf(!contract)("OpenAPI contract checker", () => {
  const check = (ex: LettaExchange) => contract?.validateExchange(ex) ?? [];

  it("catches a response body that violates the schema", () => {
    const violations = check(
      exchange({ method: "GET", path: `/v1/agents/${AGENT_ID}` }, ok({ id: AGENT_ID, name: 42 })),
    );
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ exchange: `GET /v1/agents/${AGENT_ID} -> 200`, location: "response.body" });
    expect(violations[0]?.message).toContain(
      "(root) must have required property 'llm_config' (missingProperty: llm_config)",
    );
    expect(violations[0]?.message).toContain("/name must be string (type: string)");
  });

  it("catches invalid SSE frames and skips exempt ones and [DONE]", () => {
    const ping = JSON.stringify({
      id: "ping-1",
      date: "2026-01-01T00:00:00+00:00",
      message_type: "ping",
      run_id: "run-1",
    });
    const good = check(
      exchange(
        { method: "POST", path: `/v1/agents/${AGENT_ID}/messages`, body: { input: "hi", streaming: true } },
        frames(ping, "[DONE]"),
      ),
    );
    expect(good).toEqual([]);
    const bad = check(
      exchange(
        { method: "POST", path: `/v1/agents/${AGENT_ID}/messages`, body: { input: "hi", streaming: true } },
        frames(
          JSON.stringify({ message_type: "assistant_message", id: "m", date: "2026-01-01T00:00:00Z" }),
          "{not json",
          { data: "{not json", exempt: "on purpose" },
          JSON.stringify({ message_type: "stop_reason", stop_reason: "because" }),
          { event: "cancelled", data: "{}" },
        ),
      ),
    );
    expect(bad.map((v) => v.location)).toEqual(["sse.frame[0]", "sse.frame[1]", "sse.frame[3]", "sse.frame[4]"]);
    expect(bad[0]?.message).toBe("(root) must have required property 'content' (missingProperty: content)");
    const unknown = check(
      exchange(
        { method: "POST", path: `/v1/agents/${AGENT_ID}/messages`, body: { input: "hi", streaming: true } },
        frames(JSON.stringify({ message_type: "novel" })),
      ),
    );
    expect(unknown[0]?.message).toBe('unknown message_type "novel" (not in LettaStreamingResponse)');
  });

  it("catches bad requests: unknown or mistyped query parameters, malformed path ids, invalid bodies", () => {
    const violations = check(
      exchange(
        {
          method: "GET",
          path: "/v1/agents/",
          query: { limit: "ten", include: ["agent.blocks", "agent.nope"], colour: "red" },
        },
        ok([]),
      ),
    );
    expect(violations.map((v) => v.location).sort()).toEqual([
      "request.query.colour",
      "request.query.include",
      "request.query.limit",
    ]);
    expect(
      check(exchange({ method: "GET", path: "/v1/agents/", query: { limit: "10", include: ["agent.tools"] } }, ok([]))),
    ).toEqual([]);
    expect(check(exchange({ method: "GET", path: "/v1/agents/agent-1" }, ok({}))).map((v) => v.location)).toContain(
      "request.path.agent_id",
    );
    const body = check(
      exchange(
        { method: "POST", path: `/v1/agents/${AGENT_ID}/messages`, body: { input: "hi", max_steps: "many" } },
        ok({}),
      ),
    );
    expect(body.map((v) => v.location)).toContain("request.body");
    expect(check(exchange({ method: "GET", path: "/v1/agents" }, ok([])))[0]?.message).toBe(
      "no operation GET /v1/agents in the spec",
    );
  });

  it("applies the narrow allow-list: string 422 details, error_message with seq_id null", () => {
    const path = `/v1/agents/${AGENT_ID}/messages`;
    expect(
      check(
        exchange(
          { method: "POST", path, body: { messages: [] } },
          { status: 422, headers: {}, body: { detail: "Messages must not be empty" } },
        ),
      ),
    ).toEqual([]);
    expect(
      check(
        exchange({ method: "POST", path, body: { messages: [] } }, { status: 422, headers: {}, body: { detail: 3 } }),
      ).length,
    ).toBeGreaterThan(0);
    const error = (seq: unknown) =>
      frames({
        event: "error",
        data: JSON.stringify({
          message_type: "error_message",
          run_id: "run-1",
          error_type: "llm_error",
          message: "m",
          detail: "d",
          seq_id: seq,
        }),
      });
    expect(check(exchange({ method: "POST", path, body: { input: "x", streaming: true } }, error(null)))).toEqual([]);
    expect(check(exchange({ method: "POST", path, body: { input: "x", streaming: true } }, error("x"))).length).toBe(1);
  });

  it("holds undocumented error statuses to Letta's {detail} body", () => {
    expect(
      check(
        exchange(
          { method: "GET", path: "/v1/tools/" },
          { status: 500, headers: {}, body: { detail: "An unknown error occurred" } },
        ),
      ),
    ).toEqual([]);
    expect(
      check(exchange({ method: "GET", path: "/v1/tools/" }, { status: 500, headers: {}, body: { error: "x" } })).length,
    ).toBe(1);
  });

  it("catches an emulator response that breaks the contract end to end", async () => {
    allowContractViolations("a scripted, non-exempt frame that is invalid on purpose", (v) =>
      v.location.startsWith("sse.frame"),
    );
    const client = fx.client();
    const agent = await createTestAgent(client);
    fx.emulator.script([
      { frames: [{ data: { message_type: "assistant_message", id: "message-x", date: "not a date" } }] },
    ]);
    for await (const _ of await client.agents.messages.create(agent.id, { input: "hi", streaming: true })) {
      // drain
    }
    const streamed = fx.exchanges.find((e) => e.response.frames);
    expect(streamed).toBeDefined();
    const violations = check(streamed as LettaExchange);
    expect(violations).toEqual([
      expect.objectContaining({
        location: "sse.frame[1]",
        message: expect.stringContaining('/date must match format "date-time"'),
      }),
    ]);
    expect(violations[0]?.message).toContain("must have required property 'content'");
  });

  it("finds no violation in ordinary emulator traffic", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client, { tools: ["archival_memory_search"] });
    await client.agents.messages.create(agent.id, { input: "My name is Sam", streaming: true, stream_tokens: true });
    await client.agents.passages.create(agent.id, { text: "x" });
    await client.agents.passages.search(agent.id, { query: "x", tags: ["a", "b"] });
    await client.runs.list({ agent_id: agent.id, statuses: ["completed"] });
    expect(fx.exchanges.flatMap(check)).toEqual([]);
  });
});
