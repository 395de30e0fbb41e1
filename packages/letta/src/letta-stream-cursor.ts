import type { LettaStreamingResponse } from "@letta-ai/letta-client/resources/agents/messages";

/**
 * Where a turn is in its run's stored stream, so a re-attached stream goes on exactly there.
 * Letta numbers the chunks of a background run (`seq_id`) and re-sends those after
 * `starting_after`, but the stop reason and the usage carry no `seq_id` on the wire although the
 * store numbers them: a re-attached stream repeats those read since the last numbered chunk.
 */
export class LettaStreamCursor {
  /** The last numbered chunk read: `starting_after` for a re-attach. */
  lastSeq = 0;
  /** Letta's usage arrived: the run's stream has nothing more the turn needs. */
  usageRead = false;
  #unnumbered = 0;
  #toSkip = 0;

  /** A re-attached stream starts: it will repeat the unnumbered chunks read since `lastSeq`. */
  reattach(): void {
    this.#toSkip = this.#unnumbered;
  }

  /**
   * Reads one frame: `"new"` (a numbered chunk: progress), `"read"` (anything else to pass on) or
   * `"repeated"` (re-sent by a re-attached stream, to drop).
   */
  read(frame: LettaStreamingResponse): "new" | "read" | "repeated" {
    // Keepalive pings are not stored: they repeat the last seq_id and only ever carry the run id.
    if (frame.message_type === "ping") return "read";
    const seq = (frame as { seq_id?: unknown }).seq_id;
    if (typeof seq === "number") {
      this.lastSeq = seq;
      this.#unnumbered = 0;
      this.#toSkip = 0;
      return "new";
    }
    if (this.#toSkip > 0) {
      this.#toSkip -= 1;
      return "repeated";
    }
    this.#unnumbered += 1;
    if (frame.message_type === "usage_statistics") this.usageRead = true;
    return "read";
  }
}
