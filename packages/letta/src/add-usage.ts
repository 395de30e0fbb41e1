import type { Usage } from "@openharness/types";

const SUMMED = [
  "input_tokens",
  "output_tokens",
  "total_tokens",
  "duration_ms",
  "cached_input_tokens",
  "cache_write_tokens",
  "reasoning_tokens",
  "step_count",
] as const;

/**
 * The usage of two runs of one turn: counters add up (an optional one only when either run
 * reported it); `context_tokens`, a size rather than a count, is the later run's.
 */
export function addUsage(earlier: Usage, later: Usage): Usage {
  const sum: Usage = { input_tokens: 0, output_tokens: 0, total_tokens: 0 };
  for (const key of SUMMED) {
    if (earlier[key] === undefined && later[key] === undefined) continue;
    sum[key] = (earlier[key] ?? 0) + (later[key] ?? 0);
  }
  const context = later.context_tokens ?? earlier.context_tokens;
  if (context !== undefined) sum.context_tokens = context;
  return sum;
}
