import { APIError, LettaError } from "@letta-ai/letta-client";
import type { LettaStreamingResponse } from "@letta-ai/letta-client/resources/agents/messages";
import { SseLineDecoder } from "@openharness/types";

const SPACE = 0x20;
const BOM = 0xfeff;

/** Hooks of {@link LettaSseFrames}: how the transport watches the body. */
export interface LettaSseFramesHooks {
  /** Called for every chunk of the body (any bytes from Letta, keepalives included). */
  onData?: () => void;
  /**
   * Called once when the frames end, normally or not; returns the error to reject with, or
   * `undefined` to end normally. `dropped`: the connection failed while the body was read.
   */
  onEnd?: (error?: unknown, dropped?: boolean) => unknown;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * Letta's SSE response body as its frames, read with our own decoder instead of the SDK's `Stream`
 * (which copies every chunk into a new buffer, slices per frame and stacks three async generators),
 * with the SDK's semantics (`@letta-ai/letta-client` `core/streaming.ts`, `Stream.fromSSEResponse`):
 * - a frame without an `event:` line is `JSON.parse`d (bad JSON rejects with the `SyntaxError`);
 *   frames with another event name are skipped; data starting `[DONE]` ends the frames;
 *   unlike the SDK, which reads on until the socket closes, the body is then cancelled: servers and
 *   proxies have held it open after `[DONE]` (wire fact 1);
 * - `event: error` rejects with the SDK's `APIError` (no status, its body as `error`) after the frames
 *   before it, and cancels the body;
 * - an aborted request ends the frames quietly; `return()` cancels the body.
 * It is a plain async iterator, not a generator: a frame already decoded costs one resolved promise.
 */
export class LettaSseFrames implements AsyncIterator<LettaStreamingResponse> {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly lines = new SseLineDecoder();
  private readonly onLine = (line: string) => this.line(line);
  private readonly hooks: LettaSseFramesHooks;
  private readonly headers: Headers;
  private queue: LettaStreamingResponse[] = [];
  private index = 0;
  /** The body ended or the frames failed: nothing more is read. */
  private finished = false;
  /**
   * What ended the frames in failure, settled through `onEnd` only once the frames before it are
   * read: a stop reason queued just before `event: error` decides how the error is reported.
   */
  private failure: { error: unknown; dropped: boolean } | undefined;
  private settled: { error: unknown } | undefined;
  /** A `[DONE]` frame was seen: later frames are dropped, as the SDK drops them. */
  private sawDone = false;
  private event: string | null = null;
  private data = "";
  private dataLines = 0;
  /** The read in flight: settled when a chunk gives a frame or the body ends, or by {@link fail} and {@link finish}. */
  private pendingRead:
    | { resolve: (step: IteratorResult<LettaStreamingResponse>) => void; reject: (error: unknown) => void }
    | undefined;

  constructor(response: Response, hooks: LettaSseFramesHooks = {}) {
    // Same message as the SDK's (`_iterSSEMessages`).
    if (!response.body) throw new LettaError("Attempted to iterate over a response with no body");
    this.reader = response.body.getReader();
    this.headers = response.headers;
    this.hooks = hooks;
  }

  /** Whether Letta's `[DONE]` arrived: the stream has nothing more to give, even re-read. */
  get receivedDone(): boolean {
    return this.sawDone;
  }

  /** The next frame; rejects with the error that ended the frames once those before it are read. */
  next(): Promise<IteratorResult<LettaStreamingResponse>> {
    let step: IteratorResult<LettaStreamingResponse> | undefined;
    try {
      step = this.take();
    } catch (error) {
      return Promise.reject(error);
    }
    if (step) return Promise.resolve(step);
    return new Promise((resolve, reject) => {
      this.pendingRead = { resolve, reject };
      this.read();
    });
  }

  /** Stops reading and cancels the body (which aborts the request). */
  return(): Promise<IteratorResult<LettaStreamingResponse>> {
    if (!this.finished) this.end(undefined, true);
    return Promise.resolve(DONE);
  }

  /**
   * Ends the frames with `error` at once, rejecting a read in flight (for a watchdog, which aborts
   * the request itself: the body is left to that abort, as the SDK's stream leaves it).
   */
  fail(error: unknown): void {
    if (this.finished) return;
    const pending = this.pendingRead;
    this.pendingRead = undefined;
    this.end(error);
    pending?.reject(this.settle().error);
  }

  /**
   * Ends the frames normally at once, ending a read in flight (the turn is known to be over; the
   * caller aborts the request, which releases the body).
   */
  finish(): void {
    if (this.finished) return;
    const pending = this.pendingRead;
    this.pendingRead = undefined;
    this.end();
    pending?.resolve(DONE);
  }

