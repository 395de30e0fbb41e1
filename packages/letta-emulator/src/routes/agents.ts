import type { AgentType } from "@letta-ai/letta-client/resources/agents/agents";
import type { BlockResponse } from "@letta-ai/letta-client/resources/blocks/blocks";
import type { LlmConfig } from "@letta-ai/letta-client/resources/models/models";
import { BASE_TOOLS } from "../agent/base-tools.js";
import { applyAgentSettings } from "../state/agent-settings.js";
import type { EmulatedAgent } from "../state/emulator-state.js";
import { systemMessage } from "../state/system-message.js";
import { embeddingConfigFor, llmConfigFor, makeBlock } from "../state/letta-defaults.js";
import { isRecord } from "../support/json.js";
import { badRequest, unprocessable } from "../wire/http-error.js";
import { blockFields } from "./blocks.js";
import { ordered, paginate } from "./paginate.js";
import {
  type EmulatorCore,
  includeSet,
  objectBody,
  ok,
  pathId,
  queryBool,
  type RouteInput,
  type RouteResult,
  requireFields,
} from "./route-input.js";
import { type RouteDefinition, route } from "./router.js";

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

const ADJECTIVES = [
  "amber",
  "brave",
  "calm",
  "deft",
  "eager",
  "fond",
  "gentle",
  "hazel",
  "ivory",
  "jolly",
  "keen",
  "lucid",
  "mellow",
  "noble",
  "opal",
  "plucky",
];
const NOUNS = [
  "otter",
  "heron",
  "lynx",
  "finch",
  "panda",
  "tapir",
  "gecko",
  "koala",
  "raven",
  "bison",
  "egret",
  "ibis",
  "marten",
  "newt",
  "quail",
  "wren",
];

/** A Letta-style random agent name, derived deterministically from the agent id. */
function agentName(id: string): string {
  const hex = id.replace(/[^0-9a-f]/g, "");
  return `${ADJECTIVES[Number.parseInt(hex.slice(0, 1) || "0", 16)]}-${NOUNS[Number.parseInt(hex.slice(1, 2) || "0", 16)]}`;
}

/** The relations to load: `include` for 1.x SDK clients; everything for other clients (Letta's legacy default). */

function stringList(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string"))
    throw unprocessable(`body.${field}: Input should be a valid list of strings`);
  return value;
}

function createAgent(core: EmulatorCore, input: RouteInput): RouteResult {
  const { store } = core;
  const body = objectBody(input);
  const agentType = (body.agent_type ?? "letta_v1_agent") as AgentType;
  if (!AGENT_TYPES.has(agentType))
    throw unprocessable(`body.agent_type: Input should be one of ${[...AGENT_TYPES].join(", ")}`);
  const llmConfigInput = isRecord(body.llm_config) ? (body.llm_config as unknown as LlmConfig) : null;
  const model = typeof body.model === "string" ? body.model : (llmConfigInput?.handle ?? core.defaultModel);
  if (!model && !llmConfigInput) throw badRequest("Must specify either model or llm_config");
  const contextWindow = typeof body.context_window_limit === "number" ? body.context_window_limit : null;
  const llmConfig =
    llmConfigInput && typeof body.model !== "string"
      ? { ...llmConfigInput }
      : llmConfigFor(model ?? "openai/gpt-4o-mini", contextWindow);
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
  if (missing.length > 0)
    throw badRequest(`INVALID_ARGUMENT: Tools not found by name: ${missing.map((n) => `'${n}'`).join(", ")}`);
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
  const opening = systemMessage(store, system);
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
    message_ids: [opening.id],
    created_at: now,
    updated_at: now,
    last_run_completion: null,
    last_run_duration_ms: null,
    last_stop_reason: null,
    pending_approval: null,
  };
  applyAgentSettings(agent, body);
  store.state.agents[id] = agent;
  store.state.messages[id] = [opening];
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
  applyAgentSettings(agent, body);
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

/** `/v1/agents/`: create, list, get, update, delete. */
export const agentRoutes: readonly RouteDefinition[] = [
  route("POST", "/v1/agents/", createAgent),
  route("GET", "/v1/agents/", listAgents),
  route("GET", "/v1/agents/{agent_id}", (core, input) =>
    ok(core.store.agentState(core.store.agent(pathId(input, "agent_id")), includeSet(input))),
  ),
  route("PATCH", "/v1/agents/{agent_id}", updateAgent),
  route("DELETE", "/v1/agents/{agent_id}", deleteAgent),
];
