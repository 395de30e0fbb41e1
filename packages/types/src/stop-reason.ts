import * as z from "zod";

/** Every normalised stop reason, in the order a reader is most likely to meet them. */
export const STOP_REASONS = [
  "end_turn",
  "max_steps",
  "max_tokens",
  "requires_approval",
  "cancelled",
  "error",
  "other",
] as const;

/**
 * Why an execution stopped, normalised across harnesses. The harness's own reason travels
 * beside it as `raw_stop_reason`.
 */
export type StopReason = (typeof STOP_REASONS)[number];

/** Schema for {@link StopReason}. */
export const StopReasonSchema = z.enum(STOP_REASONS);
