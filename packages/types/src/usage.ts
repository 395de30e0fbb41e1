import * as z from "zod";

/**
 * Token usage of one execution. The three counters are always present; the rest are reported
 * only when the harness measures them (never invented).
 */
export interface Usage {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  duration_ms?: number;
  cached_input_tokens?: number;
  cache_write_tokens?: number;
  reasoning_tokens?: number;
  step_count?: number;
  context_tokens?: number;
}

const count = z.number().int().nonnegative();

/** Schema for {@link Usage}. */
export const UsageSchema = z.object({
  input_tokens: count,
  output_tokens: count,
  total_tokens: count,
  duration_ms: z.number().nonnegative().optional(),
  cached_input_tokens: count.optional(),
  cache_write_tokens: count.optional(),
  reasoning_tokens: count.optional(),
  step_count: count.optional(),
  context_tokens: count.optional(),
});

/** Usage with every counter at zero, for a stream that ended before the harness reported any. */
export function emptyUsage(): Usage {
  return { input_tokens: 0, output_tokens: 0, total_tokens: 0 };
}
