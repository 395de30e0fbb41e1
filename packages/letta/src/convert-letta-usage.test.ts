import { describe, expect, it } from "vitest";
import { convertLettaUsage } from "./convert-letta-usage";

describe("convertLettaUsage", () => {
  it("renames Letta's counters and keeps the extra ones it reported", () => {
    expect(
      convertLettaUsage({
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        step_count: 2,
        cached_input_tokens: 3,
        cache_write_tokens: null,
      }),
    ).toEqual({ input_tokens: 10, output_tokens: 5, total_tokens: 15, step_count: 2, cached_input_tokens: 3 });
  });

  it("derives the total when Letta left it out, and never invents optional counters", () => {
    expect(convertLettaUsage({ prompt_tokens: 7, completion_tokens: 2 })).toEqual({
      input_tokens: 7,
      output_tokens: 2,
      total_tokens: 9,
    });
    expect(convertLettaUsage({})).toEqual({ input_tokens: 0, output_tokens: 0, total_tokens: 0 });
  });
});
