import type { AgentType } from "@letta-ai/letta-client/resources/agents/agents";
import type { Message } from "@letta-ai/letta-client/resources/agents/messages";
import type { BlockResponse } from "@letta-ai/letta-client/resources/blocks/blocks";
import type { LlmConfig } from "@letta-ai/letta-client/resources/models/models";
import type { Tool } from "@letta-ai/letta-client/resources/tools";
import { BASE_TOOLS } from "./base-tools.js";
import { badRequest, conflict, isRecord, notFound, unprocessable } from "./internal.js";
import { cancelRun, handleListMessages, handleSendMessage } from "./messages-route.js";
import { PythonToolParseError, parsePythonTool } from "./python-tool-parser.js";
import {
  type EmulatorCore,
  objectBody,
  ok,
  pathId,
  queryBool,
  queryInt,
  type RouteInput,
  type RouteResult,
  Router,
  requireFields,
} from "./router.js";
import {
  AGENT_RELATIONS,
  assertWithinLimit,
  DEFAULT_BLOCK_LIMIT,
  embeddingConfigFor,
  llmConfigFor,
  makeBlock,
  makeTool,
  ordered,
  paginate,
} from "./store.js";
import { insertPassage, relevance, searchPassages } from "./tool-execution.js";
import type { EmulatedAgent, EmulatedRun } from "./types.js";

const AGENT_TYPES = new Set<AgentType>([
  "memgpt_agent",
  "memgpt_v2_agent",
  "letta_v1_agent",
  "react_agent",
  "workflow_agent",
  "split_thread_agent",
  "sleeptime_agent",
  "voice_convo_agent",
  "voice_sleeptime_agent",
]);

const DEFAULT_SYSTEM_PROMPT =
  "You are a helpful self-improving agent with advanced memory. " +
  "Your core memory blocks are always in context; keep them up to date with memory_insert and memory_replace. " +
  "(Served by the OpenHarness Letta emulator: replies come from a scripted model, not an LLM.)";

const ADJECTIVES = ["amber", "brave", "calm", "deft", "eager", "fond", "gentle", "hazel", "ivory", "jolly", "keen", "lucid", "mellow", "noble", "opal", "plucky"];
const NOUNS = ["otter", "heron", "lynx", "finch", "panda", "tapir", "gecko", "koala", "raven", "bison", "egret", "ibis", "marten", "newt", "quail", "wren"];

/** A Letta-style random agent name, derived deterministically from the agent id. */
function agentName(id: string): string {
  const hex = id.replace(/[^0-9a-f]/g, "");
  return `${ADJECTIVES[Number.parseInt(hex.slice(0, 1) || "0", 16)]}-${NOUNS[Number.parseInt(hex.slice(1, 2) || "0", 16)]}`;
}

/** The relations to load: `include` for 1.x SDK clients; everything for other clients (Letta's legacy default). */
function includeSet(input: RouteInput): Set<string> | "all" {
  const include = input.query.getAll("include");
  for (const relation of include) {
    if (!(AGENT_RELATIONS as readonly string[]).includes(relation)) {
      throw unprocessable(`query.include: Input should be ${AGENT_RELATIONS.map((r) => `'${r}'`).join(", ")}`);
    }
  }
  return input.sdk1x ? new Set(include) : "all";
}

function stringList(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw unprocessable(`body.${field}: Input should be a valid list of strings`);
  return value;
}

/* ------------------------------------------------------------------------------------------------
 * Agents
 * ---------------------------------------------------------------------------------------------- */

