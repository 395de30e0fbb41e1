import { inspect } from "node:util";
import { APIError } from "@letta-ai/letta-client";
import {
  AgentBusyError,
  AuthenticationError,
  ConnectionError,
  HarnessApiError,
  InvalidRequestError,
  NotFoundError,
  type OpenHarnessError,
  PendingApprovalError,
  PermissionDeniedError,
  RateLimitError,
  StreamInterruptedError,
  TimeoutError,
} from "@openharness/adapter-kit";
import type { ExecutionEvent } from "@openharness/types";
import { describe, expect, it } from "vitest";
import type { LettaFault } from "@openharness/letta-emulator";
import { collect, rejection as rejectionOf, TEST_API_KEY, useLettaEmulator } from "../test/support/emulator-fixture";
import { LettaAdapter, type LettaAdapterOptions } from "./index";

// Keepalives every 20 ms so that "only pings" and "silence" can be told apart in a short test.
const { emulator } = useLettaEmulator({ keepaliveMs: 20 });

const SECRET = TEST_API_KEY;
const newAdapter = (options: LettaAdapterOptions = {}) =>
  new LettaAdapter({ apiKey: SECRET, baseUrl: emulator.baseUrl, env: {}, ...options });

const drain = (stream: AsyncIterable<ExecutionEvent>) => collect(stream);
const rejection = (promise: Promise<unknown>) => rejectionOf<OpenHarnessError>(promise);

const sends = () => emulator.requests.filter((r) => r.method === "POST" && /\/messages$/.test(r.path));
const onSend = { method: "POST", path: /\/messages$/ };

/** Nothing any caller can see may contain the key. */
function expectNoSecret(...values: unknown[]) {
  for (const value of values) {
    const text = `${String(value)} ${JSON.stringify(value)} ${inspect(value, { depth: 8 })}`;
    expect(text).not.toContain(SECRET);
  }
}

describe("HTTP faults on a message send", () => {
  // [name, fault, is the typed error, more checks]; the stream's error event carries the same error's code.
  const cases: [string, LettaFault, (error: unknown) => boolean, (error: OpenHarnessError) => void][] = [
    [
      "401",
      { type: "status", status: 401, match: onSend },
      AuthenticationError.isInstance,
      (e) => expect(e.message).toMatch(/API key/),
    ],
    ["403", { type: "status", status: 403, match: onSend }, PermissionDeniedError.isInstance, () => {}],
    [
      "404",
      { type: "status", status: 404, body: { detail: "Agent not found" }, match: onSend },
      NotFoundError.isInstance,
      (e) => expect((e as NotFoundError).resource).toBe("agent"),
    ],
    [
      "409 busy",
      { type: "busy", runId: "run-busy-1", match: onSend },
      AgentBusyError.isInstance,
      (e) => {
        expect((e as AgentBusyError).runId).toBe("run-busy-1");
        expect((e as AgentBusyError).hint).toMatch(/Wait for run run-busy-1 to finish .*joinRun/);
      },
    ],
    [
      "409 pending approval",
      { type: "pending-approval", pendingRequestId: "message-p1", match: onSend },
      PendingApprovalError.isInstance,
      (e) => expect((e as PendingApprovalError).requestId).toBe("message-p1"),
    ],
    ["422", { type: "status", status: 422, match: onSend }, InvalidRequestError.isInstance, () => {}],
    [
      "429",
      { type: "rate-limit", retryAfterSeconds: 7, match: onSend },
      RateLimitError.isInstance,
      (e) => expect((e as RateLimitError).retryAfterMs).toBe(7000),
    ],
    [
      "500",
      { type: "status", status: 500, match: onSend },
      HarnessApiError.isInstance,
      (e) => expect((e as HarnessApiError).status).toBe(500),
    ],
    [
      "502",
      { type: "status", status: 502, match: onSend },
      HarnessApiError.isInstance,
      (e) => expect(e.retryable).toBe(true),
    ],
    [
      "503",
      { type: "status", status: 503, match: onSend },
      HarnessApiError.isInstance,
      (e) => expect((e as HarnessApiError).status).toBe(503),
    ],
    [
      "connection refused",
      { type: "network-error", match: onSend },
      ConnectionError.isInstance,
      (e) => expect(e.message).toMatch(/Could not reach Letta/),
    ],
  ];

  it.each(cases)(
    "%s: execute throws the typed error once, and the message is sent exactly once",
    async (_name, fault, is, check) => {
      const adapter = newAdapter();
      const agentId = await adapter.createAgent({});
      emulator.inject({ ...fault, times: 5 });
      const error = await rejection(adapter.execute({ message: "hi", agent_id: agentId }));
      expect(is(error), `${error}`).toBe(true);
      check(error);
      expect(sends()).toHaveLength(1);
      expectNoSecret(error);
    },
  );

  it.each([true, false])(
    "execute (stream: %s) against a 500 throws the original typed error, its cause the SDK's APIError",
    async (stream) => {
      const adapter = newAdapter();
      const agentId = await adapter.createAgent({});
      emulator.inject({ type: "status", status: 500, match: onSend, times: 1 });
      const error = await rejection(adapter.execute({ message: "hi", agent_id: agentId }, { stream }));
      expect(HarnessApiError.isInstance(error)).toBe(true);
      expect(error.cause).toBeInstanceOf(APIError);
      expect((error.cause as APIError).status).toBe(500);
      expect(error.partial).toMatchObject({ stop_reason: "error" });
    },
  );

  it.each(cases)("%s: executeStream ends with the same error as an event, then one done", async (_name, fault, is) => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    emulator.inject({ ...fault, times: 2 });
    const thrown = await rejection(adapter.execute({ message: "hi", agent_id: agentId }));
    const events = await drain(adapter.executeStream({ message: "hi", agent_id: agentId }));
    expect(events.map((e) => e.type)).toEqual(["error", "done"]);
    expect(events[0]).toMatchObject({ type: "error", code: thrown.code, recoverable: thrown.retryable });
    expect(is(thrown)).toBe(true);
    expect(events[1]).toMatchObject({ stop_reason: "error" });
    expectNoSecret(events);
  });
});

