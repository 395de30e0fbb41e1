import { STOP_REASONS } from "@openharness/types";
import { describe, expect, it } from "vitest";
import { mapLettaStopReason } from "./map-letta-stop-reason";

// Letta 1.12.1's StopReasonType, every member.
const LETTA_STOP_REASONS = [
  "end_turn",
  "error",
  "llm_api_error",
  "invalid_llm_response",
  "invalid_tool_call",
  "max_steps",
  "max_tokens_exceeded",
  "no_tool_call",
  "tool_rule",
  "cancelled",
  "insufficient_credits",
  "requires_approval",
  "context_window_overflow_in_system_prompt",
];

describe("mapLettaStopReason", () => {
  it.each([
    ["end_turn", "end_turn"],
    ["tool_rule", "end_turn"],
    ["max_steps", "max_steps"],
    ["max_tokens_exceeded", "max_tokens"],
    ["requires_approval", "requires_approval"],
    ["cancelled", "cancelled"],
    ["llm_api_error", "error"],
    ["insufficient_credits", "error"],
    ["context_window_overflow_in_system_prompt", "error"],
    ["no_tool_call", "other"],
    ["a_reason_from_the_future", "other"],
  ])("%s → %s", (letta, expected) => {
    expect(mapLettaStopReason(letta)).toBe(expected);
  });

  it("maps every Letta stop reason to a normalised one", () => {
    for (const reason of LETTA_STOP_REASONS) expect(STOP_REASONS).toContain(mapLettaStopReason(reason));
  });
});
