import type { LoopEvent } from "../agent/loop-events.js";
import type { LettaFault } from "../faults/letta-fault.js";
import type { Scheduler } from "../support/scheduler.js";
import { isoTimestamp } from "../support/time.js";
import type { RecordedFrame } from "./letta-exchange.js";

/** Options for {@link SseWriter}. */
export interface SseWriterOptions {
  scheduler: Scheduler;
  keepaliveMs: number;
  includePings: boolean;
  runId: string;
  uuid: () => string;
  now: () => Date;
  /** The request's signal: aborting it (client disconnect) closes the stream and its timers. */
  signal: AbortSignal;
  /** A transport-level stream fault (`stream-cut`, `stall`, `hold-open`, `malformed-frame`, `unknown-message-type`). */
  fault: LettaFault | null;
  /** Called once when the stream ends (`aborted` when the client went away first). */
  onClose(frames: RecordedFrame[], aborted: boolean): void;
}

const encoder = new TextEncoder();

/**
 * Writes Letta's SSE wire format: `data: <one-line JSON>\n\n` frames with no `id:` lines, an
 * initial ping carrying `run_id`, keepalive pings while nothing flows, `event: error` frames for
 * in-band errors and `data: [DONE]` at the end. Applies transport faults and cleans up every timer
 * when the stream ends or the client disconnects.
 */
