import { collectResult, guardEventStream, type HarnessEvent, StreamInterruptedError } from "@openharness/adapter-kit";
import { describe, expect, it } from "vitest";
import type { LettaStreamingResponse } from "@letta-ai/letta-client/resources/agents/messages";
import { LettaStreamMapper } from "./letta-stream-mapper";

/** A frame as it arrives on the wire: tests also send shapes the SDK types do not list (unknown, partial). */
type LettaItem = LettaStreamingResponse | { message_type: string; [key: string]: unknown };
const frame = (item: LettaItem) => item as LettaStreamingResponse;

const RUN = "run-91ab";
const base = (id: string, otid = `${id}-0`) => ({
  id,
  date: "2026-06-10T12:00:02+00:00",
  otid,
  run_id: RUN,
  step_id: "step-1",
  seq_id: null,
  is_err: null,
});
const ping: LettaItem = { id: "ping-1", date: "2026-06-10T12:00:00+00:00", message_type: "ping", run_id: RUN };
const stop = (stop_reason: string): LettaItem => ({ message_type: "stop_reason", stop_reason });
const usage: LettaItem = {
  message_type: "usage_statistics",
  completion_tokens: 41,
  prompt_tokens: 5120,
  total_tokens: 5161,
  step_count: 2,
  cached_input_tokens: null,
  reasoning_tokens: 7,
};

function mapAll(items: LettaItem[], options = {}): HarnessEvent[] {
  const mapper = new LettaStreamMapper(options);
  return [...items.flatMap((item) => mapper.push(frame(item))), ...mapper.finish()];
}

const toolCall = (callId: string, name: string, args: string): LettaItem => ({
  ...base(`message-tc-${callId}`),
  message_type: "tool_call_message",
  tool_call: { name, arguments: args, tool_call_id: callId },
  tool_calls: [{ name, arguments: args, tool_call_id: callId }],
});
const toolReturn = (callId: string, ret: string, status = "success"): LettaItem => ({
  ...base(`message-tr-${callId}`),
  message_type: "tool_return_message",
  tool_return: ret,
  status,
  tool_call_id: callId,
  stdout: null,
  stderr: null,
  tool_returns: [{ type: "tool", tool_return: ret, status, tool_call_id: callId, stdout: null, stderr: null }],
});

