import type { HarnessEvent } from "@openharness/adapter-kit";
import type { LettaStreamingResponse } from "@letta-ai/letta-client/resources/agents/messages";
import { describe, expect, it } from "vitest";
import { LettaStreamMapper } from "./letta-stream-mapper";

// The finer points of the mapping, one behaviour each (found by mutation testing).

type LettaItem = { message_type: string; [key: string]: unknown };
const RUN = "run-91ab";
const at = (id: string, otid: string, run_id: string | null = RUN) => ({
  id,
  otid,
  run_id,
  date: "2026-06-10T12:00:02+00:00",
});
const push = (mapper: LettaStreamMapper, items: LettaItem[]) =>
  items.flatMap((item) => mapper.push(item as unknown as LettaStreamingResponse));
const mapAll = (items: LettaItem[], options = {}): HarnessEvent[] => {
  const mapper = new LettaStreamMapper(options);
  return [...push(mapper, items), ...mapper.finish()];
};
const stop = (stop_reason: string): LettaItem => ({ message_type: "stop_reason", stop_reason });
const usage = (total: number): LettaItem => ({
  message_type: "usage_statistics",
  completion_tokens: total - 1,
  prompt_tokens: 1,
  total_tokens: total,
});
const text = (id: string, otid: string, content: string): LettaItem => ({
  ...at(id, otid),
  message_type: "assistant_message",
  content,
});
const reasoning = (id: string, otid: string, value: string): LettaItem => ({
  ...at(id, otid),
  message_type: "reasoning_message",
  reasoning: value,
});
const call = (id: string, otid: string, calls: object[], type = "tool_call_message"): LettaItem => ({
  ...at(id, otid),
  message_type: type,
  tool_calls: calls,
});
const returns = (id: string, entries: object[], name?: string): LettaItem => ({
  ...at(id, `${id}-0`),
  message_type: "tool_return_message",
  ...(name ? { name } : {}),
  tool_returns: entries,
});
const entry = (tool_call_id: string | null, tool_return: unknown, extra: object = {}) => ({
  type: "tool",
  tool_call_id,
  tool_return,
  status: "success",
  stdout: null,
  stderr: null,
  ...extra,
});
const of = (events: HarnessEvent[], type: HarnessEvent["type"]) => events.filter((event) => event.type === type);

