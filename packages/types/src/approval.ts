import * as z from "zod";

/** The caller's answer for one tool call of an approval request. */
export type ApprovalDecision =
  | { tool_call_id: string; approve: true }
  | { tool_call_id: string; approve: false; reason?: string };

/**
 * What `respondToApproval` sends: a decision for every tool call of the pending request. The
 * ids are the wire names: `agent_id`, `session_id` (when the turn ran in a session),
 * `approval_request_id` (the `approval_request` event's `id`).
 */
export interface ApprovalResponse {
  agent_id: string;
  session_id?: string;
  approval_request_id: string;
  decisions: ApprovalDecision[];
}

/** Schema for {@link ApprovalDecision}. */
export const ApprovalDecisionSchema = z.discriminatedUnion("approve", [
  z.strictObject({ tool_call_id: z.string().min(1), approve: z.literal(true) }),
  z.strictObject({ tool_call_id: z.string().min(1), approve: z.literal(false), reason: z.string().optional() }),
]);

/** Schema for {@link ApprovalResponse}: unknown keys are rejected, and each tool call is decided once. */
export const ApprovalResponseSchema = z.strictObject({
  agent_id: z.string().min(1),
  session_id: z.string().min(1).optional(),
  approval_request_id: z.string().min(1),
  decisions: z
    .array(ApprovalDecisionSchema)
    .min(1)
    .superRefine((decisions, ctx) => {
      const seen = new Set<string>();
      decisions.forEach((decision, index) => {
        if (seen.has(decision.tool_call_id)) {
          ctx.addIssue({
            code: "custom",
            path: [index, "tool_call_id"],
            message: `tool call "${decision.tool_call_id}" is decided twice`,
          });
        }
        seen.add(decision.tool_call_id);
      });
    }),
});