describe("LettaStreamMapper", () => {
  it("maps Letta's documented one-tool turn to the exact OpenHarness sequence", () => {
    const events = mapAll([
      ping,
      {
        ...base("message-r1"),
        message_type: "reasoning_message",
        reasoning: "The user asks about colour.",
        source: "non_reasoner_model",
      },
      toolCall("call_Xy12", "conversation_search", '{"query": "favourite colour"}'),
      toolReturn("call_Xy12", "Found 1 message: 'my favourite colour is teal'"),
      { ...base("message-a1"), message_type: "assistant_message", content: "You told me it's teal." },
      stop("end_turn"),
      usage,
    ]);
    expect(events).toEqual([
      { type: "thinking", thinking: "The user asks about colour." },
      { type: "tool_call_start", id: "call_Xy12", name: "conversation_search", input: { query: "favourite colour" } },
      { type: "tool_result", id: "call_Xy12", success: true, output: "Found 1 message: 'my favourite colour is teal'" },
      { type: "tool_call_end", id: "call_Xy12" },
      { type: "text", content: "You told me it's teal." },
      {
        type: "done",
        usage: { input_tokens: 5120, output_tokens: 41, total_tokens: 5161, step_count: 2, reasoning_tokens: 7 },
        stop_reason: "end_turn",
        raw_stop_reason: "end_turn",
        metadata: { run_id: RUN },
      },
    ]);
  });

  it("omits thinking when includeThinking is false, and marks hidden reasoning redacted", () => {
    const items: LettaItem[] = [
      { ...base("m1"), message_type: "reasoning_message", reasoning: "secret plan" },
      { ...base("m2"), message_type: "hidden_reasoning_message", state: "redacted", hidden_reasoning: null },
      { ...base("m3"), message_type: "assistant_message", content: "Hi" },
      stop("end_turn"),
    ];
    expect(mapAll(items, { includeThinking: false }).map((e) => e.type)).toEqual(["text", "done"]);
    expect(mapAll(items).slice(0, 2)).toEqual([
      { type: "thinking", thinking: "secret plan" },
      { type: "thinking", thinking: "", redacted: true },
    ]);
  });

  it("shows hidden reasoning as one redacted marker per message, never Anthropic's encrypted blob", () => {
    const blob = "EqQBCkgIARABGAIiQL2k0Vx3w9Yt+encrypted+signature==";
    const omitted = {
      ...base("m2"),
      message_type: "hidden_reasoning_message",
      state: "omitted",
      hidden_reasoning: null,
    };
    const events = mapAll([
      { ...base("m1"), message_type: "hidden_reasoning_message", state: "redacted", hidden_reasoning: blob },
      { ...base("m1"), message_type: "hidden_reasoning_message", state: "redacted", hidden_reasoning: blob },
      omitted,
      omitted,
      omitted,
      { ...base("m3"), message_type: "assistant_message", content: "Done." },
      stop("end_turn"),
    ] as LettaItem[]);
    expect(events.filter((e) => e.type === "thinking")).toEqual([
      { type: "thinking", thinking: "", redacted: true },
      { type: "thinking", thinking: "", redacted: true },
    ]);
    expect(JSON.stringify(events)).not.toContain("encrypted");
  });

  it("joins assistant content given as a list of text parts", () => {
    const events = mapAll([
      {
        ...base("m1"),
        message_type: "assistant_message",
        content: [
          { type: "text", text: "Hello, " },
          { type: "text", text: "Sam." },
        ],
      },
      stop("end_turn"),
    ]);
    expect(events[0]).toEqual({ type: "text", content: "Hello, Sam." });
  });

  it("separates distinct assistant messages but not fragments of one message", () => {
    const events = mapAll([
      { ...base("m1", "o1"), message_type: "assistant_message", content: "Let me" },
      { ...base("m1", "o1"), message_type: "assistant_message", content: " check." },
      { ...base("m2", "o2"), message_type: "assistant_message", content: "Found it." },
      stop("end_turn"),
    ]);
    const text = events.map((e) => (e.type === "text" ? e.content : "")).join("");
    expect(text).toBe("Let me check.\n\nFound it.");
  });

  it("starts every call of a parallel tool_calls message, with its own id", () => {
    const events = mapAll([
      {
        ...base("m1"),
        message_type: "tool_call_message",
        tool_call: { name: "a", arguments: "{}", tool_call_id: "call_a" },
        tool_calls: [
          { name: "a", arguments: '{"x": 1}', tool_call_id: "call_a" },
          { name: "b", arguments: '{"y": 2}', tool_call_id: "call_b" },
        ],
      },
      {
        ...base("m2"),
        message_type: "tool_return_message",
        tool_return: "A",
        status: "success",
        tool_call_id: "call_a",
        tool_returns: [
          { tool_return: "A", status: "success", tool_call_id: "call_a", stdout: ["line 1", "line 2"], stderr: null },
          { tool_return: "boom", status: "error", tool_call_id: "call_b", stdout: null, stderr: ["Traceback"] },
        ],
      },
      stop("end_turn"),
    ]);
    expect(events.slice(0, 6)).toEqual([
      { type: "tool_call_start", id: "call_a", name: "a", input: { x: 1 } },
      { type: "tool_call_start", id: "call_b", name: "b", input: { y: 2 } },
      { type: "tool_result", id: "call_a", success: true, output: "A", stdout: "line 1\nline 2" },
      { type: "tool_call_end", id: "call_a" },
      { type: "tool_result", id: "call_b", success: false, error: "boom", stderr: "Traceback" },
      { type: "tool_call_end", id: "call_b" },
    ]);
  });

  it("falls back to the deprecated singular tool_call and keeps arguments that are not JSON", () => {
    const events = mapAll([
      {
        ...base("m1"),
        message_type: "tool_call_message",
        tool_call: { name: "shell", arguments: "ls -la", tool_call_id: "call_s" },
      },
      toolReturn("call_s", "ok"),
      stop("end_turn"),
    ]);
    expect(events.slice(0, 2)).toEqual([
      { type: "tool_call_start", id: "call_s", name: "shell", input: {} },
      { type: "tool_call_delta", id: "call_s", input_delta: { partial_json: "ls -la" } },
    ]);
  });

  it("turns token-streamed argument fragments into deltas that collectResult reassembles", async () => {
    const fragment = (args: string, callId?: string, name?: string): LettaItem => ({
      ...base("m1", "o1"),
      message_type: "tool_call_message",
      tool_call: { ...(name ? { name } : {}), arguments: args, ...(callId ? { tool_call_id: callId } : {}) },
      tool_calls: { ...(name ? { name } : {}), arguments: args, ...(callId ? { tool_call_id: callId } : {}) },
    });
    const items = [
      fragment('{"label": "hu', "call_m", "memory_insert"),
      fragment('man", "new_str"'),
      fragment(': "Name: Sam"}', "call_m"),
      toolReturn("call_m", "inserted"),
      stop("end_turn"),
    ];
    const events = mapAll(items);
    expect(events.slice(0, 4)).toEqual([
      { type: "tool_call_start", id: "call_m", name: "memory_insert", input: {} },
      { type: "tool_call_delta", id: "call_m", input_delta: { partial_json: '{"label": "hu' } },
      { type: "tool_call_delta", id: "call_m", input_delta: { partial_json: 'man", "new_str"' } },
      { type: "tool_call_delta", id: "call_m", input_delta: { partial_json: ': "Name: Sam"}' } },
    ]);
    const result = await collectResult(
      guardEventStream(
        (async function* () {
          yield* events;
        })(),
      ),
    );
    expect(result.tool_calls).toEqual([
      {
        id: "call_m",
        name: "memory_insert",
        input: { label: "human", new_str: "Name: Sam" },
        success: true,
        output: "inserted",
      },
    ]);
  });

  it("keeps approval requests open and reports them with stop reason requires_approval", () => {
    const events = mapAll([
      ping,
      {
        ...base("message-ap"),
        message_type: "approval_request_message",
        tool_call: { name: "send_email", arguments: '{"to": "a@b.c"}', tool_call_id: "call_e" },
      },
      stop("requires_approval"),
    ]);
    expect(events).toEqual([
      { type: "tool_call_start", id: "call_e", name: "send_email", input: { to: "a@b.c" } },
      {
        type: "done",
        usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
        stop_reason: "requires_approval",
        raw_stop_reason: "requires_approval",
        metadata: { run_id: RUN, approval_request: { id: "message-ap", tool_call_ids: ["call_e"] } },
      },
    ]);
  });

  it("skips pings, echoes and unknown future message types without failing", () => {
    const events = mapAll([
      ping,
      { ...base("u1"), message_type: "user_message", content: "hi" },
      { ...base("x1"), message_type: "hologram_message", payload: { anything: true } },
      { ...base("a1"), message_type: "assistant_message", content: "ok" },
      stop("end_turn"),
    ]);
    expect(events.map((e) => e.type)).toEqual(["text", "done"]);
  });

  it("precedes an error stop reason with an error event carrying the raw reason and run id", () => {
    const events = mapAll([ping, stop("llm_api_error")]);
    expect(events).toEqual([
      {
        type: "error",
        code: "harness_error",
        message: 'Letta stopped the run with "llm_api_error".',
        recoverable: false,
        details: { stop_reason: "llm_api_error", run_id: RUN },
      },
      expect.objectContaining({ type: "done", stop_reason: "error", raw_stop_reason: "llm_api_error" }),
    ]);
  });

  it("refuses to finish without a stop reason: the stream was cut", () => {
    const mapper = new LettaStreamMapper();
    mapper.push(frame(ping));
    expect(() => mapper.finish()).toThrowError(StreamInterruptedError);
    try {
      mapper.finish();
    } catch (error) {
      expect((error as StreamInterruptedError).runId).toBe(RUN);
    }
  });

  it("counts the usage Letta sends after a cancelled stop reason (wire fact 4)", () => {
    const mapper = new LettaStreamMapper();
    mapper.push(frame(ping));
    expect(mapper.push(frame(stop("cancelled")))).toEqual([]);
    mapper.push(
      frame({ message_type: "usage_statistics", prompt_tokens: 120, completion_tokens: 8, total_tokens: 128 }),
    );
    expect(mapper.finish()).toEqual([
      {
        type: "done",
        usage: expect.objectContaining({ input_tokens: 120, output_tokens: 8, total_tokens: 128 }),
        stop_reason: "cancelled",
        raw_stop_reason: "cancelled",
        metadata: { run_id: RUN },
      },
    ]);
  });

  it("returns request metadata in done.metadata", () => {
    const events = mapAll([stop("end_turn")], { requestMetadata: { trace: "t-1" } });
    expect(events.at(-1)).toMatchObject({ metadata: { request_metadata: { trace: "t-1" } } });
  });
});