describe("reads retry, sends never do", () => {
  it("retries an idempotent read after a 503 and after a 429 with retry-after", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    emulator.inject({ type: "status", status: 503, match: { method: "GET", path: `/v1/agents/${agentId}` } });
    expect((await adapter.getAgent(agentId)).id).toBe(agentId);
    emulator.inject({
      type: "status",
      status: 429,
      headers: { "retry-after-ms": "30" },
      match: { method: "GET", path: "/v1/agents/" },
    });
    await adapter.listAgents();
    const gets = emulator.requests.filter((r) => r.method === "GET");
    expect(gets.filter((r) => r.path === `/v1/agents/${agentId}`)).toHaveLength(2);
    expect(gets.filter((r) => r.path === "/v1/agents/").length).toBeGreaterThanOrEqual(2);
  });

  it("never retries a creation: an agent, block, passage or tool is created at most once", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    const creations: [RegExp, () => Promise<unknown>][] = [
      [/^\/v1\/agents\/$/, () => adapter.createAgent({})],
      [/^\/v1\/blocks\/$/, () => adapter.memory.addBlock(agentId, { label: "notes", value: "x" })],
      [/archival-memory$/, () => adapter.memory.insertPassage(agentId, "a fact")],
      [
        /^\/v1\/tools\/$/,
        () => adapter.registerTool({ source_code: 'def ping() -> str:\n    """Ping."""\n    return "pong"\n' }),
      ],
    ];
    for (const [path, create] of creations) {
      const posts = () => emulator.requests.filter((r) => r.method === "POST" && path.test(r.path)).length;
      const before = posts();
      emulator.inject({ type: "status", status: 503, times: 5, match: { method: "POST", path } });
      const error = await rejection(create());
      expect(HarnessApiError.isInstance(error) && error.status, String(path)).toBe(503);
      expect(posts() - before, String(path)).toBe(1);
      emulator.clearFaults();
    }
  });

  it("gives up on reads after maxRetries and reports the last status", async () => {
    const adapter = newAdapter({ maxRetries: 1 });
    const agentId = await adapter.createAgent({});
    emulator.inject({ type: "status", status: 502, times: 5, match: { method: "GET", path: `/v1/agents/${agentId}` } });
    const error = await rejection(adapter.getAgent(agentId));
    expect(HarnessApiError.isInstance(error) && error.status).toBe(502);
    expect(emulator.requests.filter((r) => r.path === `/v1/agents/${agentId}`)).toHaveLength(2);
  });

  it("times out a send whose answer is too slow, without sending it again", async () => {
    const adapter = newAdapter({ timeout: 150 });
    const agentId = await adapter.createAgent({});
    emulator.inject({ type: "delay", ms: 2_000, match: onSend });
    const started = Date.now();
    const error = await rejection(adapter.execute({ message: "hi", agent_id: agentId }));
    expect(TimeoutError.isInstance(error) || StreamInterruptedError.isInstance(error), String(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(sends()).toHaveLength(1);
  });

  it("accepts an answer that comes just inside the timeout", async () => {
    const adapter = newAdapter({ timeout: 1_000 });
    const agentId = await adapter.createAgent({});
    emulator.inject({ type: "delay", ms: 200, match: onSend });
    expect((await adapter.execute({ message: "hi", agent_id: agentId })).stop_reason).toBe("end_turn");
  });
});

