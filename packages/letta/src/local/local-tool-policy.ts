import type { JsonObject } from "@openharness/types";
import type { ControlRequestMessage } from "./app-server-messages";
import { MEMORY_TOOL } from "./letta-local-options";

/**
 * A TypeScript tool the agent may call in this turn, run in the caller's process. (The local
 * shape of the `clientTools` contract: the App Server's `external_tools`.)
 */
export interface LocalClientTool {
  name: string;
  description: string;
  /** JSON Schema of the input object. */
  input_schema: JsonObject;
  execute: (input: JsonObject, context: { signal: AbortSignal }) => unknown | Promise<unknown>;
}

/** A tool call waiting for the caller's decision. */
export interface LocalApprovalRequest {
  /** The App Server's request id. */
  id: string;
  tool_calls: { id: string; name: string; input: JsonObject }[];
}

/** The caller's answer to a {@link LocalApprovalRequest}. */
export type LocalApprovalDecision = { approve: true } | { approve: false; reason?: string };

/** Answers approval requests; without one, host tools are denied. */
export type LocalApprovalHandler = (
  request: LocalApprovalRequest,
) => LocalApprovalDecision | Promise<LocalApprovalDecision>;

/** What a turn may use: the allowlist sent with the input, and who decides on each call. */
export interface LocalToolPlan {
  /** `client_tool_allowlist`: the only tools the model is offered. */
  allowlist: string[];
  clientTools: ReadonlyMap<string, LocalClientTool>;
  onApproval?: LocalApprovalHandler;
}

/** The App Server's decision body of an `approval_response`. */
export type AppServerDecision = { behavior: "allow" } | { behavior: "deny"; message: string };

const deny = (message: string): AppServerDecision => ({ behavior: "deny", message });

/**
 * Decides one `can_use_tool` request. The agent's `memory` tool and the caller's own client
 * tools run without asking; host tools run only when enabled and approved by `onApproval`;
 * anything else (a tool the model invented, one not enabled) is denied with the reason, which
 * the agent sees as the tool's error. Nothing on the host is ever approved silently.
 */
export async function decideToolCall(request: ControlRequestMessage, plan: LocalToolPlan): Promise<AppServerDecision> {
  const { tool_name: name, tool_call_id: id, input } = request.request;
  if (!plan.allowlist.includes(name)) {
    return deny(`${name} is not enabled for this turn: only ${plan.allowlist.join(", ") || "no tools"} may be used.`);
  }
  if (name === MEMORY_TOOL || plan.clientTools.has(name)) return { behavior: "allow" };
  if (!plan.onApproval) {
    return deny(`${name} runs on the host and needs the user's approval, and this turn has no onApproval handler.`);
  }
  try {
    const answer = await plan.onApproval({
      id: request.request_id,
      tool_calls: [{ id, name, input: input as JsonObject }],
    });
    return answer.approve ? { behavior: "allow" } : deny(answer.reason ?? `The user denied ${name}.`);
  } catch (error) {
    return deny(
      `The approval handler failed, so ${name} was denied: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The `external_tool_call_response` result of running a client tool: its output, or its error. */
export async function runClientTool(
  tool: LocalClientTool | undefined,
  name: string,
  input: JsonObject,
  signal: AbortSignal,
): Promise<{ content: { type: "text"; text: string }[]; is_error?: boolean }> {
  if (!tool) return { content: [{ type: "text", text: `No client tool named ${name} in this turn.` }], is_error: true };
  try {
    const output = await tool.execute(input, { signal });
    return { content: [{ type: "text", text: typeof output === "string" ? output : (JSON.stringify(output) ?? "") }] };
  } catch (error) {
    return {
      content: [{ type: "text", text: error instanceof Error ? error.message : String(error) }],
      is_error: true,
    };
  }
}

/**
 * The plan for one turn: `requested` (the request's `tools`) must name tools this turn can use
 * (the agent's memory tool, the enabled host tools, the caller's client tools); without it, all of them.
 * Returns the unknown names instead when there are any, for the caller to reject.
 */
export function planLocalTools(
  requested: string[] | undefined,
  hostTools: readonly string[],
  clientTools: LocalClientTool[],
  onApproval: LocalApprovalHandler | undefined,
): LocalToolPlan | { unknown: string[]; available: string[] } {
  const available = [MEMORY_TOOL, ...hostTools, ...clientTools.map((tool) => tool.name)];
  const unknown = (requested ?? []).filter((name) => !available.includes(name));
  if (unknown.length > 0) return { unknown, available };
  return {
    // The allowlist also filters external tools: they must be on it for the model to see them.
    allowlist: requested ?? available,
    clientTools: new Map(clientTools.map((tool) => [tool.name, tool])),
    ...(onApproval ? { onApproval } : {}),
  };
}
