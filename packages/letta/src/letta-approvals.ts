import type {
  ApprovalRequestMessage,
  ApprovalReturn,
  MessageCreateParamsBase,
  ToolReturn,
} from "@letta-ai/letta-client/resources/agents/messages";
import { InvalidRequestError, parseToolArguments } from "@openharness/adapter-kit";
import type { ApprovalAnswer } from "@openharness/adapter-kit";
import { approvalDecisions } from "@openharness/adapter-kit";
import type { ApprovalDecision, ApprovalRequestEvent } from "@openharness/types";
import type { ClientToolRunner } from "./client-tool-runner";
import type { PendingLettaApproval } from "./letta-stream-mapper";

/** One answer of Letta's `approval` message: a decision, or a client tool's return. */
export type LettaApprovalItem = ApprovalReturn | ToolReturn;

/** Letta's pending `approval_request_message` (from `agent.pending_approval`) as the pending approval. */
export function convertLettaApprovalRequest(message: ApprovalRequestMessage): PendingLettaApproval {
  const calls = message.tool_calls && Array.isArray(message.tool_calls) ? message.tool_calls : [message.tool_call];
  const tool_calls = calls.flatMap((call) =>
    call?.tool_call_id
      ? [{ id: call.tool_call_id, name: call.name ?? "unknown", input: parseToolArguments(call.arguments ?? "").input }]
      : [],
  );
  return {
    request: { type: "approval_request", id: message.id, tool_calls },
    lettaCallIds: tool_calls.map((call) => call.id),
  };
}

/**
 * The calls of a pending approval the caller must decide: all but the client tools this turn can
 * run itself. Undefined when there are none (the turn runs its client tools and goes on).
 */
export function callsToDecide(
  pending: PendingLettaApproval,
  tools: ClientToolRunner,
): ApprovalRequestEvent | undefined {
  const own = new Set(
    pending.request.tool_calls
      .filter((call) => pending.lettaCallIds.includes(call.id) && tools.has(call.name))
      .map((call) => call.id),
  );
  const tool_calls = pending.request.tool_calls.filter((call) => !own.has(call.id));
  return tool_calls.length > 0 ? { ...pending.request, tool_calls } : undefined;
}

/**
 * The decisions an `onApproval` answer stands for. A whole-request answer decides the calls
 * Letta asked about (a parked call runs in any case); per-call decisions must decide every call
 * of the request.
 */
export function decisionsFor(
  request: ApprovalRequestEvent,
  pending: PendingLettaApproval,
  answer: ApprovalAnswer,
): ApprovalDecision[] {
  if ("decisions" in answer) return approvalDecisions(request, answer, "Letta");
  return approvalDecisions(
    { ...request, tool_calls: request.tool_calls.filter((call) => pending.lettaCallIds.includes(call.id)) },
    answer,
    "Letta",
  );
}

/**
 * The answers Letta expects, one per call its request named: client tools this turn has are run
 * (unless denied), the others carry the caller's decision. A parked call (one that needed no
 * approval, wire fact 9) runs whatever the answer: approving it is accepted, denying it throws.
 */
export async function lettaApprovalItems(
  pending: PendingLettaApproval,
  decisions: readonly ApprovalDecision[],
  tools: ClientToolRunner,
  signal: AbortSignal,
): Promise<LettaApprovalItem[]> {
  const issues: { path: string; message: string }[] = [];
  const known = new Set(pending.request.tool_calls.map((call) => call.id));
  decisions.forEach((decision, index) => {
    if (!known.has(decision.tool_call_id)) {
      issues.push({
        path: `decisions[${index}].tool_call_id`,
        message: `"${decision.tool_call_id}" is not a tool call of approval request "${pending.request.id}"`,
      });
    } else if (!pending.lettaCallIds.includes(decision.tool_call_id) && !decision.approve) {
      issues.push({
        path: `decisions[${index}]`,
        message: `tool call "${decision.tool_call_id}" needs no approval: Letta runs it once the calls it asked about are answered, so it cannot be denied`,
      });
    }
  });
  const plan = pending.lettaCallIds.map((id) => {
    const call = pending.request.tool_calls.find((candidate) => candidate.id === id);
    const decision = decisions.find((candidate) => candidate.tool_call_id === id);
    const run = call !== undefined && tools.has(call.name) && decision?.approve !== false;
    if (!run && !decision)
      issues.push({ path: "decisions", message: `no decision for tool call "${id}"${call ? ` (${call.name})` : ""}` });
    return { id, call, decision, run };
  });
  // Checked before any client tool runs: a refused answer changes nothing.
  if (issues.length > 0)
    throw new InvalidRequestError({
      what: "approval decisions",
      issues,
      harness: "Letta",
      domain: "execution",
      operation: "approvals",
    });
  const items: LettaApprovalItem[] = [];
  for (const { id, call, decision, run } of plan) {
    if (run && call)
      items.push({ type: "tool", tool_call_id: id, ...(await tools.run(call.name, call.input, signal)) });
    else if (decision) {
      items.push({
        type: "approval",
        tool_call_id: id,
        approve: decision.approve,
        ...(decision.approve === false && decision.reason !== undefined ? { reason: decision.reason } : {}),
      });
    }
  }
  return items;
}

/** The request that answers a pending approval and continues the turn. */
export function approvalParams(
  items: LettaApprovalItem[],
  base: Omit<MessageCreateParamsBase, "messages" | "input">,
): MessageCreateParamsBase {
  return { ...base, messages: [{ type: "approval", approvals: items, otid: globalThis.crypto.randomUUID() }] };
}