function createAgent(core: EmulatorCore, input: RouteInput): RouteResult {
  const { store } = core;
  const body = objectBody(input);
  const agentType = (body.agent_type ?? "letta_v1_agent") as AgentType;
  if (!AGENT_TYPES.has(agentType)) throw unprocessable(`body.agent_type: Input should be one of ${[...AGENT_TYPES].join(", ")}`);
  const llmConfigInput = isRecord(body.llm_config) ? (body.llm_config as unknown as LlmConfig) : null;
  const model = typeof body.model === "string" ? body.model : (llmConfigInput?.handle ?? core.defaultModel);
  if (!model && !llmConfigInput) throw badRequest("Must specify either model or llm_config");
  const contextWindow = typeof body.context_window_limit === "number" ? body.context_window_limit : null;
  const llmConfig = llmConfigInput && typeof body.model !== "string" ? { ...llmConfigInput } : llmConfigFor(model ?? "openai/gpt-4o-mini", contextWindow);
  if (contextWindow) llmConfig.context_window = contextWindow;
  const embedding = typeof body.embedding === "string" ? body.embedding : null;

  // Resolve everything before mutating state, so a failed create leaves nothing behind.
  const memoryBlocks = Array.isArray(body.memory_blocks) ? body.memory_blocks : [];
  const newBlocks: BlockResponse[] = memoryBlocks.map((raw, i) => {
    if (!isRecord(raw)) throw unprocessable(`body.memory_blocks.${i}: Input should be a valid dictionary`);
    requireFields(raw, ["label", "value"]);
    return makeBlock(store.env, blockFields(raw));
  });
  const existingBlockIds = stringList(body.block_ids, "block_ids");
  for (const id of existingBlockIds) store.block(id);
  const toolIds: string[] = [];
  const toolNames = stringList(body.tools, "tools");
  const missing = toolNames.filter((name) => !store.toolByName(name));
  if (missing.length > 0) throw badRequest(`INVALID_ARGUMENT: Tools not found by name: ${missing.map((n) => `'${n}'`).join(", ")}`);
  for (const id of stringList(body.tool_ids, "tool_ids")) toolIds.push(store.tool(id).id);
  for (const name of toolNames) toolIds.push(store.toolByName(name)?.id ?? "");
  if (body.include_base_tools !== false) {
    for (const def of BASE_TOOLS) {
      const tool = def.attachByDefault ? store.toolByName(def.name) : undefined;
      if (tool) toolIds.push(tool.id);
    }
  }

  const id = `agent-${store.env.uuid()}`;
  const now = store.timestamp();
  const system = typeof body.system === "string" ? body.system : DEFAULT_SYSTEM_PROMPT;
  for (const block of newBlocks) store.state.blocks[block.id] = block;
  const systemMessage = {
    id: `message-${store.env.uuid()}`,
    date: now,
    name: null,
    message_type: "system_message",
    otid: null,
    sender_id: null,
    step_id: null,
    is_err: null,
    seq_id: null,
    run_id: null,
    content: system,
  } as Message;
  const agent: EmulatedAgent = {
    id,
    name: typeof body.name === "string" ? body.name : agentName(id),
    agent_type: agentType,
    system,
    description: typeof body.description === "string" ? body.description : null,
    model: model ?? llmConfig.handle ?? null,
    embedding,
    llm_config: llmConfig,
    embedding_config: embedding ? embeddingConfigFor(embedding) : null,
    tags: stringList(body.tags, "tags"),
    metadata: isRecord(body.metadata) ? body.metadata : null,
    tool_rules: Array.isArray(body.tool_rules) ? body.tool_rules.filter(isRecord) : [],
    block_ids: [...newBlocks.map((b) => b.id), ...existingBlockIds.filter((b, i, all) => all.indexOf(b) === i)],
    tool_ids: toolIds.filter((t, i, all) => all.indexOf(t) === i),
    archive_id: `archive-${store.env.uuid()}`,
    timezone: typeof body.timezone === "string" ? body.timezone : "UTC",
    secrets: [],
    message_ids: [systemMessage.id],
    created_at: now,
    updated_at: now,
    last_run_completion: null,
    last_run_duration_ms: null,
    last_stop_reason: null,
    pending_approval: null,
  };
  store.state.agents[id] = agent;
  store.state.messages[id] = [systemMessage];
  store.state.passages[id] = [];
  return ok(store.agentState(agent, "all"));
}

