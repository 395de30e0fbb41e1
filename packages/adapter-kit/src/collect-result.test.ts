import type { DoneEvent, ExecutionEvent } from "@openharness/types";
import { describe, expect, it } from "vitest";
import { collectResult } from "./collect-result";
import { guardEventStream, type HarnessEvent } from "./guard-event-stream";
import {
  CancelledError,
  HarnessApiError,
  NotFoundError,
  OpenHarnessError,
  RateLimitError,
  StreamInterruptedError,
  toErrorEvent,
  UnsupportedFeatureError,
} from "@openharness/types/errors";

const usage = { input_tokens: 10, output_tokens: 5, total_tokens: 15 };
const done: DoneEvent = {
  type: "done",
  usage,
  stop_reason: "end_turn",
  raw_stop_reason: "end_turn",
  metadata: { run_id: "run-1" },
};

async function* from<E = ExecutionEvent>(events: E[], thenThrow?: unknown): AsyncGenerator<E> {
  for (const event of events) yield event;
  if (thenThrow !== undefined) throw thenThrow;
}

async function failure(promise: Promise<unknown>): Promise<OpenHarnessError> {
  try {
    await promise;
  } catch (error) {
    if (OpenHarnessError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected collectResult to throw");
}

describe("collectResult", () => {
  it("concatenates text and thinking and takes usage, stop reason and metadata from done", async () => {
    const result = await collectResult(
      from([
        { type: "thinking", thinking: "The user " },
        { type: "text", content: "Hello" },
        { type: "thinking", thinking: "greets me." },
        { type: "text", content: ", Alice!" },
        done,
      ]),
    );
    expect(result).toEqual({
      output: "Hello, Alice!",
      thinking: "The user greets me.",
      tool_calls: [],
      usage,
      stop_reason: "end_turn",
      raw_stop_reason: "end_turn",
      metadata: { run_id: "run-1" },
    });
  });

  it("leaves thinking out when there was none", async () => {
    expect(await collectResult(from([{ type: "text", content: "x" }, done]))).not.toHaveProperty("thinking");
  });

  it("records tool calls with their results and the complete arguments the guard gives each end", async () => {
    const result = await collectResult(
      guardEventStream(
        from<HarnessEvent>([
          { type: "tool_call_start", id: "a", name: "search", input: {} },
          { type: "tool_call_delta", id: "a", input_delta: { partial_json: '{"query":' } },
          { type: "tool_call_delta", id: "a", input_delta: { partial_json: '"cats"}' } },
          { type: "tool_result", id: "a", success: true, output: ["cat"], stdout: "ok" },
          { type: "tool_call_end", id: "a" },
          { type: "tool_call_start", id: "b", name: "calc", input: { x: 1 } },
          { type: "tool_result", id: "b", success: false, error: "division by zero" },
          { type: "tool_call_end", id: "b" },
          { type: "tool_call_start", id: "c", name: "shell", input: {} },
          { type: "tool_call_delta", id: "c", input_delta: { partial_json: "ls -la" } },
          { type: "tool_call_end", id: "c" },
          done,
        ]),
      ),
    );
    expect(result.tool_calls).toEqual([
      { id: "a", name: "search", input: { query: "cats" }, success: true, output: ["cat"], stdout: "ok" },
      { id: "b", name: "calc", input: { x: 1 }, success: false, error: "division by zero" },
      { id: "c", name: "shell", input: {}, raw_input: "ls -la" },
    ]);
  });

  it("takes a call's arguments from its tool_call_end, over the start's", async () => {
    const result = await collectResult(
      from([
        { type: "tool_call_start", id: "a", name: "search", input: { query: "ca" } },
        { type: "tool_call_end", id: "a", input: { query: "cats" } },
        done,
      ]),
    );
    expect(result.tool_calls).toEqual([{ id: "a", name: "search", input: { query: "cats" } }]);
  });

  it("joins streamed deltas of a call that never ended (an unguarded, cut stream)", async () => {
    const error = await failure(
      collectResult(
        from([
          { type: "tool_call_start", id: "a", name: "search", input: {} },
          { type: "tool_call_delta", id: "a", input_delta: { partial_json: '{"query":"cats"}' } },
        ]),
      ),
    );
    expect(error.partial?.tool_calls).toEqual([{ id: "a", name: "search", input: { query: "cats" } }]);
  });

  it("keeps a pending approval request and the memory updates, in order", async () => {
    const approval = { id: "req-1", tool_calls: [{ id: "c1", name: "send_email", input: { to: "a@b.c" } }] };
    const update = {
      agent_id: "agent-1",
      label: "human",
      operation: "update" as const,
      before: "a",
      after: "b",
      tool_call_id: "c0",
    };
    const result = await collectResult(
      from([
        { type: "memory_update", ...update },
        { type: "memory_update", ...update, before: "b", after: "c" },
        { type: "approval_request", ...approval },
        { type: "done", usage, stop_reason: "requires_approval" },
      ]),
    );
    expect(result.approval_request).toEqual(approval);
    expect(result.memory_updates).toEqual([update, { ...update, before: "b", after: "c" }]);
    expect(result.stop_reason).toBe("requires_approval");
  });

  it("has no pending approval when the request was answered in the stream", async () => {
    const result = await collectResult(
      from([{ type: "approval_request", id: "req-1", tool_calls: [{ id: "c1", name: "x", input: {} }] }, done]),
    );
    expect(result).not.toHaveProperty("approval_request");
    expect(result).not.toHaveProperty("memory_updates");
  });

  it("keeps a result whose start never came", async () => {
    const result = await collectResult(from([{ type: "tool_result", id: "z", success: true, output: 1 }, done]));
    expect(result.tool_calls).toEqual([{ id: "z", name: "unknown", input: {}, success: true, output: 1 }]);
  });

  it("stops reading at done", async () => {
    const result = await collectResult(
      from([{ type: "text", content: "a" }, done, { type: "text", content: "after" }]),
    );
    expect(result.output).toBe("a");
  });

  it("throws the typed error of an error event, with everything so far as partial", async () => {
    const error = await failure(
      collectResult(
        from([
          { type: "text", content: "Hal" },
          {
            type: "error",
            code: "rate_limited",
            message: "slow down",
            recoverable: true,
            details: { retry_after_ms: 2000 },
          },
          { type: "done", usage, stop_reason: "error", metadata: { run_id: "run-2" } },
        ]),
      ),
    );
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ message: "slow down", retryable: true, retryAfterMs: 2000 });
    expect(error.partial).toEqual({
      output: "Hal",
      tool_calls: [],
      usage,
      stop_reason: "error",
      metadata: { run_id: "run-2" },
    });
  });

  it("restores domain and operation of an error that travelled as an event", async () => {
    const original = new UnsupportedFeatureError({
      harness: "Letta",
      domain: "sessions",
      operation: "resume",
      reason: "Agents maintain state",
      workaround: "Use agents",
    });
    // Serialised, as over SSE: the event is data now, and the error is rebuilt from it.
    const travelled = JSON.parse(JSON.stringify(toErrorEvent(original))) as ExecutionEvent;
    const error = await failure(collectResult(from([travelled, { type: "done", usage, stop_reason: "error" }])));
    expect(error).not.toBe(original);
    expect(UnsupportedFeatureError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      harness: "Letta",
      domain: "sessions",
      operation: "resume",
      reason: "Agents maintain state",
      workaround: "Use agents",
    });
    expect(error.message).toBe(original.message);
  });

  it("rethrows the very error a guarded source threw, with its cause and the partial result", async () => {
    const cause = new Error("HTTP 500 from the harness");
    const thrown = new HarnessApiError({ message: "execute failed", status: 500, cause });
    const error = await failure(collectResult(guardEventStream(from([{ type: "text", content: "Hal" }], thrown))));
    expect(error).toBe(thrown);
    expect(error.cause).toBe(cause);
    expect(error.partial).toMatchObject({ output: "Hal", stop_reason: "error" });
  });

  it("types a non-OpenHarness throw from a guarded source, keeping the thrown value as cause", async () => {
    const thrown = new TypeError("undefined is not a function");
    const error = await failure(collectResult(guardEventStream(from([], thrown))));
    expect(HarnessApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: "harness_error", message: "undefined is not a function" });
    expect(error.cause).toBe(thrown);
  });

  it("throws CancelledError for a cancelled stream", async () => {
    const error = await failure(
      collectResult(
        from([
          { type: "text", content: "Hel" },
          { type: "done", usage, stop_reason: "cancelled", metadata: { run_id: "run-3" } },
        ]),
      ),
    );
    expect(CancelledError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ runId: "run-3", partial: { output: "Hel", stop_reason: "cancelled" } });
  });

  it("throws StreamInterruptedError when done never came", async () => {
    const error = await failure(collectResult(from([{ type: "text", content: "Hel" }])));
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect(error.partial).toMatchObject({ output: "Hel", stop_reason: "error", usage: { total_tokens: 0 } });
  });

  it("does not report success for done{error} without an error event", async () => {
    const error = await failure(
      collectResult(from([{ type: "done", usage, stop_reason: "error", raw_stop_reason: "llm_api_error" }])),
    );
    expect(HarnessApiError.isInstance(error)).toBe(true);
    expect(error.message).toContain("llm_api_error");
  });

  it("attaches partial to a typed error thrown by the source, and passes other throws through", async () => {
    const thrown = new NotFoundError({ message: "no agent", resource: "agent" });
    const error = await failure(collectResult(from([{ type: "text", content: "so far" }], thrown)));
    expect(error).toBe(thrown);
    expect(error.partial?.output).toBe("so far");
    const plain = new TypeError("bug");
    await expect(collectResult(from([], plain))).rejects.toBe(plain);
  });

  it("keeps tool calls of an unguarded source: a delta or result without a start, duplicate starts, no end", async () => {
    const result = await collectResult(
      from([
        { type: "tool_call_start", id: "a", name: "search", input: {} },
        { type: "tool_call_delta", id: "a", input_delta: { partial_json: '{"q":' } },
        { type: "tool_call_delta", id: "a", input_delta: { partial_json: '"tea"}' } },
        { type: "tool_call_start", id: "b", name: "fetch", input: { url: "x" } },
        { type: "tool_call_delta", id: "b", input_delta: { partial_json: '{"url":"y"}' } },
        { type: "tool_call_start", id: "c", name: "run", input: {}, raw_input: "not json" },
        { type: "tool_call_delta", id: "c", input_delta: { partial_json: '{"n":1}' } },
        { type: "tool_call_delta", id: "d", input_delta: { partial_json: '{"k":2}' } },
        { type: "tool_result", id: "a", success: true, output: "found" },
        { type: "tool_call_start", id: "a", name: "other", input: { q: "no" } },
        { type: "tool_call_start", id: "e", name: "wait", input: {} },
        done,
      ] as ExecutionEvent[]),
    );
    expect(result.tool_calls).toStrictEqual([
      // The streamed text is the arguments only when the start had none.
      { id: "a", name: "search", input: { q: "tea" }, success: true, output: "found" },
      { id: "b", name: "fetch", input: { url: "x" } },
      { id: "c", name: "run", input: {}, raw_input: "not json" },
      { id: "d", name: "unknown", input: { k: 2 } },
      { id: "e", name: "wait", input: {} },
    ]);
  });

  it("takes the end's complete arguments over the start's and the deltas'", async () => {
    const result = await collectResult(
      from([
        { type: "tool_call_start", id: "a", name: "run", input: {}, raw_input: "half" },
        { type: "tool_call_delta", id: "a", input_delta: { partial_json: '{"n":1}' } },
        { type: "tool_call_end", id: "a", input: {} },
        done,
      ]),
    );
    expect(result.tool_calls).toStrictEqual([{ id: "a", name: "run", input: {} }]);
  });

  it("keeps the typed error of a source that throws while an approval is pending", async () => {
    const thrown = new NotFoundError({ message: "gone", resource: "agent" });
    const request = { type: "approval_request", id: "r1", tool_calls: [] } as ExecutionEvent;
    const error = await failure(collectResult(from([request], thrown)));
    expect(error).toBe(thrown);
    // Without a done saying the turn waits, nothing is reported as pending.
    expect(error.partial?.approval_request).toBeUndefined();
  });

  it("adds no partial to a plain Error, and keeps one a typed error already has", async () => {
    const plain = new Error("bug");
    await expect(collectResult(from([{ type: "text", content: "x" }], plain))).rejects.toBe(plain);
    expect("partial" in plain).toBe(false);
    const earlier = { output: "earlier", tool_calls: [], usage, stop_reason: "error" as const, metadata: {} };
    const typed = new NotFoundError({ message: "gone", resource: "agent", partial: earlier });
    const error = await failure(collectResult(from([{ type: "text", content: "later" }], typed)));
    expect(error.partial).toBe(earlier);
  });

  it("says why it failed: no final event, a cancellation, an undescribed error", async () => {
    const interrupted = await failure(collectResult(from([])));
    expect(interrupted.message).toBe("The stream ended without a final event.");
    const stopped = (stop_reason: DoneEvent["stop_reason"], extra: Partial<DoneEvent> = {}) =>
      failure(collectResult(from([{ type: "done", usage, stop_reason, ...extra } as DoneEvent])));
    const cancelled = await stopped("cancelled", { metadata: { run_id: 7 } });
    expect(cancelled.message).toBe("The execution was cancelled.");
    // Only a string is a run id.
    expect((cancelled as CancelledError).runId).toBeUndefined();
    expect(((await stopped("cancelled", { metadata: { run_id: "run-9" } })) as CancelledError).runId).toBe("run-9");
    expect((await stopped("error")).message).toBe("The execution stopped with an error the harness did not describe.");
    expect((await stopped("error", { raw_stop_reason: "llm_api_error" })).message).toBe(
      "The execution stopped with an error the harness did not describe (raw stop reason: llm_api_error).",
    );
  });
});
