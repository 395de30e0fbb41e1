import type { AgentState } from "@letta-ai/letta-client/resources/agents/agents";
import type { Message } from "@letta-ai/letta-client/resources/agents/messages";
import type { BlockResponse } from "@letta-ai/letta-client/resources/blocks/blocks";
import type { EmbeddingConfig, LlmConfig } from "@letta-ai/letta-client/resources/models/models";
import type { Tool, ToolType } from "@letta-ai/letta-client/resources/tools";
import { BASE_TOOLS } from "./base-tools.js";
import { badRequest, isoTimestamp, notFound } from "./internal.js";
import { parsePythonTool } from "./python-tool-parser.js";
import type { EmulatedAgent, LettaEmulatorState } from "./types.js";

/** The agent relations Letta loads only on request (`include=agent.blocks` …) for 1.x SDK clients. */
export const AGENT_RELATIONS = [
  "agent.blocks",
  "agent.identities",
  "agent.managed_group",
  "agent.pending_approval",
  "agent.secrets",
  "agent.sources",
  "agent.tags",
  "agent.tools",
] as const;

/** Letta's default block character limit (`CreateBlock.limit`). */
export const DEFAULT_BLOCK_LIMIT = 100_000;

/** Clock and id source shared by the emulator's modules. */
export interface EmulatorEnv {
  now(): Date;
  uuid(): string;
}

const KNOWN_ENDPOINT_TYPES = new Set<LlmConfig["model_endpoint_type"]>([
  "openai",
  "anthropic",
  "google_ai",
  "google_vertex",
  "azure",
  "groq",
  "ollama",
  "mistral",
  "together",
  "bedrock",
  "deepseek",
  "xai",
  "openrouter",
]);

const ENDPOINTS: Partial<Record<LlmConfig["model_endpoint_type"], string>> = {
  openai: "https://api.openai.com/v1",
  anthropic: "https://api.anthropic.com/v1",
  google_ai: "https://generativelanguage.googleapis.com",
  groq: "https://api.groq.com/openai/v1",
  ollama: "http://localhost:11434",
  mistral: "https://api.mistral.ai/v1",
  together: "https://api.together.ai/v1",
  deepseek: "https://api.deepseek.com/v1",
  xai: "https://api.x.ai/v1",
  openrouter: "https://openrouter.ai/api/v1",
};

/** Builds the `llm_config` Letta would resolve for a model handle like `openai/gpt-4o-mini`. */
export function llmConfigFor(handle: string, contextWindow?: number | null): LlmConfig {
  const slash = handle.indexOf("/");
  const provider = slash < 0 ? "openai" : handle.slice(0, slash);
  const model = slash < 0 ? handle : handle.slice(slash + 1);
  const endpointType = KNOWN_ENDPOINT_TYPES.has(provider as LlmConfig["model_endpoint_type"])
    ? (provider as LlmConfig["model_endpoint_type"])
    : "openai";
  return {
    model,
    display_name: model,
    model_endpoint_type: endpointType,
    model_endpoint: ENDPOINTS[endpointType] ?? null,
    provider_name: provider,
    provider_category: "base",
    model_wrapper: null,
    context_window: contextWindow ?? 128_000,
    put_inner_thoughts_in_kwargs: false,
    handle,
    temperature: 0.7,
    max_tokens: null,
    enable_reasoner: false,
    reasoning_effort: null,
    max_reasoning_tokens: 0,
    frequency_penalty: null,
    parallel_tool_calls: false,
  };
}

/** Builds the `embedding_config` for an embedding handle like `openai/text-embedding-3-small`. */
export function embeddingConfigFor(handle: string): EmbeddingConfig {
  const slash = handle.indexOf("/");
  const provider = slash < 0 ? "openai" : handle.slice(0, slash);
  const model = slash < 0 ? handle : handle.slice(slash + 1);
  const known = ["openai", "anthropic", "bedrock", "google_ai", "google_vertex", "azure", "groq", "ollama", "mistral", "together"];
  return {
    embedding_endpoint_type: (known.includes(provider) ? provider : "openai") as EmbeddingConfig["embedding_endpoint_type"],
    embedding_endpoint: provider === "openai" ? "https://api.openai.com/v1" : null,
    embedding_model: model,
    embedding_dim: 1536,
    embedding_chunk_size: 300,
    handle,
    batch_size: 32,
  };
}

