import type { Usage } from "@openharness/types";

/** The usage fields Letta reports (`usage_statistics`, aggregated over the steps of a request). */
export interface LettaUsage {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  total_tokens?: number | null;
  step_count?: number | null;
  cached_input_tokens?: number | null;
  cache_write_tokens?: number | null;
  reasoning_tokens?: number | null;
  context_tokens?: number | null;
}

/** Letta usage → OpenHarness usage. Counters Letta did not report are left out, not zeroed. */
export function convertLettaUsage(usage: LettaUsage): Usage {
  const input = usage.prompt_tokens ?? 0;
  const output = usage.completion_tokens ?? 0;
  const converted: Usage = {
    input_tokens: input,
    output_tokens: output,
    total_tokens: usage.total_tokens ?? input + output,
  };
  const optional = {
    step_count: usage.step_count,
    cached_input_tokens: usage.cached_input_tokens,
    cache_write_tokens: usage.cache_write_tokens,
    reasoning_tokens: usage.reasoning_tokens,
    context_tokens: usage.context_tokens,
  } as const;
  for (const [key, value] of Object.entries(optional)) {
    if (typeof value === "number") converted[key as keyof typeof optional] = value;
  }
  return converted;
}
