import type { ExecutionEvent } from "./execution-event";

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
 * @throws TypeError when `type` or `id` contains a line break (or `id` a NUL): either would let a
 * value inject fields or frames into the stream.
 */
export function encodeSseEvent(event: ExecutionEvent, options: EncodeSseEventOptions = {}): string {
  const type: unknown = event.type;
  if (typeof type !== "string" || type === "" || LINE_BREAK.test(type)) {
    throw new TypeError("encodeSseEvent: event.type must be a non-empty string without line breaks");
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