/** An empty state with Letta's base tools seeded. */
export function createInitialState(env: EmulatorEnv): LettaEmulatorState {
  const state: LettaEmulatorState = {
    version: 1,
    agents: {},
    blocks: {},
    tools: {},
    passages: {},
    messages: {},
    runs: {},
    approvals: {},
  };
  seedBaseTools(state, env);
  return state;
}

/** Adds any base tool missing from `state` (by name). */
export function seedBaseTools(state: LettaEmulatorState, env: EmulatorEnv): void {
  const existing = new Set(Object.values(state.tools).map((t) => t.name));
  for (const def of BASE_TOOLS) {
    if (existing.has(def.name)) continue;
    const parsed = parsePythonTool(def.source_code);
    const tool = makeTool(env, {
      name: def.name,
      tool_type: def.tool_type,
      description: parsed.description,
      source_code: def.source_code,
      json_schema: parsed.json_schema as unknown as Record<string, unknown>,
      tags: [def.tool_type],
    });
    state.tools[tool.id] = tool;
  }
}

/** A complete wire `Tool` with Letta's defaults. */
export function makeTool(
  env: EmulatorEnv,
  fields: { name: string; tool_type: ToolType; description: string; source_code: string; json_schema: Record<string, unknown> } & Partial<Tool>,
): Tool {
  return {
    id: `tool-${env.uuid()}`,
    tool_type: fields.tool_type,
    description: fields.description,
    source_type: fields.source_type ?? "python",
    name: fields.name,
    tags: fields.tags ?? [],
    source_code: fields.source_code,
    json_schema: fields.json_schema,
    args_json_schema: fields.args_json_schema ?? null,
    return_char_limit: fields.return_char_limit ?? 50_000,
    pip_requirements: fields.pip_requirements ?? null,
    npm_requirements: fields.npm_requirements ?? null,
    default_requires_approval: fields.default_requires_approval ?? null,
    enable_parallel_execution: fields.enable_parallel_execution ?? false,
    created_by_id: null,
    last_updated_by_id: null,
    metadata_: fields.metadata_ ?? null,
    project_id: null,
  };
}

/** A complete wire block with Letta's defaults. */
export function makeBlock(env: EmulatorEnv, fields: Partial<BlockResponse> & { label: string; value: string }): BlockResponse {
  const block: BlockResponse = {
    id: `block-${env.uuid()}`,
    value: fields.value,
    limit: fields.limit ?? DEFAULT_BLOCK_LIMIT,
    project_id: null,
    template_name: null,
    is_template: fields.is_template ?? false,
    template_id: null,
    base_template_id: null,
    deployment_id: null,
    entity_id: null,
    preserve_on_migration: false,
    label: fields.label,
    read_only: fields.read_only ?? false,
    description: fields.description ?? null,
    metadata: fields.metadata ?? {},
    hidden: fields.hidden ?? null,
    created_by_id: null,
    last_updated_by_id: null,
    tags: fields.tags ?? null,
  };
  assertWithinLimit(block.value, block.limit ?? DEFAULT_BLOCK_LIMIT);
  return block;
}

/** Letta's block validator: a value longer than the block's limit is rejected. */
export function assertWithinLimit(value: string, limit: number): void {
  if (value.length > limit) {
    throw badRequest(`Edit failed: Exceeds ${limit} character limit (requested ${value.length}).`);
  }
}

/** Read access to the state with the lookups every route needs. */
export class EmulatorStore {
  constructor(
    public state: LettaEmulatorState,
    readonly env: EmulatorEnv,
  ) {}

  timestamp(): string {
    return isoTimestamp(this.env.now());
  }

  agent(agentId: string): EmulatedAgent {
    const agent = this.state.agents[agentId];
    if (!agent) throw notFound("Agent not found");
    return agent;
  }

  block(blockId: string): BlockResponse {
    const block = this.state.blocks[blockId];
    if (!block) throw notFound(`Block with id '${blockId}' not found`);
    return block;
  }

  tool(toolId: string): Tool {
    const tool = this.state.tools[toolId];
    if (!tool) throw notFound(`Tool with id '${toolId}' not found`);
    return tool;
  }

  toolByName(name: string): Tool | undefined {
    return Object.values(this.state.tools).find((t) => t.name === name);
  }

  blocksOf(agent: EmulatedAgent): BlockResponse[] {
    return agent.block_ids.map((id) => this.state.blocks[id]).filter((b): b is BlockResponse => b !== undefined);
  }