function listAgents(core: EmulatorCore, input: RouteInput): RouteResult {
  const { store } = core;
  const q = input.query;
  const include = includeSet(input);
  const name = q.get("name");
  const queryText = q.get("query_text")?.toLowerCase();
  const tags = q.getAll("tags");
  const matchAll = queryBool(q, "match_all_tags", false);
  const lastStop = q.get("last_stop_reason");
  let agents = Object.values(store.state.agents).filter((a) => {
    if (name !== null && a.name !== name) return false;
    if (queryText && !a.name.toLowerCase().includes(queryText)) return false;
    if (lastStop && a.last_stop_reason !== lastStop) return false;
    if (tags.length > 0) return matchAll ? tags.every((t) => a.tags.includes(t)) : tags.some((t) => a.tags.includes(t));
    return true;
  });
  agents = ordered(agents, q, queryBool(q, "ascending", false) && !q.has("order") ? "asc" : "desc");
  const page = paginate(agents, (a) => a.id, q, 50);
  return ok(page.map((a) => store.agentState(a, include)));
}

function updateAgent(core: EmulatorCore, input: RouteInput): RouteResult {
  const { store } = core;
  const agent = store.agent(pathId(input, "agent_id"));
  const body = objectBody(input);
  if (typeof body.name === "string") agent.name = body.name;
  if (typeof body.system === "string") agent.system = body.system;
  if ("description" in body) agent.description = typeof body.description === "string" ? body.description : null;
  if ("tags" in body) agent.tags = stringList(body.tags, "tags");
  if ("metadata" in body) agent.metadata = isRecord(body.metadata) ? body.metadata : null;
  if ("timezone" in body && typeof body.timezone === "string") agent.timezone = body.timezone;
  if (Array.isArray(body.tool_rules)) agent.tool_rules = body.tool_rules.filter(isRecord);
  if (typeof body.model === "string") {
    agent.model = body.model;
    agent.llm_config = llmConfigFor(body.model, agent.llm_config.context_window);
  } else if (isRecord(body.llm_config)) {
    agent.llm_config = { ...(body.llm_config as unknown as LlmConfig) };
  }
  if (typeof body.context_window_limit === "number") agent.llm_config.context_window = body.context_window_limit;
  if (typeof body.embedding === "string") {
    agent.embedding = body.embedding;
    agent.embedding_config = embeddingConfigFor(body.embedding);
  }
  if (body.block_ids !== undefined && body.block_ids !== null) {
    const ids = stringList(body.block_ids, "block_ids");
    for (const id of ids) store.block(id);
    agent.block_ids = [...new Set(ids)];
  }
  if (body.tool_ids !== undefined && body.tool_ids !== null) {
    const ids = stringList(body.tool_ids, "tool_ids");
    for (const id of ids) store.tool(id);
    agent.tool_ids = [...new Set(ids)];
  }
  agent.updated_at = store.timestamp();
  return ok(store.agentState(agent, "all"));
}

function deleteAgent(core: EmulatorCore, input: RouteInput): RouteResult {
  const { store } = core;
  const agent = store.agent(pathId(input, "agent_id"));
  delete store.state.agents[agent.id];
  for (const blockId of agent.block_ids) {
    if (store.agentsUsingBlock(blockId).length === 0) delete store.state.blocks[blockId];
  }
  delete store.state.passages[agent.id];
  delete store.state.messages[agent.id];
  delete store.state.approvals[agent.id];
  for (const active of core.activeRuns.values()) {
    if (active.agentId === agent.id) active.cancelled = true;
  }
  return ok({ message: `Agent id=${agent.id} successfully deleted` });
}

/* ------------------------------------------------------------------------------------------------
 * Blocks
 * ---------------------------------------------------------------------------------------------- */

