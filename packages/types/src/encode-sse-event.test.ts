import { describe, expect, it } from "vitest";
import { encodeSseEvent } from "./encode-sse-event";
import type { ExecutionEvent } from "./execution-event";
import { EXECUTION_EVENT_TYPES } from "./execution-event";
import { exampleEvents } from "./fixtures/example-events";
import { SseEventDecoder } from "./sse-event-decoder";

describe("encodeSseEvent", () => {
  it("writes the event: line, then data: with the whole event including its type, then a blank line", () => {
    expect(encodeSseEvent({ type: "text", content: "Hello" })).toBe(
      'event: text\ndata: {"type":"text","content":"Hello"}\n\n',
    );
  });

  it("writes id: between event: and data: when given", () => {
    expect(encodeSseEvent({ type: "tool_call_end", id: "call_1", input: {} }, { id: "42" })).toBe(
      'event: tool_call_end\nid: 42\ndata: {"type":"tool_call_end","id":"call_1","input":{}}\n\n',
    );
  });

  it("keeps line breaks inside values from ending the frame", () => {
    const frame = encodeSseEvent({ type: "text", content: "a\nb\r\nc\rd\n\n" });
    expect(frame.split("\n")).toEqual(["event: text", expect.stringMatching(/^data: /), "", ""]);
    expect(frame).not.toContain("\r");
  });

  it.each(["a\nb", "a\rb", "a\0b"])("refuses an id that would corrupt the stream (%j)", (id) => {
    expect(() => encodeSseEvent({ type: "text", content: "x" }, { id })).toThrow(
      new TypeError("encodeSseEvent: id must not contain line breaks or NUL"),
    );
  });

  it("refuses an event the decoder would reject, naming the field", () => {
    const event = { type: "text" } as unknown as ExecutionEvent;
    expect(() => encodeSseEvent(event)).toThrow(
      /^encodeSseEvent: not a valid ExecutionEvent: content: expected string \(given: undefined\)$/,
    );
    const badUsage = {
      type: "done",
      usage: { input_tokens: -1, output_tokens: 0, total_tokens: 0 },
      stop_reason: "end_turn",
    } as ExecutionEvent;
    expect(() => encodeSseEvent(badUsage)).toThrow(/usage\.input_tokens/);
  });

  it("refuses keys the decoder would drop, at any depth, but not open objects' own keys", () => {
    expect(() => encodeSseEvent({ type: "text", content: "x", colour: "red" } as ExecutionEvent)).toThrow(
      "encodeSseEvent: unknown key colour (the decoder would drop it)",
    );
    const nested = { type: "tool_call_delta", id: "c", input_delta: { partial_json: "{", extra: 1 } } as ExecutionEvent;
    expect(() => encodeSseEvent(nested)).toThrow("unknown key input_delta.extra");
    const two = { type: "text", content: "x", colour: "red", size: 2 } as ExecutionEvent;
    expect(() => encodeSseEvent(two)).toThrow(
      "encodeSseEvent: unknown keys colour, size (the decoder would drop them)",
    );
    expect(() => encodeSseEvent({ type: "text", content: "x", absent: undefined } as ExecutionEvent)).not.toThrow();
    const open = {
      type: "done",
      usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
      stop_reason: "end_turn",
      metadata: { any: { thing: 1 } },
    } as ExecutionEvent;
    expect(() => encodeSseEvent(open)).not.toThrow();
  });

  it.each([
    ["a line break, which would inject a field", "text\ndata: {}"],
    ["a carriage return", "text\r"],
    ["an empty type", ""],
    ["a type that is not a string", 7],
  ])("refuses %s before anything else", (_name, type) => {
    const event = { type, content: "x" } as unknown as ExecutionEvent;
    expect(() => encodeSseEvent(event)).toThrow(
      new TypeError("encodeSseEvent: event.type must be a non-empty string without line breaks"),
    );
  });
});

describe("encode → decode round trip", () => {
  it("has an example for every event type", () => {
    expect(Object.keys(exampleEvents).sort()).toEqual([...EXECUTION_EVENT_TYPES].sort());
  });

  it.each(Object.values(exampleEvents))("restores a $type event exactly", (event) => {
    const decoder = new SseEventDecoder();
    expect(decoder.push(encodeSseEvent(event, { id: "7" }))).toEqual([event]);
    expect(decoder.end()).toEqual([]);
    expect(decoder.lastEventId).toBe("7");
  });
});
