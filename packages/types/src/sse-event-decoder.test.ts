import { describe, expect, it, vi } from "vitest";
import { encodeSseEvent } from "./encode-sse-event";
import type { ExecutionEvent } from "./execution-event";
import { exampleEvents, exampleStream } from "./fixtures/example-events";
import { SseDecodeError } from "./sse-decode-error";
import { type SseDecodeOptions, SseEventDecoder } from "./sse-event-decoder";

const utf8 = new TextEncoder();
const text = (content: string) => ({ type: "text", content }) as const;

/** Decodes `chunks` with a fresh decoder, as one stream. */
function decode(chunks: (string | Uint8Array)[], options?: SseDecodeOptions): ExecutionEvent[] {
  const decoder = new SseEventDecoder(options);
  return [...chunks.flatMap((chunk) => decoder.push(chunk)), ...decoder.end()];
}

/**
 * The example stream as the wire carries it, with comments and ids mixed in, led by a frame in the
 * original spec's style (type only in `event:`) and a multi-line one: a line break seen twice
 * (CR at the end of one chunk, LF at the start of the next) would end either frame too early.
 */
function exampleWire(lineEnding = "\n"): string {
  const frames = exampleStream.map((event, index) => encodeSseEvent(event, { id: String(index) }));
  const lead =
    'event: text\ndata: {"content": "spec style"}\n\ndata: {"type":"text",\ndata: "content":"multi-line"}\n\n';
  const wire = `: stream opened\n\n${lead}${frames.join(": keepalive\n\n")}`;
  return wire.replace(/\n/g, lineEnding);
}

const exampleWireEvents = [text("spec style"), text("multi-line"), ...exampleStream];

describe("SseEventDecoder: chunking", () => {
  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])("decodes a %s stream split into two byte chunks at every position", (_name, lineEnding) => {
    const bytes = utf8.encode(exampleWire(lineEnding));
    // The split lands inside "é", "☕", "🌀" and "👍" and between CR and LF: all must survive.
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(decode([bytes.subarray(0, cut), bytes.subarray(cut)]), `cut at byte ${cut}`).toEqual(exampleWireEvents);
    }
  });

  it("decodes a stream fed one byte at a time", () => {
    const bytes = utf8.encode(exampleWire("\r\n"));
    expect(decode(Array.from(bytes, (_byte, i) => bytes.subarray(i, i + 1)))).toEqual(exampleWireEvents);
  });

  it("decodes a string stream split into two chunks at every position, even inside a surrogate pair", () => {
    const wire = exampleWire("\r\n");
    for (let cut = 0; cut <= wire.length; cut++) {
      expect(decode([wire.slice(0, cut), wire.slice(cut)]), `cut at char ${cut}`).toEqual(exampleWireEvents);
    }
  });

  it("decodes a stream split into three chunks at many position pairs", () => {
    const bytes = utf8.encode(exampleWire("\r\n"));
    for (let first = 0; first < bytes.length; first += 11) {
      for (let second = first; second <= bytes.length; second += 17) {
        const chunks = [bytes.subarray(0, first), bytes.subarray(first, second), bytes.subarray(second)];
        expect(decode(chunks), `cuts at ${first}, ${second}`).toEqual(exampleWireEvents);
      }
    }
  });

  it("returns each event from the push() that completes it", () => {
    const decoder = new SseEventDecoder();
    expect(decoder.push('data: {"type":"text","content":"a"}\n')).toEqual([]);
    expect(decoder.push("\ndata: ")).toEqual([text("a")]);
    expect(decoder.push('{"type":"text","content":"b"}\n\n')).toEqual([text("b")]);
    expect(decoder.push("")).toEqual([]);
  });

  it("dispatches on a lone CR without waiting for a possible LF", () => {
    const decoder = new SseEventDecoder();
    expect(decoder.push('data: {"type":"text","content":"a"}\r\r')).toEqual([text("a")]);
    expect(decoder.push('\ndata: {"type":"text","content":"b"}\r\n\r\n')).toEqual([text("b")]);
  });

  it("handles mixed line endings in one stream", () => {
    const wire = 'data: {"type":"text","content":"a"}\r\n\ndata: {"type":"text","content":"b"}\r\r\n';
    expect(decode([wire])).toEqual([text("a"), text("b")]);
  });

  it("turns invalid UTF-8 into U+FFFD rather than failing", () => {
    const head = utf8.encode('data: {"type":"text","content":"');
    const tail = utf8.encode('"}\n\n');
    expect(decode([head, new Uint8Array([0xff]), tail])).toEqual([text("\uFFFD")]);
  });

  it("flushes an incomplete UTF-8 sequence when a string chunk follows bytes", () => {
    const decoder = new SseEventDecoder({ onMalformed: "skip" });
    decoder.push(utf8.encode('data: {"type":"text","content":"'));
    decoder.push(new Uint8Array([0xc3]));
    expect(decoder.push('"}\n\n')).toEqual([text("\uFFFD")]);
  });

  it("strips one byte-order mark at the start of the stream", () => {
    const frame = 'data: {"type":"text","content":"a"}\n\n';
    expect(decode([`\uFEFF${frame}`])).toEqual([text("a")]);
    expect(decode([new Uint8Array([0xef, 0xbb, 0xbf]), utf8.encode(frame)])).toEqual([text("a")]);
  });
});