describe("stream faults", () => {
  it("without resume, a stream cut mid-way ends with stream_interrupted carrying the run id, and execute keeps the partial output", async () => {
    const adapter = newAdapter({ resumeAttempts: 0 });
    const agentId = await adapter.createAgent({});
    emulator.inject({ type: "stream-cut", afterFrames: 3 });
    const events = await drain(
      adapter.executeStream({ message: "My name is Sam", agent_id: agentId }, { streamTokens: false }),
    );
    const error = events.at(-2);
    expect(error).toMatchObject({
      type: "error",
      code: "stream_interrupted",
      recoverable: true,
      details: { run_id: expect.stringMatching(/^run-/) },
    });
    expect(events.at(-1)).toMatchObject({
      type: "done",
      stop_reason: "error",
      metadata: { run_id: expect.any(String) },
    });
    expect(events.filter((e) => e.type === "done")).toHaveLength(1);

    emulator.inject({ type: "stream-cut", afterFrames: 3 });
    const thrown = await rejection(adapter.execute({ message: "I live in Lisbon", agent_id: agentId }));
    expect(StreamInterruptedError.isInstance(thrown) && thrown.runId).toMatch(/^run-/);
    expect(thrown.partial?.thinking).toMatch(/they live in Lisbon/);
  });

  it("a long stretch of keepalive pings is not silence", async () => {
    const adapter = newAdapter({ idleTimeoutMs: 150 });
    const agentId = await adapter.createAgent({});
    emulator.inject({ type: "ping-only", durationMs: 500 });
    const result = await adapter.execute({ message: "hi", agent_id: agentId });
    expect(result.stop_reason).toBe("end_turn");
  });

  it("without resume, a stream that stops sending anything is interrupted by the idle watchdog, with the run id", async () => {
    const adapter = newAdapter({ idleTimeoutMs: 150, resumeAttempts: 0 });
    const agentId = await adapter.createAgent({});
    emulator.inject({ type: "stall", afterFrames: 1 });
    const started = Date.now();
    const events = await drain(adapter.executeStream({ message: "hi", agent_id: agentId }));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(events.map((e) => e.type)).toEqual(["error", "done"]);
    expect(events[0]).toMatchObject({ code: "stream_interrupted", message: expect.stringMatching(/150 ms.*run run-/) });
    await emulator.idle();
  });

  it("a body held open after [DONE] ends the turn at [DONE], as finished (wire fact 1)", async () => {
    const adapter = newAdapter({ idleTimeoutMs: 60_000 });
    const agentId = await adapter.createAgent({});
    emulator.inject({ type: "hold-open" });
    const result = await adapter.execute({ message: "What's my name?", agent_id: agentId });
    expect(result.stop_reason).toBe("end_turn");
    expect(result.output).toMatch(/name/);
    await emulator.idle();
  });

  it("stop reason and usage with no [DONE] and no close: finished after a short grace, not the idle timeout", async () => {
    const adapter = newAdapter({ idleTimeoutMs: 200 });
    const agentId = await adapter.createAgent({});
    emulator.inject({ type: "hold-open", withoutDone: true });
    const events = await drain(adapter.executeStream({ message: "hi", agent_id: agentId }));
    expect(events.filter((e) => e.type === "error")).toEqual([]);
    expect(events.at(-1)).toMatchObject({
      type: "done",
      stop_reason: "end_turn",
      usage: { total_tokens: expect.any(Number) },
    });
    await emulator.idle();
  });

  it("a malformed frame ends the stream with an error, not a crash", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    emulator.inject({ type: "malformed-frame", afterFrames: 2 });
    const events = await drain(adapter.executeStream({ message: "hi", agent_id: agentId }));
    expect(events.at(-2)).toMatchObject({
      type: "error",
      code: "harness_error",
      message: expect.stringMatching(/not valid JSON/),
    });
    expect(events.at(-1)).toMatchObject({ type: "done", stop_reason: "error" });
  });

  it("an error frame after agent output keeps what came before, then error and done", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    emulator.inject({
      type: "stream-error",
      phase: "after-output",
      errorType: "internal_error",
      message: "An error occurred during agent execution.",
    });
    const events = await drain(
      adapter.executeStream({ message: "My name is Sam", agent_id: agentId }, { streamTokens: false }),
    );
    expect(events[0]?.type).toBe("thinking");
    expect(events.at(-2)).toMatchObject({ type: "error", details: { error_type: "internal_error" } });
    expect(events.at(-1)).toMatchObject({ type: "done", stop_reason: "error" });
  });

  it("leaves no timers behind", async () => {
    const adapter = newAdapter({ idleTimeoutMs: 100 });
    const agentId = await adapter.createAgent({});
    emulator.inject({ type: "stall" });
    await drain(adapter.executeStream({ message: "hi", agent_id: agentId }));
    await emulator.idle();
    expect(emulator.pendingTimers).toBe(0);
  });
});
