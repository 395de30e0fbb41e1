import { hasMarker, mark } from "./errors/error-marker";
import type { ExecutionEvent } from "./execution-event";

const marker = Symbol.for("openharness.error.SseDecodeError");

/** The longest excerpt of a bad frame an {@link SseDecodeError} keeps: enough to debug, bounded in size. */
export const SSE_FRAME_EXCERPT_LENGTH = 500;

/** What an {@link SseDecodeError} is built from. */
export interface SseDecodeErrorOptions {
  /** The raw frame text; truncated to {@link SSE_FRAME_EXCERPT_LENGTH} characters. */
  frame: string;
  /** Why the frame was rejected, e.g. `invalid JSON` or `unknown event type "foo"`. */
  reason: string;
  /** Events decoded in the same `push()` before the bad frame (see {@link SseDecodeError.events}). */
  events?: ExecutionEvent[];
  cause?: unknown;
}

/**
 * A server-sent frame that is not a valid OpenHarness event: bad JSON, an unknown `type`, an
 * `event:` name that contradicts `data.type`, or a payload the event schema rejects.
 */
export class SseDecodeError extends Error {
  /** The raw frame text (lines joined with `\n`), at most {@link SSE_FRAME_EXCERPT_LENGTH} characters. */
  readonly frame: string;
  /** Why the frame was rejected. */
  readonly reason: string;
  /**
   * In `"throw"` mode, the events the same `push()` decoded before the bad frame: that call
   * returns nothing, so a caller that recovers should handle these first (`decodeSseStream` has
   * already yielded them). Empty under other policies, where they are returned normally.
   */
  readonly events: ExecutionEvent[];

  constructor(options: SseDecodeErrorOptions) {
    super(`Malformed SSE frame: ${options.reason}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SseDecodeError";
    mark(this, marker);
    this.frame = options.frame.slice(0, SSE_FRAME_EXCERPT_LENGTH);
    this.reason = options.reason;
    this.events = options.events ?? [];
  }

  /** True for an `SseDecodeError` from any copy of this package (where `instanceof` fails across copies). */
  static isInstance(error: unknown): error is SseDecodeError {
    return hasMarker(error, marker);
  }
}