export class SseWriter {
  readonly response: Response;
  readonly #options: SseWriterOptions;
  readonly #frames: RecordedFrame[] = [];
  #controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  #closed = false;
  #stalled = false;
  #counted = 0;
  #cancelKeepalive: (() => void) | null = null;
  readonly #onAbort = () => {
    // Error the body (rather than end it) so the transport tears the connection down as aborted.
    // Ending it cleanly would complete a request the client already aborted (undici asserts on that).
    if (!this.#closed) {
      try {
        this.#controller?.error(new DOMException("The client aborted the request", "AbortError"));
      } catch {
        // Already closed or cancelled.
      }
    }
    this.#finish(true);
  };

  constructor(options: SseWriterOptions) {
    this.#options = options;
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.#controller = controller;
      },
      cancel: () => this.#finish(true),
    });
    const headers: Record<string, string> = {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      "x-accel-buffering": "no",
    };
    // Under Node, msw replays the response on a mock socket. Without explicit chunked framing the
    // body is delimited by the socket closing, and a client abort mid-stream then looks like a
    // complete response to undici (which asserts). Letta (uvicorn) streams chunked too.
    if (typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === "string") {
      headers["transfer-encoding"] = "chunked";
    }
    this.response = new Response(stream, { status: 200, headers });
    options.signal.addEventListener("abort", this.#onAbort, { once: true });
    if (options.signal.aborted) {
      this.#finish(true);
      return;
    }
    if (options.fault?.type === "stream-cut" && options.fault.afterFrames <= 0) {
      this.#finish(false);
      return;
    }
    if (options.includePings) this.#write({ data: JSON.stringify(this.#ping()) });
    else this.#armKeepalive();
  }

  /** Whether the stream is finished (closed or aborted). */
  get closed(): boolean {
    return this.#closed;
  }

  /** Consumes one event from the agent loop. */
  handle(event: LoopEvent): void {
    // A stalled stream sends nothing more and never ends on its own (only an abort or close() ends it).
    if (this.#stalled) return;
    switch (event.kind) {
      case "wire":
        this.#write({ data: JSON.stringify(event.data) });
        return;
      case "frame": {
        const frame = event.frame;
        if ("raw" in frame)
          this.#write({ data: frame.raw, raw: true, exempt: frame.exempt ?? "raw frame (escape hatch)" });
        else
          this.#write({
            data: JSON.stringify(frame.data),
            ...(frame.event === undefined ? {} : { event: frame.event }),
            ...(frame.exempt === undefined ? {} : { exempt: frame.exempt }),
          });
        return;
      }
      case "stop":
        this.#write({ data: JSON.stringify({ message_type: "stop_reason", stop_reason: event.stopReason }) });
        return;
      case "usage":
        this.#write({ data: JSON.stringify(event.usage) });
        return;
      case "error":
        this.#write({ data: JSON.stringify({ message_type: "stop_reason", stop_reason: event.stopReason }) });
        this.#write({ event: "error", data: JSON.stringify(event.error) });
        if (event.done) this.#write({ data: "[DONE]" });
        this.#finish(false);
        return;
      case "done": {
        const fault = this.#options.fault;
        if (fault?.type !== "hold-open") {
          this.#write({ data: "[DONE]" });
          this.#finish(false);
          return;
        }
        if (!fault.withoutDone) this.#write({ data: "[DONE]" });
        this.#stalled = true;
        this.#disarmKeepalive();
        return;
      }
      case "message":
        return;
    }
  }

  /** Ends the stream from the server side (e.g. emulator reset), even a stalled one. */
  close(): void {
    this.#stalled = false;
    this.#finish(false);
  }

  #ping(): Record<string, unknown> {
    return {
      id: `ping-${this.#options.uuid()}`,
      date: isoTimestamp(this.#options.now()),
      name: null,
      message_type: "ping",
      otid: null,
      sender_id: null,
      step_id: null,
      is_err: null,
      seq_id: null,
      run_id: this.#options.runId,
    };
  }

  #write(frame: RecordedFrame, injected = false): void {
    if (this.#closed || this.#stalled || !this.#controller) return;
    const text = frame.raw
      ? frame.data
      : `${frame.event === undefined ? "" : `event: ${frame.event}\n`}data: ${frame.data}\n\n`;
    try {
      this.#controller.enqueue(encoder.encode(text));
    } catch {
      this.#finish(true);
      return;
    }
    this.#frames.push(frame);
    if (injected) return;
    this.#counted++;
    this.#applyFault();
    this.#armKeepalive();
  }

  #applyFault(): void {
    const fault = this.#options.fault;
    if (!fault) return;
    switch (fault.type) {
      case "stream-cut":
        if (this.#counted >= fault.afterFrames) this.#finish(false);
        return;
      case "stall":
        if (this.#counted >= (fault.afterFrames ?? 1)) {
          this.#stalled = true;
          this.#disarmKeepalive();
        }
        return;
      case "malformed-frame":
        if (this.#counted === (fault.afterFrames ?? 1)) {
          this.#write({ data: "{not json", exempt: "injected malformed-frame fault" }, true);
        }
        return;
      case "unknown-message-type":
        if (this.#counted === (fault.afterFrames ?? 1)) {
          const frame = {
            ...this.#ping(),
            id: `message-${this.#options.uuid()}`,
            message_type: fault.messageType ?? "future_message_type",
            payload: { note: "a message type this SDK version does not know" },
          };
          this.#write({ data: JSON.stringify(frame), exempt: "injected unknown-message-type fault" }, true);
        }
        return;
      default:
        return;
    }
  }

  #armKeepalive(): void {
    this.#disarmKeepalive();
    if (this.#closed || this.#stalled || !this.#options.includePings) return;
    this.#cancelKeepalive = this.#options.scheduler.after(this.#options.keepaliveMs, () => {
      this.#cancelKeepalive = null;
      this.#write({ data: JSON.stringify(this.#ping()) });
    });
  }

  #disarmKeepalive(): void {
    this.#cancelKeepalive?.();
    this.#cancelKeepalive = null;
  }

  #finish(aborted: boolean): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#disarmKeepalive();
    this.#options.signal.removeEventListener("abort", this.#onAbort);
    if (!aborted) {
      try {
        this.#controller?.close();
      } catch {
        // Already cancelled by the consumer.
      }
    }
    this.#options.onClose([...this.#frames], aborted);
  }
}
