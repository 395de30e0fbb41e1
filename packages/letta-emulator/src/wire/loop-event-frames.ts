import type { LoopEvent } from "../agent/loop-events.js";
import type { RecordedFrame } from "./letta-exchange.js";

/** The SSE frames one loop event becomes, and whether the stream ends after them. */
export interface LoopEventFrames {
  frames: RecordedFrame[];
  /** The stream ends after these frames. */
  end: boolean;
}

const json = (data: unknown): RecordedFrame => ({ data: JSON.stringify(data) });

/**
 * Letta's wire form of one agent-loop event: messages as `data:` frames, the stop reason, usage,
 * in-band errors as `stop_reason` + `event: error` (+ `[DONE]` before any output), and `[DONE]`
 * at the end.
 */
export function loopEventFrames(event: LoopEvent): LoopEventFrames {
  switch (event.kind) {
    case "wire":
      return { frames: [json(event.data)], end: false };
    case "frame": {
      const frame = event.frame;
      if ("raw" in frame)
        return {
          frames: [{ data: frame.raw, raw: true, exempt: frame.exempt ?? "raw frame (escape hatch)" }],
          end: false,
        };
      return {
        frames: [
          {
            data: JSON.stringify(frame.data),
            ...(frame.event === undefined ? {} : { event: frame.event }),
            ...(frame.exempt === undefined ? {} : { exempt: frame.exempt }),
          },
        ],
        end: false,
      };
    }
    case "stop":
      return { frames: [json({ message_type: "stop_reason", stop_reason: event.stopReason })], end: false };
    case "usage":
      return { frames: [json(event.usage)], end: false };
    case "error":
      return {
        frames: [
          json({ message_type: "stop_reason", stop_reason: event.stopReason }),
          { event: "error", data: JSON.stringify(event.error) },
          ...(event.done ? [{ data: "[DONE]" }] : []),
        ],
        end: true,
      };
    case "done":
      return { frames: [{ data: "[DONE]" }], end: true };
    case "message":
      return { frames: [], end: false };
  }
}
