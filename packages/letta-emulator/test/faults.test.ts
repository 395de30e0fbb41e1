import {
  APIConnectionError,
  APIConnectionTimeoutError,
  type APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "@letta-ai/letta-client";
import { describe, expect, it } from "vitest";
import { collect, createTestAgent, lastStreamFrames, useLettaEmulator } from "./support/emulator-fixture.js";

const fx = useLettaEmulator();

type Item = Record<string, unknown>;
const types = (items: readonly unknown[]) => items.map((m) => (m as unknown as Item).message_type);

/** Iterates a stream, returning what was yielded and what was thrown (if anything). */
async function drain(stream: AsyncIterable<unknown>): Promise<{ items: Item[]; error: unknown }> {
  const items: Item[] = [];
  try {
    for await (const item of stream) items.push(item as unknown as Item);
    return { items, error: undefined };
  } catch (error) {
    return { items, error };
  }
}

describe("HTTP faults", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [502, InternalServerError],
    [503, InternalServerError],
  ] as const)("status %i reaches the SDK as %o with a Letta body", async (status, ErrorClass) => {
    fx.emulator.inject({ type: "status", status, match: { method: "GET", path: "/v1/agents/" } });
    const client = fx.client();
    const error = await client.agents.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect((error as APIError).status).toBe(status);
    expect((error as APIError).error).toMatchObject({ detail: expect.any(String) });
    expect((await client.agents.list()).items).toEqual([]);
  });

  it("answers 409 busy with run_id and 409 PENDING_APPROVAL like Letta", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    fx.emulator.inject({ type: "busy", runId: "run-11111111-1111-4111-8111-111111111111" });
    const busy = await client.agents.messages.create(agent.id, { input: "hi" }).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(ConflictError);
    expect((busy as APIError).error).toEqual({
      detail:
        "CONFLICT: Cannot send a new message: Another request (run_id=run-11111111-1111-4111-8111-111111111111) is currently being processed for this conversation. Please wait for it to complete.",
      run_id: "run-11111111-1111-4111-8111-111111111111",
    });
    fx.emulator.inject({ type: "pending-approval", pendingRequestId: "message-abc" });
    const pending = await client.agents.messages.create(agent.id, { input: "hi" }).catch((e: unknown) => e);
    expect((pending as APIError).error).toMatchObject({
      detail: { code: "PENDING_APPROVAL", pending_request_id: "message-abc" },
    });
  });

  it("sends retry-after on 429", async () => {
    fx.emulator.inject({ type: "rate-limit", retryAfterSeconds: 7 });
    const error = await fx
      .client()
      .agents.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as APIError).headers?.get("retry-after")).toBe("7");
  });

  it("applies a fault `times` times, only to matching requests, and lets the SDK's retries through", async () => {
    const client = fx.client();
    fx.emulator.inject({ type: "status", status: 500, times: 2, match: { method: "POST", path: /^\/v1\/blocks\/$/ } });
    expect((await client.blocks.list()).items).toEqual([]);
    expect(await client.blocks.create({ label: "a", value: "1" }).catch((e: unknown) => e)).toBeInstanceOf(
      InternalServerError,
    );
    expect(await client.blocks.create({ label: "a", value: "1" }).catch((e: unknown) => e)).toBeInstanceOf(
      InternalServerError,
    );
    expect((await client.blocks.create({ label: "a", value: "1" })).label).toBe("a");
    expect(fx.emulator.faults).toEqual([]);

    fx.emulator.inject({ type: "status", status: 503, headers: { "retry-after-ms": "1" } });
    const retrying = fx.client({ maxRetries: 2 });
    expect((await retrying.blocks.list()).items).toHaveLength(1);
    expect(
      fx.emulator.requests
        .filter((r) => r.path === "/v1/blocks/" && r.method === "GET")
        .map((r) => r.headers["x-stainless-retry-count"]),
    ).toEqual(["0", "0", "1"]);
  });

  it("drops the connection on a network fault", async () => {
    fx.emulator.inject({ type: "network-error" });
    const error = await fx
      .client()
      .agents.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIError).status).toBeUndefined();
    expect(fx.exchanges.at(-1)?.response.networkError).toBe(true);
  });

  it("delays the response; the SDK's timeout fires before headers arrive", async () => {
    fx.emulator.inject({ type: "delay", ms: 200 });
    const error = await fx
      .client({ timeout: 40 })
      .agents.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    fx.emulator.inject({ type: "delay", ms: 30 });
    const started = Date.now();
    expect((await fx.client().agents.list()).items).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(fx.emulator.pendingTimers).toBe(0);
  });
});