describe("SseEventDecoder: fields", () => {
  it("joins multiple data: lines with a newline", () => {
    const wire = 'data: {"type":"text",\ndata:  "content":\ndata: "multi"}\n\n';
    expect(decode([wire])).toEqual([text("multi")]);
    // A line break inside a JSON string proves the lines are joined with "\n", not concatenated.
    const split = 'data: {"type":"text","content":"mu\ndata: lti"}\n\n';
    expect(() => decode([split])).toThrow(/invalid JSON/);
  });

  it("strips exactly one space after the colon", () => {
    expect(decode(['event:text\ndata:{"type":"text","content":"a"}\n\n'])).toEqual([text("a")]);
    expect(() => decode(['event:  text\ndata: {"type":"text","content":"a"}\n\n'])).toThrow(
      /event name " text" disagrees/,
    );
  });

  it("ignores comments, also inside a frame", () => {
    const wire = ': hello\n\n:ping\ndata: {"type":"text",\n: between data lines\ndata: "content":"a"}\n\n';
    expect(decode([wire])).toEqual([text("a")]);
  });

  it("dispatches on data.type when there is no event: line", () => {
    expect(decode(['data: {"type":"tool_call_end","id":"c1","input":{}}\n\n'])).toEqual([
      { type: "tool_call_end", id: "c1", input: {} },
    ]);
  });

  it("takes the type from the event: line when data has none (the original spec's frames)", () => {
    const wire = [
      'event: text\ndata: {"content": "Hello"}\n\n',
      'event: done\ndata: {"usage": {"input_tokens": 1, "output_tokens": 2, "total_tokens": 3}, "stop_reason": "end_turn"}\n\n',
    ];
    expect(decode(wire)).toEqual([
      text("Hello"),
      { type: "done", usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3 }, stop_reason: "end_turn" },
    ]);
  });

  it("treats event: message, the SSE default name, as no name", () => {
    expect(decode(['event: message\ndata: {"type":"text","content":"a"}\n\n'])).toEqual([text("a")]);
  });

  it("ignores id:, retry: and unknown fields, and tracks the last id", () => {
    const decoder = new SseEventDecoder();
    const events = decoder.push(
      'id: 41\nretry: 3000\nfoo: bar\nevent: text\nid: 42\ndata: {"type":"text","content":"a"}\n\n',
    );
    expect(events).toEqual([text("a")]);
    expect(decoder.lastEventId).toBe("42");
    decoder.push("id: bad\0id\n\n");
    expect(decoder.lastEventId).toBe("42");
    decoder.push("retry: 10\nidx: 43\n\n");
    expect(decoder.lastEventId).toBe("42");
    expect(new SseEventDecoder().lastEventId).toBe("");
  });

  it("reads a line without a colon as a field with an empty value", () => {
    // A bare `event` line names no event: the type comes from data.
    expect(decode(['event\ndata: {"type":"text","content":"a"}\n\n'])).toEqual([text("a")]);
    // A bare `data` line is data (empty), so the frame is dispatched, and fails as JSON.
    expect(() => decode(["event: text\ndata\n\n"])).toThrow(/invalid JSON/);
  });

  it("dispatches nothing for a frame without data, and forgets its event name", () => {
    expect(decode(['event: thinking\nid: 1\n\ndata: {"type":"text","content":"a"}\n\n'])).toEqual([text("a")]);
  });

  it("ignores [DONE] data, whatever the policy", () => {
    const wire = 'data: {"type":"text","content":"a"}\n\ndata:  [DONE] \n\n';
    expect(decode([wire])).toEqual([text("a")]);
    expect(decode([wire], { onMalformed: "throw" })).toEqual([text("a")]);
  });

  it("drops unknown keys inside an event, as the schema does", () => {
    expect(decode(['data: {"type":"text","content":"a","extra":1}\n\n'])).toEqual([text("a")]);
  });
});