/** Applies a `BlockUpdate` body, enforcing the character limit like Letta's block validator. */
function applyBlockUpdate(block: BlockResponse, body: Record<string, unknown>): void {
  const value = typeof body.value === "string" ? body.value : block.value;
  const limit = typeof body.limit === "number" ? body.limit : (block.limit ?? DEFAULT_BLOCK_LIMIT);
  assertWithinLimit(value, limit);
  block.value = value;
  block.limit = limit;
  if (typeof body.label === "string") block.label = body.label;
  if ("description" in body) block.description = typeof body.description === "string" ? body.description : null;
  if (typeof body.read_only === "boolean") block.read_only = body.read_only;
  if ("metadata" in body) block.metadata = isRecord(body.metadata) ? body.metadata : {};
  if ("tags" in body) block.tags = Array.isArray(body.tags) ? body.tags.map(String) : null;
  if (typeof body.hidden === "boolean") block.hidden = body.hidden;
}

function agentBlockByLabel(core: EmulatorCore, input: RouteInput) {
  const agent = core.store.agent(pathId(input, "agent_id"));
  const label = input.params.block_label ?? "";
  const block = core.store.blockByLabel(agent, label);
  if (!block) throw notFound(`No block with label '${label}' found for agent '${agent.id}'`);
  return { agent, block };
}

function attachBlock(core: EmulatorCore, input: RouteInput): RouteResult {
  const { store } = core;
  const agent = store.agent(pathId(input, "agent_id"));
  const block = store.block(pathId(input, "block_id"));
  if (!agent.block_ids.includes(block.id)) {
    if (store.blockByLabel(agent, block.label ?? "")) {
      throw conflict(`CONFLICT: Agent '${agent.id}' already has a block with label '${block.label}'`);
    }
    agent.block_ids.push(block.id);
    agent.updated_at = store.timestamp();
  }
  return ok(store.agentState(agent, "all"));
}

function detachBlock(core: EmulatorCore, input: RouteInput): RouteResult {
  const { store } = core;
  const agent = store.agent(pathId(input, "agent_id"));
  const blockId = pathId(input, "block_id");
  if (!agent.block_ids.includes(blockId)) throw notFound(`No block with id '${blockId}' is attached to agent '${agent.id}'`);
  agent.block_ids = agent.block_ids.filter((id) => id !== blockId);
  agent.updated_at = store.timestamp();
  return ok(store.agentState(agent, "all"));
}

function listBlocks(core: EmulatorCore, input: RouteInput): RouteResult {
  const { store } = core;
  const q = input.query;
  const label = q.get("label");
  const labelSearch = q.get("label_search")?.toLowerCase();
  const valueSearch = q.get("value_search")?.toLowerCase();
  const descriptionSearch = q.get("description_search")?.toLowerCase();
  const tags = q.getAll("tags");
  const matchAll = queryBool(q, "match_all_tags", false);
  const templatesOnly = queryBool(q, "templates_only", false);
  const countGt = queryInt(q, "connected_to_agents_count_gt", null);
  const countLt = queryInt(q, "connected_to_agents_count_lt", null);
  const countEq = q.getAll("connected_to_agents_count_eq").map(Number);
  let blocks = Object.values(store.state.blocks).filter((b) => {
    if (label !== null && b.label !== label) return false;
    if (labelSearch && !(b.label ?? "").toLowerCase().includes(labelSearch)) return false;
    if (valueSearch && !b.value.toLowerCase().includes(valueSearch)) return false;
    if (descriptionSearch && !(b.description ?? "").toLowerCase().includes(descriptionSearch)) return false;
    if (templatesOnly !== (b.is_template === true)) return false;
    if (tags.length > 0) {
      const own = b.tags ?? [];
      if (!(matchAll ? tags.every((t) => own.includes(t)) : tags.some((t) => own.includes(t)))) return false;
    }
    const count = store.agentsUsingBlock(b.id).length;
    if (countGt !== null && !(count > countGt)) return false;
    if (countLt !== null && !(count < countLt)) return false;
    if (countEq.length > 0 && !countEq.includes(count)) return false;
    return true;
  });
  blocks = ordered(blocks, q, "asc");
  return ok(paginate(blocks, (b) => b.id, q, 50));
}