  toolsOf(agent: EmulatedAgent): Tool[] {
    return agent.tool_ids.map((id) => this.state.tools[id]).filter((t): t is Tool => t !== undefined);
  }

  blockByLabel(agent: EmulatedAgent, label: string): BlockResponse | undefined {
    return this.blocksOf(agent).find((b) => b.label === label);
  }

  messagesOf(agentId: string): Message[] {
    let list = this.state.messages[agentId];
    if (!list) {
      list = [];
      this.state.messages[agentId] = list;
    }
    return list;
  }

  agentsUsingBlock(blockId: string): EmulatedAgent[] {
    return Object.values(this.state.agents).filter((a) => a.block_ids.includes(blockId));
  }

  /**
   * The wire `AgentState`. Relations are loaded only when listed in `include` (Letta's behaviour
   * for 1.x SDK clients); pass `"all"` to load everything (what the agent loop sees).
   */
  agentState(agent: EmulatedAgent, include: ReadonlySet<string> | "all"): AgentState {
    const has = (relation: string) => include === "all" || include.has(relation);
    const blocks = has("agent.blocks") ? this.blocksOf(agent).map((b) => ({ ...b })) : [];
    return {
      created_by_id: null,
      last_updated_by_id: null,
      created_at: agent.created_at,
      updated_at: agent.updated_at,
      id: agent.id,
      name: agent.name,
      tool_rules: agent.tool_rules as unknown as AgentState["tool_rules"],
      message_ids: [...agent.message_ids],
      system: agent.system,
      agent_type: agent.agent_type,
      llm_config: { ...agent.llm_config },
      embedding_config: agent.embedding_config ? { ...agent.embedding_config } : null,
      model: agent.model,
      embedding: agent.embedding,
      model_settings: null,
      compaction_settings: null,
      response_format: null,
      description: agent.description,
      metadata: agent.metadata,
      memory: { agent_type: agent.agent_type, git_enabled: false, blocks, file_blocks: [], prompt_template: "" } as AgentState["memory"],
      blocks,
      tools: has("agent.tools") ? this.toolsOf(agent).map((t) => ({ ...t })) : [],
      sources: [],
      tags: has("agent.tags") ? [...agent.tags] : [],
      tool_exec_environment_variables: [],
      secrets: [],
      project_id: null,
      template_id: null,
      base_template_id: null,
      deployment_id: null,
      entity_id: null,
      identity_ids: [],
      identities: [],
      pending_approval: has("agent.pending_approval") ? agent.pending_approval : null,
      message_buffer_autoclear: false,
      enable_sleeptime: null,
      multi_agent_group: null,
      managed_group: null,
      last_run_completion: agent.last_run_completion,
      last_run_duration_ms: agent.last_run_duration_ms,
      last_stop_reason: agent.last_stop_reason,
      timezone: agent.timezone,
      max_files_open: null,
      per_file_view_window_char_limit: null,
      hidden: null,
    };
  }
}

/**
 * Cursor pagination as Letta does it: sort, then `after`/`before` an item id, then `limit`.
 * `before` returns the `limit` items closest to the cursor. Unknown cursors give an empty page.
 * Items sharing an id (Letta messages of one stored message) are treated as one cursor position.
 */
export function paginate<T>(items: readonly T[], idOf: (item: T) => string | undefined, query: URLSearchParams, defaultLimit: number): T[] {
  let list = [...items];
  const after = query.get("after");
  const before = query.get("before");
  if (after) {
    // Several Letta messages can share one id (one stored message); skip past all of them.
    let index = -1;
    list.forEach((item, i) => {
      if (idOf(item) === after) index = i;
    });
    list = index < 0 ? [] : list.slice(index + 1);
  }
  if (before) {
    const index = list.findIndex((item) => idOf(item) === before);
    list = index < 0 ? [] : list.slice(0, index);
  }
  const limitParam = query.get("limit");
  const limit = limitParam === null || limitParam === "" ? defaultLimit : Number(limitParam);
  if (!Number.isFinite(limit) || limit < 0) return list;
  return before ? list.slice(Math.max(0, list.length - limit)) : list.slice(0, limit);
}

/** Items in creation order, reversed unless `order=asc` (Letta's default is `desc`). */
export function ordered<T>(items: readonly T[], query: URLSearchParams, defaultOrder: "asc" | "desc" = "desc"): T[] {
  const order = query.get("order") ?? defaultOrder;
  return order === "asc" ? [...items] : [...items].reverse();
}
