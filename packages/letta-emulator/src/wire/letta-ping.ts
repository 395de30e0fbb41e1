import { isoTimestamp } from "../support/time.js";

/** Letta's `LettaPing` as written to the wire (`run_id` always; `seq_id` the last chunk's, or null). */
export function lettaPing(runId: string, id: string, date: Date, seqId: number | null): Record<string, unknown> {
  return {
    id: `ping-${id}`,
    date: isoTimestamp(date),
    name: null,
    message_type: "ping",
    otid: null,
    sender_id: null,
    step_id: null,
    is_err: null,
    seq_id: seqId,
    run_id: runId,
  };
}