describe("SseEventDecoder: end of stream", () => {
  it("dispatches a final frame that lacks its blank line", () => {
    const decoder = new SseEventDecoder();
    expect(decoder.push('data: {"type":"text","content":"a"}\n')).toEqual([]);
    expect(decoder.end()).toEqual([text("a")]);
  });

  it("dispatches a final frame whose last line lacks even its line break", () => {
    expect(decode(['event: done\ndata: {"type":"done","usage":', "{}}"], { onMalformed: "skip" })).toEqual([]);
    const done = exampleEvents.done;
    expect(decode([`event: done\ndata: ${JSON.stringify(done)}`])).toEqual([done]);
  });

  it("reports a frame cut off mid-JSON as malformed", () => {
    const decoder = new SseEventDecoder();
    decoder.push('data: {"type":"text","con');
    expect(() => decoder.end()).toThrow(SseDecodeError);
  });

  it("is ready for a new stream after end()", () => {
    const decoder = new SseEventDecoder();
    decoder.push('event: thinking\ndata: {"type":"text",');
    expect(() => decoder.end()).toThrow(SseDecodeError);
    expect(decoder.push('\uFEFFdata: {"type":"text","content":"b"}\n\n')).toEqual([text("b")]);
    expect(decoder.end()).toEqual([]);
  });
});

