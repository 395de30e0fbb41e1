import { isoTimestamp } from "../support/time.js";

/**
 * Letta's `LettaPing` as written to the wire (`schemas/letta_message.py`; sent by
 * `prepend_initial_run_ping` in `services/streaming_service.py` and `add_keepalive_to_stream` in
 * `server/rest_api/streaming_response.py`): `run_id` always, `seq_id` the last chunk's, or null.
 */
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
