import type { LoopEvent } from "../agent/loop-events.js";
import type { RecordedFrame } from "./letta-exchange.js";
import { loopEventFrames } from "./loop-event-frames.js";

/** One stored chunk of a background run's stream. */
export interface LoggedFrame {
  /** Letta's chunk sequence id: 1, 2, 3… in write order. */
  seq: number;
  frame: RecordedFrame;
  /** The last chunk (`[DONE]`): a reader stops after it. */
  complete: boolean;
}

const DONE: RecordedFrame = { data: "[DONE]" };

/**
 * The stored stream of a background run, like Letta's Redis stream `sse:run:{run_id}`
 * (`redis_stream_manager.py`): every chunk the agent loop writes gets the next `seq_id` (from 1),
 * the run's first ping included, and the stream always ends with a `[DONE]` chunk marked complete
 * (the background processor's finalizer appends one even after an error or a cancel). Readers get
 * the chunks after a cursor, then follow live ones; the run goes on whether anyone reads or not.
 */
export class RunStreamLog {
  readonly entries: LoggedFrame[] = [];
  readonly #followers = new Set<(entry: LoggedFrame) => void>();

  constructor(readonly runId: string) {}

  /** Whether the `[DONE]` chunk has been written. */
  get complete(): boolean {
    return this.entries.at(-1)?.complete === true;
  }

  /** Stores what one agent-loop event writes to the stream. */
  handle(event: LoopEvent): void {
    if (this.complete) return;
    const { frames, end } = loopEventFrames(event);
    for (const frame of frames) if (frame.data !== "[DONE]") this.append(frame, false);
    if (end) this.append(DONE, true);
  }

  /** Stores one chunk. */
  append(frame: RecordedFrame, complete: boolean): void {
    if (this.complete) return;
    const entry = { seq: this.entries.length + 1, frame, complete };
    this.entries.push(entry);
    for (const follower of [...this.#followers]) follower(entry);
  }

  /**
   * Calls `onEntry` for every chunk with `seq > startingAfter`, stored ones first, then live ones,
   * with `"seq_id":null`/`"run_id":null` filled in as Letta's reader does (`redis_sse_stream_generator`).
   * Returns the function that stops following.
   */
  follow(startingAfter: number, onEntry: (entry: LoggedFrame) => void): () => void {
    const deliver = (entry: LoggedFrame) => {
      if (entry.seq <= startingAfter) return;
      onEntry({ ...entry, frame: this.#filled(entry) });
    };
    for (const entry of [...this.entries]) deliver(entry);
    if (this.complete) return () => {};
    this.#followers.add(deliver);
    return () => this.#followers.delete(deliver);
  }

  #filled({ frame, seq }: LoggedFrame): RecordedFrame {
    if (frame.raw) return frame;
    const data = frame.data
      .replaceAll('"run_id":null', `"run_id":${JSON.stringify(this.runId)}`)
      .replaceAll('"seq_id":null', `"seq_id":${seq}`);
    return { ...frame, data };
  }
}
