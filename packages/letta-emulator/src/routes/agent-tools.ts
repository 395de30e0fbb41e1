import { notFound, unprocessable } from "../wire/http-error.js";
import { ordered, paginate } from "./paginate.js";
import {
  type EmulatorCore,
  objectBody,
  ok,
  pathId,
  queryBool,
  type RouteInput,
  type RouteResult,
} from "./route-input.js";
import { type RouteDefinition, route } from "./router.js";

function agentTools(core: EmulatorCore, input: RouteInput): RouteResult {
  const agent = core.store.agent(pathId(input, "agent_id"));
  const tools = ordered(core.store.toolsOf(agent), input.query, "desc");
  return ok(paginate(tools, (t) => t.id, input.query, 10));
}

function attachTool(core: EmulatorCore, input: RouteInput, attach: boolean): RouteResult {
  const { store } = core;
  const agent = store.agent(pathId(input, "agent_id"));
  const tool = store.tool(pathId(input, "tool_id"));
  agent.tool_ids = attach ? [...new Set([...agent.tool_ids, tool.id])] : agent.tool_ids.filter((id) => id !== tool.id);
  agent.updated_at = store.timestamp();
  // Letta answers `null` to 1.x SDK clients here (`is_1_0_sdk_version`), the agent to others.
  return ok(input.sdk1x ? null : store.agentState(agent, "all"));
}

function modifyApproval(core: EmulatorCore, input: RouteInput): RouteResult {
  const { store } = core;
  const agent = store.agent(pathId(input, "agent_id"));
  const toolName = input.params.tool_name ?? "";
  // Letta's body model is `ModifyApprovalRequest {requires_approval}` with `extra="forbid"`. Note that
  // SDK 1.12.1's `agents.tools.updateApproval` sends `{"body_requires_approval": …}`, which Letta
  // rejects with 422; the emulator does the same (use `client.patch` with `{requires_approval}`).
  let flag: boolean | null = null;
  if (input.body !== undefined && input.body !== null) {
    const body = objectBody(input);
    const extra = Object.keys(body).filter((k) => k !== "requires_approval");
    if (extra.length > 0) throw unprocessable(extra.map((k) => `body.${k}: Extra inputs are not permitted`).join("; "));
    if (typeof body.requires_approval !== "boolean") throw unprocessable("body.requires_approval: Field required");
    flag = body.requires_approval;
  } else if (input.query.has("requires_approval")) {
    flag = queryBool(input.query, "requires_approval", false);
  }
  if (flag === null)
    throw unprocessable("requires_approval must be provided either in request body or as query parameter");
  const requires = flag;
  if (!store.toolsOf(agent).some((t) => t.name === toolName))
    throw notFound(`Tool '${toolName}' not found or not attached to agent '${agent.id}'`);
  agent.tool_rules = agent.tool_rules.filter((r) => !(r.type === "requires_approval" && r.tool_name === toolName));
  if (requires) agent.tool_rules.push({ type: "requires_approval", tool_name: toolName, prompt_template: null });
  return ok(input.sdk1x ? null : store.agentState(agent, "all"));
}

/** `/v1/agents/{agent_id}/tools`: an agent's tools, attach, detach and approval rules. */
export const agentToolRoutes: readonly RouteDefinition[] = [
  route("GET", "/v1/agents/{agent_id}/tools", agentTools),
  route("PATCH", "/v1/agents/{agent_id}/tools/attach/{tool_id}", (core, input) => attachTool(core, input, true)),
  route("PATCH", "/v1/agents/{agent_id}/tools/detach/{tool_id}", (core, input) => attachTool(core, input, false)),
  route("PATCH", "/v1/agents/{agent_id}/tools/approval/{tool_name}", modifyApproval),
];
