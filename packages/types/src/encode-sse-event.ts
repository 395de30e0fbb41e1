import { type ExecutionEvent, ExecutionEventSchema } from "./execution-event";
import { formatIssuePath, formatIssues, validate } from "./validate";

/** Options of {@link encodeSseEvent}. */
export interface EncodeSseEventOptions {
  /** Written as the frame's `id:` line, so a reconnecting client can send `Last-Event-ID`. */
  id?: string;
}

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * Writes one event as an OpenHarness SSE frame: `event: <type>`, then `id: <id>` when given, then
 * `data: <JSON of the whole event, type included>` and a blank line. Both the `event:` line and
 * `data.type` are written so plain `EventSource` listeners and `data`-only parsers both work.
 *
 * The event is validated first, as the decoder will: an event the decoder would reject, or a key
 * its schema does not know (which the decoder would drop), is refused rather than sent.
 *
 * @throws TypeError naming the field, for an invalid event or an unknown key; or when `type` or
 * `id` contains a line break (or `id` a NUL): either would let a value inject fields or frames.
 */
export function encodeSseEvent(event: ExecutionEvent, options: EncodeSseEventOptions = {}): string {
  const type: unknown = event.type;
  if (typeof type !== "string" || type === "" || LINE_BREAK.test(type)) {
    throw new TypeError("encodeSseEvent: event.type must be a non-empty string without line breaks");
  }
  const checked = validate(ExecutionEventSchema, event);
  if (!checked.success)
    throw new TypeError(`encodeSseEvent: not a valid ExecutionEvent: ${formatIssues(checked.issues)}`);
  const stray = unknownKeys(event, checked.data, []);
  if (stray.length > 0) {
    throw new TypeError(
      `encodeSseEvent: unknown ${stray.length === 1 ? "key" : "keys"} ${stray.join(", ")} (the decoder would drop ${stray.length === 1 ? "it" : "them"})`,
    );
  }
  let frame = `event: ${type}\n`;
  if (options.id !== undefined) {
    // The SSE parser ignores an id containing NUL, so a client would silently lose it.
    if (LINE_BREAK.test(options.id) || options.id.includes("\0")) {
      throw new TypeError("encodeSseEvent: id must not contain line breaks or NUL");
    }
    frame += `id: ${options.id}\n`;
  }
  // JSON.stringify escapes every line break inside strings, so this is one line today; splitting
  // anyway keeps the frame valid if the serialisation ever changes (e.g. pretty-printing).
  for (const line of JSON.stringify(event).split(LINE_BREAK)) frame += `data: ${line}\n`;
  return `${frame}\n`;
}

/** Paths of keys in `input` that parsing dropped: keys the event's schema does not know. */
function unknownKeys(input: unknown, parsed: unknown, path: PropertyKey[]): string[] {
  if (!isPlainObject(input) || !isPlainObject(parsed)) return [];
  return Object.keys(input).flatMap((key) => {
    if (input[key] === undefined) return [];
    if (!Object.hasOwn(parsed, key)) return [formatIssuePath([...path, key])];
    return unknownKeys(input[key], parsed[key], [...path, key]);
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
