import type { ApprovalDecision, ApprovalRequest } from "@openharness/types";
import { InvalidRequestError } from "@openharness/types/errors";
import type { ApprovalAnswer } from "./execute-options";

/**
 * The decision for every tool call of `request` that `answer` stands for. A whole-request answer
 * applies to each call; per-call decisions must decide each call of the request exactly once,
 * or this throws `InvalidRequestError` naming the call.
 */
export function approvalDecisions(
  request: ApprovalRequest,
  answer: ApprovalAnswer,
  harness?: string,
): ApprovalDecision[] {
  if (!("decisions" in answer)) {
    return request.tool_calls.map(({ id }) =>
      answer.approve
        ? { tool_call_id: id, approve: true }
        : { tool_call_id: id, approve: false, ...(answer.reason === undefined ? {} : { reason: answer.reason }) },
    );
  }
  const pending = new Set(request.tool_calls.map((call) => call.id));
  const issues = answer.decisions.flatMap((decision, index) => {
    if (pending.delete(decision.tool_call_id)) return [];
    return [
      {
        path: `decisions[${index}].tool_call_id`,
        message: `"${decision.tool_call_id}" is not an undecided tool call of approval request "${request.id}"`,
      },
    ];
  });
  for (const id of pending) issues.push({ path: "decisions", message: `no decision for tool call "${id}"` });
  if (issues.length > 0)
    throw new InvalidRequestError({
      what: "approval decisions",
      issues,
      harness,
      domain: "execution",
      operation: "approvals",
    });
  return answer.decisions;
}