/** The fields of a block as Letta's `CreateBlock` body gives them, with Letta's defaults. */
function blockFields(raw: Record<string, unknown>) {
  return {
    label: String(raw.label),
    value: String(raw.value),
    limit: typeof raw.limit === "number" ? raw.limit : DEFAULT_BLOCK_LIMIT,
    description: typeof raw.description === "string" ? raw.description : null,
    read_only: raw.read_only === true,
    metadata: isRecord(raw.metadata) ? raw.metadata : {},
    tags: Array.isArray(raw.tags) ? raw.tags.map(String) : null,
  };
}

function createBlock(core: EmulatorCore, input: RouteInput): RouteResult {
  const body = objectBody(input);
  requireFields(body, ["label", "value"]);
  const block = makeBlock(core.store.env, {
    ...blockFields(body),
    is_template: body.is_template === true,
    hidden: typeof body.hidden === "boolean" ? body.hidden : null,
  });
  core.store.state.blocks[block.id] = block;
  return ok(block);
}

function deleteBlock(core: EmulatorCore, input: RouteInput): RouteResult {
  const { store } = core;
  const block = store.block(pathId(input, "block_id"));
  for (const agent of store.agentsUsingBlock(block.id)) agent.block_ids = agent.block_ids.filter((id) => id !== block.id);
  delete store.state.blocks[block.id];
  return ok(null);
}

function blockAgents(core: EmulatorCore, input: RouteInput): RouteResult {
  const { store } = core;
  const block = store.block(pathId(input, "block_id"));
  const include = includeSet(input);
  const agents = ordered(store.agentsUsingBlock(block.id), input.query, "desc");
  return ok(paginate(agents, (a) => a.id, input.query, 50).map((a) => store.agentState(a, include)));
}

/* ------------------------------------------------------------------------------------------------
 * Tools
 * ---------------------------------------------------------------------------------------------- */

