import type { Tool } from "@letta-ai/letta-client/resources/tools";
import { PythonToolParseError, parsePythonTool } from "../agent/python-tool-parser.js";
import { makeTool } from "../state/letta-defaults.js";
import { isRecord } from "../support/json.js";
import { badRequest, unprocessable } from "../wire/http-error.js";
import { ordered, paginate } from "./paginate.js";
import {
  type EmulatorCore,
  objectBody,
  ok,
  pathId,
  queryBool,
  type RouteInput,
  type RouteResult,
  requireFields,
} from "./route-input.js";
import { type RouteDefinition, route } from "./router.js";

/** Derives a tool's name, description and schema from a create/upsert/update body. */
function deriveTool(body: Record<string, unknown>): {
  name: string;
  description: string;
  json_schema: Record<string, unknown>;
} {
  const sourceType = typeof body.source_type === "string" ? body.source_type : "python";
  const given = isRecord(body.json_schema) ? body.json_schema : null;
  if (sourceType === "typescript" && !given) throw badRequest("json_schema is required for TypeScript tools");
  if (given) {
    const name = typeof given.name === "string" ? given.name : null;
    if (!name) throw badRequest("Error creating tool: json_schema must include a 'name'");
    const description =
      typeof body.description === "string"
        ? body.description
        : typeof given.description === "string"
          ? given.description
          : "";
    return { name, description, json_schema: given };
  }
  try {
    const parsed = parsePythonTool(String(body.source_code ?? ""));
    const description = typeof body.description === "string" ? body.description : parsed.description;
    return { name: parsed.name, description, json_schema: parsed.json_schema as unknown as Record<string, unknown> };
  } catch (error) {
    if (error instanceof PythonToolParseError) throw badRequest(error.message);
    throw error;
  }
}

function toolOptions(body: Record<string, unknown>): Partial<Tool> {
  const out: Partial<Tool> = {};
  if (Array.isArray(body.tags)) out.tags = body.tags.map(String);
  if (typeof body.source_type === "string") out.source_type = body.source_type;
  if (isRecord(body.args_json_schema)) out.args_json_schema = body.args_json_schema;
  if (typeof body.return_char_limit === "number") out.return_char_limit = body.return_char_limit;
  if (Array.isArray(body.pip_requirements)) out.pip_requirements = body.pip_requirements as Tool["pip_requirements"];
  if (Array.isArray(body.npm_requirements)) out.npm_requirements = body.npm_requirements as Tool["npm_requirements"];
  if (typeof body.default_requires_approval === "boolean")
    out.default_requires_approval = body.default_requires_approval;
  if (typeof body.enable_parallel_execution === "boolean")
    out.enable_parallel_execution = body.enable_parallel_execution;
  if (isRecord(body.metadata_)) out.metadata_ = body.metadata_;
  return out;
}

function createTool(core: EmulatorCore, input: RouteInput, upsert: boolean): RouteResult {
  const { store } = core;
  const body = objectBody(input);
  requireFields(body, ["source_code"]);
  if (typeof body.source_code !== "string") throw unprocessable("body.source_code: Input should be a valid string");
  const derived = deriveTool(body);
  const existing = store.toolByName(derived.name);
  if (existing) {
    if (!upsert)
      throw badRequest(`INVALID_ARGUMENT: Tool with name '${derived.name}' already exists in your organization`);
    if (existing.tool_type !== "custom")
      throw badRequest(`INVALID_ARGUMENT: Letta built-in tool '${derived.name}' cannot be modified`);
    Object.assign(existing, toolOptions(body), {
      source_code: body.source_code,
      description: derived.description,
      json_schema: derived.json_schema,
    });
    return ok(existing);
  }
  const tool = makeTool(store.env, {
    ...toolOptions(body),
    name: derived.name,
    tool_type: "custom",
    description: derived.description,
    source_code: body.source_code,
    json_schema: derived.json_schema,
  });
  store.state.tools[tool.id] = tool;
  return ok(tool);
}

function updateTool(core: EmulatorCore, input: RouteInput): RouteResult {
  const { store } = core;
  const tool = store.tool(pathId(input, "tool_id"));
  const body = objectBody(input);
  if (typeof body.source_code === "string" || isRecord(body.json_schema)) {
    const derived = deriveTool({ source_code: tool.source_code, source_type: tool.source_type, ...body });
    const clash = store.toolByName(derived.name);
    if (clash && clash.id !== tool.id)
      throw badRequest(`INVALID_ARGUMENT: Tool with name '${derived.name}' already exists in your organization`);
    tool.name = derived.name;
    tool.json_schema = derived.json_schema;
    tool.description = derived.description;
    if (typeof body.source_code === "string") tool.source_code = body.source_code;
  } else if (typeof body.description === "string") {
    tool.description = body.description;
  }
  Object.assign(tool, toolOptions(body));
  return ok(tool);
}

function listTools(core: EmulatorCore, input: RouteInput): RouteResult {
  const q = input.query;
  const name = q.get("name");
  const names = q.getAll("names");
  const ids = q.getAll("tool_ids");
  const search = q.get("search")?.toLowerCase();
  const types = q.getAll("tool_types");
  const excluded = q.getAll("exclude_tool_types");
  const onlyLetta = queryBool(q, "return_only_letta_tools", false);
  let tools = Object.values(core.store.state.tools).filter((t) => {
    if (name !== null && t.name !== name) return false;
    if (names.length > 0 && !names.includes(t.name ?? "")) return false;
    if (ids.length > 0 && !ids.includes(t.id)) return false;
    if (search && !(t.name ?? "").toLowerCase().includes(search)) return false;
    if (types.length > 0 && !types.includes(t.tool_type ?? "custom")) return false;
    if (excluded.includes(t.tool_type ?? "custom")) return false;
    if (onlyLetta && !(t.tool_type ?? "").startsWith("letta_")) return false;
    return true;
  });
  tools = ordered(tools, q, "desc");
  return ok(paginate(tools, (t) => t.id, q, 50));
}

function deleteTool(core: EmulatorCore, input: RouteInput): RouteResult {
  const { store } = core;
  const tool = store.tool(pathId(input, "tool_id"));
  for (const agent of Object.values(store.state.agents)) agent.tool_ids = agent.tool_ids.filter((id) => id !== tool.id);
  delete store.state.tools[tool.id];
  return ok(null);
}

/** `/v1/tools/`: the organisation's tools (Python source parsed like Letta, or a given JSON schema). */
export const toolRoutes: readonly RouteDefinition[] = [
  route("GET", "/v1/tools/", listTools),
  route("POST", "/v1/tools/", (core, input) => createTool(core, input, false)),
  route("PUT", "/v1/tools/", (core, input) => createTool(core, input, true)),
  route("GET", "/v1/tools/{tool_id}", (core, input) => ok(core.store.tool(pathId(input, "tool_id")))),
  route("PATCH", "/v1/tools/{tool_id}", updateTool),
  route("DELETE", "/v1/tools/{tool_id}", deleteTool),
];
