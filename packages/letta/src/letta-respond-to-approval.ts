import type { ApprovalRequestMessage } from "@letta-ai/letta-client/resources/agents/messages";
import { InvalidRequestError, UnsupportedFeatureError } from "@openharness/adapter-kit";
import { type ApprovalResponse, ApprovalResponseSchema, type ExecutionEvent } from "@openharness/types";
import { ClientToolRunner } from "./client-tool-runner";
import { approvalParams, convertLettaApprovalRequest, lettaApprovalItems } from "./letta-approvals";
import type { LettaContext } from "./letta-context";
import type { PendingLettaApproval } from "./letta-stream-mapper";
import { type LettaExecuteOptions, parseLettaExecuteOptions } from "./letta-execution";
import { AgentIdField } from "./letta-input-schemas";
import { lettaTurnStream } from "./letta-turn-stream";
import { checkLettaId, parseLettaInput } from "./parse-letta-input";

const where = { domain: "execution", operation: "approvals" };

/**
 * The pending approval with the calls Letta parked beside it (a mixed parallel step, wire fact
 * 9): they are in the step's `tool_call_message`, not in the request, and their returns must
 * still carry their own names (fact 10).
 */
async function withParkedCalls(
  ctx: LettaContext,
  agentId: string,
  message: ApprovalRequestMessage,
): Promise<PendingLettaApproval> {
  const pending = convertLettaApprovalRequest(message);
  if (!message.step_id) return pending;
  const recent = await ctx.call(
    { operation: "respondToApproval", resource: "agent", resourceId: agentId, domain: "execution" },
    () => ctx.client.agents.messages.list(agentId, { limit: 20, order: "desc" }),
  );
  const parked = recent
    .getPaginatedItems()
    .flatMap((item) =>
      item.message_type === "tool_call_message" && item.step_id === message.step_id
        ? convertLettaApprovalRequest(item as never).request.tool_calls
        : [],
    )
    .filter((call) => !pending.lettaCallIds.includes(call.id));
  return { ...pending, request: { ...pending.request, tool_calls: [...pending.request.tool_calls, ...parked] } };
}

/**
 * Answers the agent's pending approval and streams the rest of the turn. The response and options
 * are checked here, before anything is sent; the pending request is read from Letta when the
 * stream is read, so a request left by another process can be answered. Client tools given in
 * `options.clientTools` run for the calls Letta asked them for (unless denied).
 */
export function respondToLettaApproval(
  ctx: LettaContext,
  response: ApprovalResponse,
  options: LettaExecuteOptions,
): AsyncIterable<ExecutionEvent> {
  const valid = parseLettaInput(ApprovalResponseSchema, response, "ApprovalResponse", where);
  checkLettaId(valid.agent_id, "agent_id", "ApprovalResponse", where);
  const agentId = parseLettaInput(AgentIdField, valid, "ApprovalResponse", where).agent_id;
  if (valid.session_id !== undefined) {
    throw new UnsupportedFeatureError({
      harness: "Letta",
      domain: "sessions",
      operation: "resume",
      reason: "session_id: answering an approval later inside a session is not part of this adapter yet",
      workaround:
        "pass onApproval (or clientTools) to executeStream, so the session's approvals are answered in the same turn",
    });
  }
  const checked = parseLettaExecuteOptions(options, "stream");
  const tools = new ClientToolRunner(checked.options.clientTools, { harness: "Letta", operation: "approvals" });
  const first = async (signal: AbortSignal) => {
    const agent = await ctx.call(
      { operation: "respondToApproval", resource: "agent", resourceId: agentId, domain: "execution" },
      () => ctx.client.agents.retrieve(agentId, { include: ["agent.pending_approval"] }),
    );
    const pending = agent.pending_approval ? await withParkedCalls(ctx, agentId, agent.pending_approval) : undefined;
    if (!pending || pending.request.id !== valid.approval_request_id) {
      const now = pending ? `the pending request is "${pending.request.id}"` : "the agent has no pending approval";
      throw new InvalidRequestError({
        what: "ApprovalResponse",
        issues: [{ path: "approval_request_id", message: `"${valid.approval_request_id}" is not pending: ${now}` }],
        harness: "Letta",
        ...where,
      });
    }
    const items = await lettaApprovalItems(pending, valid.decisions, tools, signal);
    const params = approvalParams(items, {
      streaming: true,
      stream_tokens: checked.transport.streamTokens,
      include_pings: true,
    });
    if (checked.options.maxSteps !== undefined) params.max_steps = checked.options.maxSteps;
    if (tools.declarations.length > 0) params.client_tools = tools.declarations;
    return { params, knownCalls: pending.request.tool_calls };
  };
  return lettaTurnStream(ctx, { agentId, first, options: checked.options, tools });
}