describe("SseEventDecoder: malformed frames", () => {
  const good = 'data: {"type":"text","content":"ok"}\n\n';
  const cases: [string, string, RegExp][] = [
    ["bad JSON", "data: {nope\n\n", /^invalid JSON$/],
    ["non-object JSON", "data: [1,2]\n\n", /^data is not a JSON object$/],
    ["JSON null", "data: null\n\n", /^data is not a JSON object$/],
    ["a JSON number", "data: 5\n\n", /^data is not a JSON object$/],
    ["a JSON string", 'data: "text"\n\n', /^data is not a JSON object$/],
    ["no type anywhere", 'data: {"content":"a"}\n\n', /^no event type/],
    ["unknown type", 'data: {"type":"message","content":"a"}\n\n', /^unknown event type "message"$/],
    ["unknown event name", 'event: delta\ndata: {"content":"a"}\n\n', /^unknown event type "delta"$/],
    [
      "event name and type disagree",
      'event: thinking\ndata: {"type":"text","content":"a"}\n\n',
      /^event name "thinking" disagrees with data.type "text"$/,
    ],
    [
      "a type longer than 80 characters, quoted in part",
      `data: {"type":"${"y".repeat(100)}"}\n\n`,
      new RegExp(`^unknown event type "${"y".repeat(79)}…$`),
    ],
    ["a type of exactly 80 characters, quoted whole", `data: {"type":"${"z".repeat(78)}"}\n\n`, /"z{78}"$/],
    [
      "schema failure",
      'data: {"type":"thinking","content":"a"}\n\n',
      /^invalid thinking event: thinking: expected string/,
    ],
    ["empty data", "data:\n\n", /^invalid JSON$/],
  ];

  it.each(cases)("throws a typed SseDecodeError by default (%s)", (_name, frame, reason) => {
    let caught: unknown;
    try {
      decode([good + frame + good]);
    } catch (error) {
      caught = error;
    }
    expect(SseDecodeError.isInstance(caught)).toBe(true);
    const error = caught as SseDecodeError;
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("SseDecodeError");
    expect(error.reason).toMatch(reason);
    expect(error.message).toBe(`Malformed SSE frame: ${error.reason}`);
    expect(error.frame).toBe(frame.replace(/\n+$/, ""));
    expect(error.events).toEqual([text("ok")]);
  });

  it.each(cases)("skips the frame with onMalformed: skip (%s)", (_name, frame) => {
    expect(decode([good + frame + good], { onMalformed: "skip" })).toEqual([text("ok"), text("ok")]);
  });

  it("reports skipped frames to an onMalformed callback", () => {
    const onMalformed = vi.fn();
    expect(decode([`${good}data: {nope\n\n${good}`], { onMalformed })).toEqual([text("ok"), text("ok")]);
    expect(onMalformed).toHaveBeenCalledOnce();
    const error = onMalformed.mock.calls[0]?.[0] as SseDecodeError;
    expect(SseDecodeError.isInstance(error)).toBe(true);
    expect(error.frame).toBe("data: {nope");
    expect(error.cause).toBeInstanceOf(SyntaxError);
    // Only a throwing decoder hands the events before the bad frame to the error.
    expect(error.events).toEqual([]);
  });

  it("continues after the bad frame when the caller keeps pushing", () => {
    const decoder = new SseEventDecoder();
    expect(() => decoder.push(`${good}data: {nope\n\n${good}data: {"type":"tool_call_end"`)).toThrow(SseDecodeError);
    expect(decoder.push(',"id":"c1","input":{}}\n\n')).toEqual([
      text("ok"),
      { type: "tool_call_end", id: "c1", input: {} },
    ]);
  });

  it("truncates the reported frame to 500 characters", () => {
    const huge = `data: {"type":"text","content":${"x".repeat(2000)}}\n\n`;
    try {
      decode([huge]);
      expect.unreachable();
    } catch (error) {
      expect(SseDecodeError.isInstance(error)).toBe(true);
      expect((error as SseDecodeError).frame).toHaveLength(500);
      expect((error as SseDecodeError).frame.startsWith('data: {"type":"text"')).toBe(true);
    }
  });

  it("recognises errors from another copy of the package by their registered marker", () => {
    const foreign = { [Symbol.for("openharness.error.SseDecodeError")]: true };
    expect(SseDecodeError.isInstance(foreign)).toBe(true);
    expect(SseDecodeError.isInstance(new Error("x"))).toBe(false);
    expect(SseDecodeError.isInstance(null)).toBe(false);
  });

  it("marks itself like every OpenHarness error: non-enumerable, so a spread copy is not one", () => {
    const error = new SseDecodeError({ frame: "data: x", reason: "invalid JSON" });
    expect(SseDecodeError.isInstance(error)).toBe(true);
    expect(SseDecodeError.isInstance({ ...error })).toBe(false);
    expect(
      Object.getOwnPropertySymbols(error).map((symbol) => Object.getOwnPropertyDescriptor(error, symbol)?.enumerable),
    ).toEqual([false]);
  });
});
