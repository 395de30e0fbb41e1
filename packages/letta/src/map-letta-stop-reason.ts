import type { StopReason } from "@openharness/types";

/** Letta's stop reasons (`StopReasonType`) → the normalised OpenHarness ones. */
const STOP_REASONS: Record<string, StopReason> = {
  end_turn: "end_turn",
  // A terminal tool rule ended the loop as configured: a normal end of turn.
  tool_rule: "end_turn",
  max_steps: "max_steps",
  max_tokens_exceeded: "max_tokens",
  requires_approval: "requires_approval",
  cancelled: "cancelled",
  error: "error",
  llm_api_error: "error",
  invalid_llm_response: "error",
  invalid_tool_call: "error",
  insufficient_credits: "error",
  context_window_overflow_in_system_prompt: "error",
  // Legacy agents stop this way when the model answered without calling a tool.
  no_tool_call: "other",
};

/** Normalises a Letta stop reason; one this adapter does not know yet becomes `other`. */
export function mapLettaStopReason(stopReason: string): StopReason {
  return STOP_REASONS[stopReason] ?? "other";
}
