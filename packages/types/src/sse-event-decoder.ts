import { EXECUTION_EVENT_TYPES, type ExecutionEvent, ExecutionEventSchema } from "./execution-event";
import { SSE_FRAME_EXCERPT_LENGTH, SseDecodeError } from "./sse-decode-error";
import { SseLineDecoder } from "./sse-line-decoder";
import { formatIssues, validate } from "./validate";

/**
 * What the decoder does with a malformed frame (bad JSON, unknown `type`, `event:` name that
 * contradicts `data.type`, schema failure): `"throw"` an {@link SseDecodeError} (the default, so
 * a broken producer is noticed), `"skip"` it silently, or skip it after calling the function
 * (for logging; a function that throws aborts decoding with its error).
 */
export type SseMalformedPolicy = "throw" | "skip" | ((error: SseDecodeError) => void);

/** Options of {@link SseEventDecoder} and {@link decodeSseStream}. */
export interface SseDecodeOptions {
  /** Default `"throw"`. */
  onMalformed?: SseMalformedPolicy;
}

type FrameOutcome = { event: ExecutionEvent } | { ignored: true } | { reason: string; cause?: unknown };

const SPACE = 0x20;
const KNOWN_TYPES: readonly string[] = EXECUTION_EVENT_TYPES;

/**
 * Incremental decoder of an OpenHarness SSE stream into validated {@link ExecutionEvent}s.
 * Chunks may be split anywhere, including inside a line, a CRLF pair or a UTF-8 character.
 *
 * Parsing follows the WHATWG `text/event-stream` rules: lines end with LF, CRLF or CR; `:` lines
 * are comments; `data:` lines are joined with `\n`; one space after the colon is dropped; a blank
 * line dispatches; `id:` is tracked in {@link lastEventId}; `retry:` and unknown fields are ignored.
 *
 * Each frame's data must be a JSON object. Its type is `data.type`, or the `event:` name when
 * `data` has no `type` (the original spec's frames); both present and different is malformed.
 * `event: message` (the SSE default name) counts as no name. `[DONE]` data (OpenAI/Letta's
 * terminator) is ignored. What happens to malformed frames is set by {@link SseMalformedPolicy}.
 *
 * One deliberate deviation from `EventSource`: {@link end} dispatches a final frame that lacks its
 * blank line instead of dropping it, so a stream's `done` is not lost to a sloppy server; a frame
 * cut off mid-JSON then fails as malformed, which is the signal that the stream was truncated.
 */
export class SseEventDecoder {
  private readonly onMalformed: SseMalformedPolicy;
  private readonly lines = new SseLineDecoder();
  private eventName = "";
  private data = "";
  private frame = "";
  private lastId = "";

  constructor(options: SseDecodeOptions = {}) {
    this.onMalformed = options.onMalformed ?? "throw";
  }

  /** The value of the last `id:` line seen, for a reconnect's `Last-Event-ID` header; `""` if none. */
  get lastEventId(): string {
    return this.lastId;
  }

  /**
   * Feeds a chunk and returns the events it completed. In `"throw"` mode a malformed frame throws
   * an {@link SseDecodeError} whose `events` are those decoded before it in this call; the decoder
   * stays usable and the next `push()` carries on after the bad frame.
   */
  push(chunk: string | Uint8Array): ExecutionEvent[] {
    const events: ExecutionEvent[] = [];
    this.lines.push(chunk, (line) => this.processLine(line, events));
    return events;
  }

  /**
   * Ends the stream: flushes incomplete UTF-8 (as U+FFFD), dispatches a final frame that lacks its
   * blank line, and returns the events that completed. The decoder is then ready for a new stream.
   */
  end(): ExecutionEvent[] {
    const events: ExecutionEvent[] = [];
    this.lines.end((line) => this.processLine(line, events));
    // The closing dispatch also resets the frame state (before it can throw).
    this.processLine("", events);
    return events;
  }

  private processLine(line: string, events: ExecutionEvent[]): void {
    if (line === "") {
      this.dispatch(events);
      return;
    }
    // Only an excerpt is ever reported, so a huge frame is not copied twice.
    if (this.frame.length <= SSE_FRAME_EXCERPT_LENGTH) {
      const excerpt = line.slice(0, SSE_FRAME_EXCERPT_LENGTH + 1);
      this.frame += this.frame === "" ? excerpt : `\n${excerpt}`;
    }
    // A comment (a line opening with ":") is a field named "", which nothing reads.
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === SPACE) value = value.slice(1);
    if (field === "event") this.eventName = value;
    else if (field === "data") this.data += `${value}\n`;
    // The spec ignores an id containing NUL, so a reconnect never sends a value servers reject.
    else if (field === "id" && !value.includes("\0")) this.lastId = value;
  }

  private dispatch(events: ExecutionEvent[]): void {
    const { eventName, data, frame } = this;
    this.eventName = "";
    this.data = "";
    this.frame = "";
    // A frame without data (only comments, `id:` or `event:`) dispatches nothing, per the spec.
    if (data === "") return;
    const outcome = decodeFrame(eventName, data.slice(0, -1));
    if ("event" in outcome) {
      events.push(outcome.event);
      return;
    }
    if ("ignored" in outcome) return;
    const policy = this.onMalformed;
    if (policy === "skip") return;
    const error = new SseDecodeError({
      frame,
      reason: outcome.reason,
      cause: outcome.cause,
      events: policy === "throw" ? [...events] : [],
    });
    if (policy === "throw") throw error;
    policy(error);
  }
}

function decodeFrame(eventName: string, data: string): FrameOutcome {
  if (data.trim() === "[DONE]") return { ignored: true };
  let payload: unknown;
  try {
    payload = JSON.parse(data);
  } catch (cause) {
    return { reason: "invalid JSON", cause };
  }
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    return { reason: "data is not a JSON object" };
  }
  const name = eventName === "message" ? "" : eventName;
  const record = payload as Record<string, unknown>;
  let type: unknown = record.type;
  if (!("type" in record)) {
    if (name === "") return { reason: "no event type: neither an event: line nor a type in data" };
    type = name;
    payload = { type, ...record };
  } else if (name !== "" && type !== name) {
    return { reason: `event name ${quote(name)} disagrees with data.type ${quote(type)}` };
  }
  if (typeof type !== "string" || !KNOWN_TYPES.includes(type)) {
    return { reason: `unknown event type ${quote(type)}` };
  }
  const result = validate(ExecutionEventSchema, payload);
  if (!result.success) return { reason: `invalid ${type} event: ${formatIssues(result.issues)}` };
  return { event: result.data };
}

/** A value for a reason message, bounded so a hostile payload cannot bloat the error. */
function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
