import type { LoopEvent } from "../agent/loop-events.js";
import type { LettaFault } from "../faults/letta-fault.js";
import type { Scheduler } from "../support/scheduler.js";
import type { RecordedFrame } from "./letta-exchange.js";
import { lettaPing } from "./letta-ping.js";
import { loopEventFrames } from "./loop-event-frames.js";
import type { LoggedFrame } from "./run-stream-log.js";

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
  /** A transport-level stream fault (`stream-cut`, `stream-reset`, `stall`, `hold-open`, `malformed-frame`, …). */
  fault: LettaFault | null;
  /** Whether to open with a `run_id` ping when pings are on (default true; a background run stores its own). */
  initialPing?: boolean;
  /** Called once when the stream ends (`aborted` when the client went away first). */
  onClose(frames: RecordedFrame[], aborted: boolean): void;
}

const encoder = new TextEncoder();

/** The frames that end a turn: the stop reason, the usage, `[DONE]`. */
const isTerminal = (frame: RecordedFrame) =>
  frame.data === "[DONE]" ||
  frame.data.includes('"message_type":"stop_reason"') ||
  frame.data.includes('"message_type":"usage_statistics"');

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
  #lastSeq: number | null = null;
  #resetting = false;
  /** Whether the consumer has started reading (before that, an error would fail the whole response). */
  #pulled = false;
  #cancelKeepalive: (() => void) | null = null;
  readonly #onAbort = () => {
    // Error the body (rather than end it) so the transport tears the connection down as aborted.
    // Ending it cleanly would complete a request the client already aborted (undici asserts on that).
    this.#error(new DOMException("The client aborted the request", "AbortError"));
    this.#finish(true);
  };

  constructor(options: SseWriterOptions) {
    this.#options = options;
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.#controller = controller;
      },
      // The consumer drained what was written: a pending reset may now fail the body without
      // discarding frames the client has not read yet (erroring a stream drops its queue).
      pull: () => {
        this.#pulled = true;
        if (this.#resetting) this.#reset();
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
    if (options.fault?.type === "stream-reset" && options.fault.afterFrames <= 0) {
      this.#reset();
      return;
    }
    if (options.includePings && options.initialPing !== false) this.#write({ data: JSON.stringify(this.#ping()) });
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
    const { frames, end } = loopEventFrames(event);
    this.#deliver(frames, end);
  }

  /** Writes one stored chunk of a background run. */
  relay(entry: LoggedFrame): void {
    if (this.#stalled) return;
    this.#deliver([entry.frame], entry.complete);
  }

  #deliver(frames: readonly RecordedFrame[], end: boolean): void {
    const fault = this.#options.fault;
    const holdOpen = fault?.type === "hold-open";
    for (const frame of frames) {
      if (holdOpen && fault.withoutDone && frame.data === "[DONE]") continue;
      if (fault?.type === "terminal-pings" && isTerminal(frame))
        this.#write({ data: JSON.stringify(this.#ping()) }, true);
      this.#write(frame);
    }
    if (!end || this.#closed) return;
    if (!holdOpen) {
      this.#finish(false);
      return;
    }
    // The turn is over but the body stays open (wire fact 1) until the client aborts.
    this.#stalled = true;
    this.#disarmKeepalive();
  }

  /** Ends the stream from the server side (e.g. emulator reset), even a stalled one. */
  close(): void {
    this.#stalled = false;
    this.#finish(false);
  }

  #ping(): Record<string, unknown> {
    return lettaPing(this.#options.runId, this.#options.uuid(), this.#options.now(), this.#lastSeq);
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
    // Keepalives carry the last seq_id seen in the chunks' text (`add_keepalive_to_stream`).
    const seq = /"seq_id":(\d+)/.exec(frame.data);
    if (seq) this.#lastSeq = Number(seq[1]);
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
      case "stream-reset":
        if (this.#counted >= fault.afterFrames) this.#reset();
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

  #error(reason: unknown): void {
    if (this.#closed) return;
    try {
      this.#controller?.error(reason);
    } catch {
      // Already closed or cancelled.
    }
  }

  /**
   * A connection reset: the body fails mid-way (the client's fetch sees `TypeError: terminated`),
   * once the frames written before it have been read.
   */
  #reset(): void {
    if (this.#closed) return;
    this.#stalled = true;
    this.#disarmKeepalive();
    const queued = this.#controller?.desiredSize ?? 1;
    if (queued <= 0 || !this.#pulled) {
      this.#resetting = true;
      return;
    }
    this.#error(new Error("connection reset by the emulator (stream-reset fault)"));
    this.#finish(true);
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