  /** What the next frame is without reading more: a step, a throw, or `undefined` (read on). */
  private take(): IteratorResult<LettaStreamingResponse> | undefined {
    if (this.index < this.queue.length) {
      const value = this.queue[this.index] as LettaStreamingResponse;
      this.index += 1;
      return { done: false, value };
    }
    if (this.failure) {
      const { error } = this.settle();
      if (error === undefined) return DONE;
      throw error;
    }
    return this.finished ? DONE : undefined;
  }

  /** One read of the body, for the read in flight: no async function, so a chunk costs one promise. */
  private read(): void {
    this.queue.length = 0;
    this.index = 0;
    this.reader.read().then(this.onChunk, this.onReadError);
  }

  private readonly onChunk = (chunk: ReadableStreamReadResult<Uint8Array>) => {
    // Ended meanwhile (`return()`): the read in flight, if any, ends with the frames.
    if (this.finished) {
      this.answer();
      return;
    }
    this.hooks.onData?.();
    try {
      if (chunk.done) {
        this.lines.end(this.onLine);
        this.end();
      } else {
        this.lines.push(chunk.value, this.onLine);
        if (this.sawDone) this.end(undefined, true);
      }
    } catch (error) {
      this.end(error, true);
    }
    this.answer();
  };

  private readonly onReadError = (error: unknown) => {
    if (this.finished) {
      this.answer();
      return;
    }
    // The SDK ends quietly when the request is aborted (its `isAbortError`).
    if (isAbortError(error)) this.end();
    else this.end(error, true, true);
    this.answer();
  };

  /** Settles the read in flight with what the body gave, or reads on when it gave no frame yet. */
  private answer(): void {
    const pending = this.pendingRead;
    if (!pending) return;
    let step: IteratorResult<LettaStreamingResponse> | undefined;
    try {
      step = this.take();
    } catch (error) {
      this.pendingRead = undefined;
      pending.reject(error);
      return;
    }
    if (step) {
      this.pendingRead = undefined;
      pending.resolve(step);
    } else this.read();
  }

  private end(error?: unknown, cancel = false, dropped = false): void {
    this.finished = true;
    if (error === undefined) this.hooks.onEnd?.();
    else this.failure = { error, dropped };
    if (cancel) this.reader.cancel().catch(() => undefined);
  }

  /** The failure as the frames end with it (`undefined`: `onEnd` decided they end normally). */
  private settle(): { error: unknown } {
    if (!this.settled) {
      const { error, dropped } = this.failure as { error: unknown; dropped: boolean };
      this.settled = { error: this.hooks.onEnd ? this.hooks.onEnd(error, dropped) : error };
    }
    return this.settled;
  }

  /** One line, by the rules of the SDK's `SSEDecoder.decode`. */
  private line(text: string): void {
    // The SDK decodes each line with its own default `TextDecoder`, which drops a BOM opening it.
    const line = text.charCodeAt(0) === BOM ? text.slice(1) : text;
    if (line === "") {
      // A blank line after nothing but an empty `event:` keeps that name, as in the SDK.
      if (!this.event && this.dataLines === 0) return;
      const { event, data } = this;
      this.event = null;
      this.data = "";
      this.dataLines = 0;
      this.frame(event, data);
      return;
    }
    const colon = line.indexOf(":");
    if (colon === 0) return;
    const end = colon === -1 ? line.length : colon;
    const start = colon === -1 ? end : colon + (line.charCodeAt(colon + 1) === SPACE ? 2 : 1);
    // The field name is compared in place, not sliced out: one string less per line.
    if (end === 4 && line.startsWith("data")) {
      const value = line.slice(start);
      this.data = this.dataLines === 0 ? value : `${this.data}\n${value}`;
      this.dataLines += 1;
    } else if (end === 5 && line.startsWith("event")) this.event = line.slice(start);
  }

  /** One dispatched frame, by the rules of the SDK's `Stream.fromSSEResponse`. */
  private frame(event: string | null, data: string): void {
    if (this.sawDone) return;
    if (data.startsWith("[DONE]")) {
      this.sawDone = true;
      return;
    }
    if (event === "error") throw new APIError(undefined, safeJson(data) ?? data, undefined, this.headers);
    if (event === null) this.queue.push(JSON.parse(data) as LettaStreamingResponse);
  }
}

/** `JSON.parse`, or `undefined` for text that is not JSON (the SDK's `safeJSON`). */
function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The SDK's `isAbortError`: a spec-compliant fetch's `AbortError`, or Expo's cancellation. */
function isAbortError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { name, message } = error as { name?: unknown; message?: unknown };
  return name === "AbortError" || String(message).includes("FetchRequestCanceledException");
}
