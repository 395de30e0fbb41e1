import type { ExecutionEvent } from "@openharness/types";
import { describe, expect, it } from "vitest";
import { assertStreamInvariants } from "./assert-stream-invariants";

const done: ExecutionEvent = {
  type: "done",
  usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
  stop_reason: "end_turn",
};
const start = (id: string): ExecutionEvent => ({ type: "tool_call_start", id, name: "search", input: {} });
const delta = (id: string): ExecutionEvent => ({ type: "tool_call_delta", id, input_delta: { partial_json: " " } });
const result = (id: string): ExecutionEvent => ({ type: "tool_result", id, success: true, output: "ok" });
const end = (id: string, input = {}): ExecutionEvent => ({ type: "tool_call_end", id, input });
const error: ExecutionEvent = { type: "error", code: "harness_error", message: "boom", recoverable: false };

describe("assertStreamInvariants", () => {
  it("accepts complete streams", () => {
    const streams: ExecutionEvent[][] = [
      [done],
      [{ type: "thinking", thinking: "hm" }, { type: "text", content: "Hi" }, done],
      [start("a"), delta("a"), delta("a"), result("a"), end("a"), start("b"), end("b"), done],
      [start("a"), start("b"), result("b"), result("a"), end("a"), end("b"), done],
      [error, { ...done, stop_reason: "error" } as ExecutionEvent],
      [{ type: "tool_call_start", id: "a", name: "search", input: { q: 1 } }, end("a", { q: 1 }), done],
      [
        { type: "approval_request", id: "r", tool_calls: [{ id: "c", name: "x", input: {} }] },
        { ...done, stop_reason: "requires_approval" } as ExecutionEvent,
      ],
    ];
    for (const events of streams) expect(() => assertStreamInvariants(events)).not.toThrow();
  });

  it.each<[string, unknown[], RegExp]>([
    ["an empty stream", [], /the stream is empty/],
    ["no done", [{ type: "text", content: "Hi" }], /event #0 \(text\): the stream ended without a done event/],
    ["two dones", [done, done], /event #1 \(done\): an event after done \(done was event #0\)/],
    ["an event after done", [done, { type: "text", content: "late" }], /event #1 \(text\): an event after done/],
    [
      "an invalid event",
      [{ type: "text", text: "wrong field" }, done],
      /event #0 \(text\): not a valid ExecutionEvent: content/,
    ],
    ["an unknown event type", [{ type: "telepathy" }, done], /event #0 \(telepathy\): not a valid ExecutionEvent/],
    [
      "a negative usage count",
      [{ ...done, usage: { input_tokens: -1, output_tokens: 0, total_tokens: 0 } }],
      /event #0 \(done\): not a valid ExecutionEvent: usage.input_tokens/,
    ],
    [
      "a fractional usage count",
      [{ ...done, usage: { input_tokens: 1, output_tokens: 0.5, total_tokens: 2 } }],
      /usage.output_tokens/,
    ],
    [
      "a reused tool call id",
      [start("a"), end("a"), start("a"), end("a"), done],
      /event #2 \(tool_call_start "a"\): tool call id "a" started twice/,
    ],
    ["a delta before its start", [delta("a"), done], /event #0 \(tool_call_delta "a"\): no tool_call_start before it/],
    ["a result before its start", [result("a"), end("a"), done], /event #0 \(tool_result "a"\): no tool_call_start/],
    [
      "a delta after the result",
      [start("a"), result("a"), delta("a"), end("a"), done],
      /event #2 \(tool_call_delta "a"\): tool_call_delta after the tool_result/,
    ],
    [
      "two results",
      [start("a"), result("a"), result("a"), end("a"), done],
      /event #2 \(tool_result "a"\): second tool_result/,
    ],
    [
      "an event after the end",
      [start("a"), end("a"), result("a"), done],
      /event #2 \(tool_result "a"\): tool call "a" already ended/,
    ],
    [
      "a call left open",
      [start("a"), start("b"), end("b"), done],
      /event #3 \(done\): tool calls still open at done: "a"/,
    ],
    [
      "stop_reason error without an error event",
      [{ ...done, stop_reason: "error" }],
      /stop_reason "error" without an error event/,
    ],
    [
      "a tool_call_end without input",
      [start("a"), { type: "tool_call_end", id: "a" }, done],
      /event #1 \(tool_call_end "a"\): not a valid ExecutionEvent: input/,
    ],
    [
      "a tool_call_end whose input is not what was streamed",
      [
        start("a"),
        { type: "tool_call_delta", id: "a", input_delta: { partial_json: '{"q":"cats"}' } },
        end("a", { q: "dogs" }),
        done,
      ],
      /event #2 \(tool_call_end "a"\): tool_call_end must carry the call's complete arguments: expected \{"input":\{"q":"cats"\}\} \(from its start and deltas\), got \{"input":\{"q":"dogs"\}\}/,
    ],
    [
      "requires_approval without an approval_request",
      [{ ...done, stop_reason: "requires_approval" }],
      /stop_reason "requires_approval" without an approval_request/,
    ],
  ])("rejects %s", (_, events, message) => {
    expect(() => assertStreamInvariants(events)).toThrow(message);
  });

  it("prefixes every failure so it reads as a contract violation", () => {
    expect(() => assertStreamInvariants([done, done])).toThrow(/^Stream invariant violated at event #1/);
  });

  it("compares a call's arguments as JSON: arrays are not objects, null is not {}, no key more or less", () => {
    const call = (args: string, input: Record<string, unknown>): ExecutionEvent[] => [
      start("a"),
      { type: "tool_call_delta", id: "a", input_delta: { partial_json: args } },
      end("a", input),
      done,
    ];
    expect(() => assertStreamInvariants(call('{"list":[1]}', { list: [1] }))).not.toThrow();
    expect(() => assertStreamInvariants(call('{"list":[1]}', { list: { 0: 1 } }))).toThrow(/complete arguments/);
    expect(() => assertStreamInvariants(call('{"a":null}', { a: {} }))).toThrow(/complete arguments/);
    expect(() => assertStreamInvariants(call('{"a":1}', { a: 1, b: 2 }))).toThrow(/complete arguments/);
    expect(() => assertStreamInvariants(call('{"a":1}', { a: 2 }))).toThrow(/complete arguments/);
    expect(() => assertStreamInvariants(call('{"a":"1"}', { a: 1 }))).toThrow(/complete arguments/);
    // Text that is not JSON stays raw_input, and the end must carry it.
    const raw: ExecutionEvent[] = [
      start("a"),
      { type: "tool_call_delta", id: "a", input_delta: { partial_json: "not json" } },
      { type: "tool_call_end", id: "a", input: {}, raw_input: "not json" },
      done,
    ];
    expect(() => assertStreamInvariants(raw)).not.toThrow();
  });

  it("names the offending event, whatever it is, and the calls left open", () => {
    expect(() => assertStreamInvariants([5, done])).toThrow(/^Stream invariant violated at event #0: not a valid/);
    expect(() => assertStreamInvariants([start("a"), start("b"), end("b"), done])).toThrow(
      'Stream invariant violated at event #3 (done): tool calls still open at done: "a"; each needs a tool_call_end first',
    );
  });
});