describe("LettaStreamMapper, in detail", () => {
  it("tells messages apart by otid, even under one step's id; skips empty fragments", () => {
    const events = mapAll([
      text("message-1", "m1-1", "Hello"),
      text("message-1", "m1-1", ""),
      text("message-1", "m1-1", " there."),
      text("message-1", "m1-3", "Anything else?"),
      reasoning("message-1", "m1-0", "first"),
      reasoning("message-1", "m1-0", ""),
      reasoning("message-1", "m1-2", "second"),
      stop("end_turn"),
    ]);
    expect(events.every((event) => typeof event === "object" && event !== null)).toBe(true);
    expect(of(events, "text").map((event) => (event as { content: string }).content)).toEqual([
      "Hello",
      " there.",
      "\n\nAnything else?",
    ]);
    expect(of(events, "thinking").map((event) => (event as { thinking: string }).thinking)).toEqual([
      "first",
      "\nsecond",
    ]);
  });

  it("separates visible reasoning from a hidden reasoning message before it", () => {
    const events = mapAll([
      {
        ...at("message-1", "m1-0"),
        message_type: "hidden_reasoning_message",
        state: "omitted",
        hidden_reasoning: null,
      },
      reasoning("message-2", "m2-0", "visible"),
      stop("end_turn"),
    ]);
    expect(of(events, "thinking")).toEqual([
      { type: "thinking", thinking: "", redacted: true },
      { type: "thinking", thinking: "\nvisible" },
    ]);
  });

  it("names id-less calls by their message and index, each message its own, and unnamed ones unknown", () => {
    const events = mapAll([
      call("message-a", "ma-2", [{ arguments: '{"q":1}' }]),
      call("message-b", "mb-2", [{ name: "three", arguments: "" }]),
      // An id-less fragment continues its own message's call, not another message's.
      call("message-b", "mb-2", [{ arguments: "" }]),
      stop("end_turn"),
    ]);
    expect(of(events, "tool_call_start")).toEqual([
      { type: "tool_call_start", id: "message-a:0", name: "unknown", input: { q: 1 } },
      { type: "tool_call_start", id: "message-b:0", name: "three", input: {} },
    ]);
    // An empty fragment is no delta.
    expect(of(events, "tool_call_delta")).toEqual([]);
  });

  it("reports tool output: error text as is, stdout and stderr joined only when there are lines, id-less returns skipped", () => {
    const events = mapAll([
      call("message-a", "ma-2", [
        { name: "run", arguments: "{}", tool_call_id: "c1" },
        { name: "run", arguments: "{}", tool_call_id: "c2" },
      ]),
      returns("message-r", [
        entry("c1", "boom", { status: "error", stdout: [], stderr: ["warn 1", "warn 2"] }),
        entry("c2", "fine", { stdout: ["out"] }),
        entry(null, "nobody's"),
      ]),
      returns("message-s", [entry("c3", '{"code":7}', { status: "error" })]),
      stop("end_turn"),
    ]);
    expect(of(events, "tool_result")).toStrictEqual([
      { type: "tool_result", id: "c1", success: false, error: "boom", stderr: "warn 1\nwarn 2" },
      { type: "tool_result", id: "c2", success: true, output: "fine", stdout: "out" },
      // A structured error return is still error text.
      { type: "tool_result", id: "c3", success: false, error: '{"code":7}' },
    ]);
  });

  it("names a return for a call it never saw by the message's name only for the first entry (wire fact 10)", () => {
    const events = mapAll([returns("message-r", [entry("c1", "a"), entry("c2", "b")], "send_email"), stop("end_turn")]);
    expect(of(events, "tool_call_start")).toEqual([
      { type: "tool_call_start", id: "c1", name: "send_email", input: {} },
      { type: "tool_call_start", id: "c2", name: "unknown", input: {} },
    ]);
  });

  it("reports the approval only when the run stopped for it, with each waiting call's name and arguments", () => {
    const request = call(
      "message-ap",
      "map-2",
      [{ name: "send_email", arguments: '{"to":"a@b.c"}', tool_call_id: "c1" }],
      "approval_request_message",
    );
    const waiting = new LettaStreamMapper();
    push(waiting, [request, stop("requires_approval")]);
    expect(waiting.pendingApproval()?.request).toEqual({
      type: "approval_request",
      id: "message-ap",
      tool_calls: [{ id: "c1", name: "send_email", input: { to: "a@b.c" } }],
    });
    const ended = new LettaStreamMapper();
    push(ended, [request, stop("end_turn")]);
    expect(ended.pendingApproval()).toBeUndefined();
    const noRequest = new LettaStreamMapper();
    push(noRequest, [stop("requires_approval")]);
    expect(noRequest.pendingApproval()).toBeUndefined();
  });

  it("starts each run of a turn afresh: the next approval lists only its own calls, usage adds up", () => {
    const mapper = new LettaStreamMapper();
    push(mapper, [
      call("message-1", "m1-2", [{ name: "a", arguments: "{}", tool_call_id: "c1" }], "approval_request_message"),
      stop("requires_approval"),
    ]);
    // The first run sent no usage: nothing is added for it.
    mapper.continueRun();
    push(mapper, [
      { ...returns("message-r", [entry("c1", "ok")]) },
      call("message-2", "m2-2", [{ name: "b", arguments: "{}", tool_call_id: "c2" }], "approval_request_message"),
      stop("requires_approval"),
      usage(5),
    ]);
    expect(mapper.pendingApproval()?.request.tool_calls.map((c) => c.id)).toEqual(["c2"]);
    expect(mapper.snapshot().usage).toEqual({ input_tokens: 1, output_tokens: 4, total_tokens: 5 });
  });

  it("keeps metadata to what it knows: no run id without one, run_ids only for several runs, none for a null run id", () => {
    const none = mapAll([{ ...stop("end_turn") }]);
    expect((none.at(-1) as { metadata: object }).metadata).toStrictEqual({});
    const one = mapAll([
      text("message-1", "m1-1", "a"),
      { ...text("message-2", "m2-1", "b"), run_id: null },
      stop("end_turn"),
    ]);
    expect((one.at(-1) as { metadata: object }).metadata).toStrictEqual({ run_id: RUN });
  });

  it("says which run may still be going when the stream was cut before a stop reason", () => {
    const cut = new LettaStreamMapper();
    push(cut, [text("message-1", "m1-1", "a")]);
    expect(() => cut.finish()).toThrow(
      expect.objectContaining({
        harness: "Letta",
        runId: RUN,
        message: `Letta's stream ended before the run finished (no stop reason); run ${RUN} may still be running.`,
      }),
    );
    expect(() => new LettaStreamMapper().finish()).toThrow(
      expect.objectContaining({ message: "Letta's stream ended before the run finished (no stop reason)." }),
    );
  });
});