describe("stream faults", () => {
  it("cuts the stream after N frames: no stop_reason, no [DONE]; the run still completes server-side", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    fx.emulator.script([{ reasoning: "r", assistant: "a" }]);
    fx.emulator.inject({ type: "stream-cut", afterFrames: 2 });
    const { items, error } = await drain(
      await client.agents.messages.create(agent.id, { input: "go", streaming: true }),
    );
    expect(error).toBeUndefined();
    expect(types(items)).toEqual(["ping", "reasoning_message"]);
    expect(lastStreamFrames(fx.exchanges).map((f) => f.data)).not.toContain("[DONE]");
    await fx.emulator.idle();
    expect(fx.emulator.state.runs[items[0]?.run_id as string]?.status).toBe("completed");
  });

  it("stalls until the client aborts; the SDK ends iteration silently and no timers leak", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    fx.emulator.inject({ type: "stall", afterFrames: 1 });
    const controller = new AbortController();
    const stream = await client.agents.messages.create(
      agent.id,
      { input: "go", streaming: true },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 80);
    const { items, error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(types(items)).toEqual(["ping"]);
    expect(controller.signal.aborted).toBe(true);
    await fx.emulator.idle();
    expect(fx.emulator.pendingTimers).toBe(0);
    expect(fx.exchanges.at(-1)).toMatchObject({ aborted: true });
  });

  it("sends a malformed frame: the SDK throws a SyntaxError", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    fx.emulator.inject({ type: "malformed-frame" });
    const { items, error } = await drain(
      await client.agents.messages.create(agent.id, { input: "go", streaming: true }),
    );
    expect(types(items)).toEqual(["ping"]);
    expect(error).toBeInstanceOf(SyntaxError);
    expect(lastStreamFrames(fx.exchanges)[1]).toEqual({ data: "{not json" });
  });

  it("sends an unknown message_type: the SDK yields it as is", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    fx.emulator.script([{ assistant: "fine" }]);
    fx.emulator.inject({ type: "unknown-message-type", messageType: "telemetry_message" });
    const { items, error } = await drain(
      await client.agents.messages.create(agent.id, { input: "go", streaming: true }),
    );
    expect(error).toBeUndefined();
    expect(types(items)).toEqual(["ping", "telemetry_message", "assistant_message", "stop_reason", "usage_statistics"]);
  });

  it("errors before any output: stop_reason, `event: error`, [DONE]; the SDK throws APIError with status undefined", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    fx.emulator.inject({ type: "stream-error", phase: "before-output" });
    const { items, error } = await drain(
      await client.agents.messages.create(agent.id, { input: "go", streaming: true }),
    );
    expect(types(items)).toEqual(["ping", "stop_reason"]);
    expect(items[1]).toEqual({ message_type: "stop_reason", stop_reason: "llm_api_error" });
    expect((error as APIError).status).toBeUndefined();
    expect((error as APIError).error).toEqual({
      message_type: "error_message",
      run_id: items[0]?.run_id,
      error_type: "llm_error",
      message: "An error occurred with the LLM request.",
      detail: "Unhandled LLM error: emulated provider failure",
      seq_id: null,
    });
    expect((error as Error).message).toBe("An error occurred with the LLM request.");
    const frames = lastStreamFrames(fx.exchanges);
    expect(frames.map((f) => f.event ?? "data")).toEqual(["data", "data", "error", "data"]);
    expect(frames.at(-1)).toEqual({ data: "[DONE]" });
    expect(fx.emulator.state.runs[items[0]?.run_id as string]).toMatchObject({
      status: "failed",
      stop_reason: "llm_api_error",
    });
  });

  it("errors after output: the stream closes without [DONE]", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    fx.emulator.script([{ assistant: "partial" }, { assistant: "never sent" }]);
    fx.emulator.inject({ type: "stream-error", phase: "after-output", errorType: "internal_error" });
    const { items, error } = await drain(
      await client.agents.messages.create(agent.id, { input: "go", streaming: true }),
    );
    expect(types(items)).toEqual(["ping", "assistant_message", "stop_reason"]);
    expect(items[2]).toEqual({ message_type: "stop_reason", stop_reason: "error" });
    expect((error as APIError).error).toMatchObject({
      error_type: "internal_error",
      message: "An error occurred during agent execution.",
    });
    expect(lastStreamFrames(fx.exchanges).map((f) => f.data)).not.toContain("[DONE]");
  });

  it("only stream faults match streaming sends; a sync send leaves them queued", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    fx.emulator.inject({ type: "stream-cut", afterFrames: 1 });
    await client.agents.messages.create(agent.id, { input: "hello" });
    expect(fx.emulator.faults).toEqual([{ type: "stream-cut", afterFrames: 1, times: 1 }]);
    const items = await collect(await client.agents.messages.create(agent.id, { input: "hello", streaming: true }));
    expect(types(items)).toEqual(["ping"]);
  });
});

describe("auth", () => {
  it("rejects requests without the configured bearer key with 401 {detail}", async () => {
    const anonymous = fx.client({ apiKey: "wrong-key" });
    const error = await anonymous.agents.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as APIError).error).toEqual({ detail: "Unauthorized" });
    expect((await fx.client().agents.list()).items).toEqual([]);
    expect(fx.emulator.requests.at(-1)?.headers.authorization).toBe("Bearer test-key");
  });
});