/** Derives a tool's name, description and schema from a create/upsert/update body. */
function deriveTool(body: Record<string, unknown>): { name: string; description: string; json_schema: Record<string, unknown> } {
  const sourceType = typeof body.source_type === "string" ? body.source_type : "python";
  const given = isRecord(body.json_schema) ? body.json_schema : null;
  if (sourceType === "typescript" && !given) throw badRequest("json_schema is required for TypeScript tools");
  if (given) {
    const name = typeof given.name === "string" ? given.name : null;
    if (!name) throw badRequest("Error creating tool: json_schema must include a 'name'");
    const description = typeof body.description === "string" ? body.description : typeof given.description === "string" ? given.description : "";
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
  if (typeof body.default_requires_approval === "boolean") out.default_requires_approval = body.default_requires_approval;
  if (typeof body.enable_parallel_execution === "boolean") out.enable_parallel_execution = body.enable_parallel_execution;
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
    if (!upsert) throw badRequest(`INVALID_ARGUMENT: Tool with name '${derived.name}' already exists in your organization`);
    if (existing.tool_type !== "custom") throw badRequest(`INVALID_ARGUMENT: Letta built-in tool '${derived.name}' cannot be modified`);
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
    if (clash && clash.id !== tool.id) throw badRequest(`INVALID_ARGUMENT: Tool with name '${derived.name}' already exists in your organization`);
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
  if (flag === null) throw unprocessable("requires_approval must be provided either in request body or as query parameter");
  const requires = flag;
  if (!store.toolsOf(agent).some((t) => t.name === toolName)) throw notFound(`Tool '${toolName}' not found or not attached to agent '${agent.id}'`);
  agent.tool_rules = agent.tool_rules.filter((r) => !(r.type === "requires_approval" && r.tool_name === toolName));
  if (requires) agent.tool_rules.push({ type: "requires_approval", tool_name: toolName, prompt_template: null });
  return ok(input.sdk1x ? null : store.agentState(agent, "all"));
}

/* ------------------------------------------------------------------------------------------------
 * Archival memory
 * ---------------------------------------------------------------------------------------------- */

function createPassage(core: EmulatorCore, input: RouteInput): RouteResult {
  const agent = core.store.agent(pathId(input, "agent_id"));
  const body = objectBody(input);
  requireFields(body, ["text"]);
  const passage = insertPassage(
    core.store,
    agent,
    String(body.text),
    Array.isArray(body.tags) ? body.tags.map(String) : null,
    typeof body.created_at === "string" ? body.created_at : null,
  );
  return ok([passage]);
}

function listPassages(core: EmulatorCore, input: RouteInput): RouteResult {
  const agent = core.store.agent(pathId(input, "agent_id"));
  const q = input.query;
  const search = q.get("search");
  let passages = core.store.state.passages[agent.id] ?? [];
  if (search) passages = passages.filter((p) => relevance(search, p.text) > 0 || p.text.toLowerCase().includes(search.toLowerCase()));
  passages = queryBool(q, "ascending", true) ? [...passages] : [...passages].reverse();
  return ok(paginate(passages, (p) => p.id, q, 100));
}

function searchArchival(core: EmulatorCore, input: RouteInput): RouteResult {
  const agent = core.store.agent(pathId(input, "agent_id"));
  const q = input.query;
  const query = q.get("query");
  if (query === null) throw unprocessable("query.query: Field required");
  const mode = q.get("tag_match_mode") ?? "any";
  if (mode !== "any" && mode !== "all") throw unprocessable("query.tag_match_mode: Input should be 'any' or 'all'");
  const results = searchPassages(core.store, agent, {
    query,
    tags: q.getAll("tags"),
    tagMatchMode: mode,
    topK: queryInt(q, "top_k", 10) ?? 10,
    start: q.get("start_datetime"),
    end: q.get("end_datetime"),
  });
  return ok({ results, count: results.length });
}

function deletePassage(core: EmulatorCore, input: RouteInput): RouteResult {
  const agent = core.store.agent(pathId(input, "agent_id"));
  const memoryId = input.params.memory_id ?? "";
  const list = core.store.state.passages[agent.id] ?? [];
  const index = list.findIndex((p) => p.id === memoryId);
  if (index < 0) throw notFound(`Passage with id '${memoryId}' not found`);
  list.splice(index, 1);
  return ok({ message: `Memory id=${memoryId} successfully deleted` });
}

/* ------------------------------------------------------------------------------------------------
 * Runs
 * ---------------------------------------------------------------------------------------------- */

/** The wire `Run` (the emulator-only `request` record stripped). */
export function wireRun(run: EmulatedRun) {
  const { request: _request, ...wire } = run;
  return wire;
}

function listRuns(core: EmulatorCore, input: RouteInput): RouteResult {
  const q = input.query;
  const agentIds = [...q.getAll("agent_id"), ...q.getAll("agent_ids")];
  const statuses = q.getAll("statuses");
  const active = queryBool(q, "active", false);
  const background = q.has("background") ? queryBool(q, "background", false) : null;
  const stopReason = q.get("stop_reason");
  let runs = Object.values(core.store.state.runs).filter((r) => {
    if (agentIds.length > 0 && !agentIds.includes(r.agent_id)) return false;
    if (statuses.length > 0 && !statuses.includes(r.status ?? "")) return false;
    if (active && r.status !== "created" && r.status !== "running") return false;
    if (background !== null && (r.background ?? false) !== background) return false;
    if (stopReason && r.stop_reason !== stopReason) return false;
    return true;
  });
  runs = ordered(runs, q, queryBool(q, "ascending", false) && !q.has("order") ? "asc" : "desc");
  return ok(paginate(runs, (r) => r.id, q, 100).map(wireRun));
}

function getRun(core: EmulatorCore, input: RouteInput): RouteResult {
  const runId = input.params.run_id ?? "";
  const run = core.store.state.runs[runId];
  if (!run) throw notFound(`Run with id '${runId}' not found`);
  return ok(wireRun(run));
}

/* ------------------------------------------------------------------------------------------------
 * Table
 * ---------------------------------------------------------------------------------------------- */

/** Every route the emulator serves, with Letta's exact paths (trailing slashes included). */
export function createRoutes(): Router {
  return new Router()
    .add("GET", "/v1/health/", (core) => ok({ version: core.serverVersion, status: "ok" }))
    .add("POST", "/v1/agents/", createAgent)
    .add("GET", "/v1/agents/", listAgents)
    .add("GET", "/v1/agents/{agent_id}", (core, input) =>
      ok(core.store.agentState(core.store.agent(pathId(input, "agent_id")), includeSet(input))),
    )
    .add("PATCH", "/v1/agents/{agent_id}", updateAgent)
    .add("DELETE", "/v1/agents/{agent_id}", deleteAgent)
    .add("GET", "/v1/agents/{agent_id}/core-memory/blocks", (core, input) => {
      const agent = core.store.agent(pathId(input, "agent_id"));
      return ok(paginate(ordered(core.store.blocksOf(agent), input.query, "desc"), (b) => b.id, input.query, 100));
    })
    .add("GET", "/v1/agents/{agent_id}/core-memory/blocks/{block_label}", (core, input) => ok(agentBlockByLabel(core, input).block))
    .add("PATCH", "/v1/agents/{agent_id}/core-memory/blocks/{block_label}", (core, input) => {
      const { agent, block } = agentBlockByLabel(core, input);
      applyBlockUpdate(block, objectBody(input));
      agent.updated_at = core.store.timestamp();
      return ok(block);
    })
    .add("PATCH", "/v1/agents/{agent_id}/core-memory/blocks/attach/{block_id}", attachBlock)
    .add("PATCH", "/v1/agents/{agent_id}/core-memory/blocks/detach/{block_id}", detachBlock)
    .add("GET", "/v1/blocks/", listBlocks)
    .add("POST", "/v1/blocks/", createBlock)
    .add("GET", "/v1/blocks/{block_id}", (core, input) => ok(core.store.block(pathId(input, "block_id"))))
    .add("PATCH", "/v1/blocks/{block_id}", (core, input) => {
      const block = core.store.block(pathId(input, "block_id"));
      applyBlockUpdate(block, objectBody(input));
      return ok(block);
    })
    .add("DELETE", "/v1/blocks/{block_id}", deleteBlock)
    .add("GET", "/v1/blocks/{block_id}/agents", blockAgents)
    .add("GET", "/v1/tools/", listTools)
    .add("POST", "/v1/tools/", (core, input) => createTool(core, input, false))
    .add("PUT", "/v1/tools/", (core, input) => createTool(core, input, true))
    .add("GET", "/v1/tools/{tool_id}", (core, input) => ok(core.store.tool(pathId(input, "tool_id"))))
    .add("PATCH", "/v1/tools/{tool_id}", updateTool)
    .add("DELETE", "/v1/tools/{tool_id}", deleteTool)
    .add("GET", "/v1/agents/{agent_id}/tools", agentTools)
    .add("PATCH", "/v1/agents/{agent_id}/tools/attach/{tool_id}", (core, input) => attachTool(core, input, true))
    .add("PATCH", "/v1/agents/{agent_id}/tools/detach/{tool_id}", (core, input) => attachTool(core, input, false))
    .add("PATCH", "/v1/agents/{agent_id}/tools/approval/{tool_name}", modifyApproval)
    .add("POST", "/v1/agents/{agent_id}/archival-memory", createPassage)
    .add("GET", "/v1/agents/{agent_id}/archival-memory", listPassages)
    .add("GET", "/v1/agents/{agent_id}/archival-memory/search", searchArchival)
    .add("DELETE", "/v1/agents/{agent_id}/archival-memory/{memory_id}", deletePassage)
    .add("POST", "/v1/agents/{agent_id}/messages", (core, input) => handleSendMessage(core, input, false))
    .add("POST", "/v1/agents/{agent_id}/messages/stream", (core, input) => handleSendMessage(core, input, true))
    .add("POST", "/v1/agents/{agent_id}/messages/cancel", (core, input) => cancelRun(core, input))
    .add("GET", "/v1/agents/{agent_id}/messages", handleListMessages)
    .add("GET", "/v1/runs/", listRuns)
    .add("GET", "/v1/runs/{run_id}", getRun);
}
