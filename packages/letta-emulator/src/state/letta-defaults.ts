/** The defaults Letta fills in for the resources it creates: model configs, tools, blocks. */
import type { BlockResponse } from "@letta-ai/letta-client/resources/blocks/blocks";
import type { EmbeddingConfig, LlmConfig } from "@letta-ai/letta-client/resources/models/models";
import type { Tool, ToolType } from "@letta-ai/letta-client/resources/tools";
import { badRequest } from "../wire/http-error.js";
import type { EmulatorEnv } from "./emulator-store.js";

/** Letta's default block character limit (`CreateBlock.limit`). */
export const DEFAULT_BLOCK_LIMIT = 100_000;

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
  const known = [
    "openai",
    "anthropic",
    "bedrock",
    "google_ai",
    "google_vertex",
    "azure",
    "groq",
    "ollama",
    "mistral",
    "together",
  ];
  return {
    embedding_endpoint_type: (known.includes(provider)
      ? provider
      : "openai") as EmbeddingConfig["embedding_endpoint_type"],
    embedding_endpoint: provider === "openai" ? "https://api.openai.com/v1" : null,
    embedding_model: model,
    embedding_dim: 1536,
    embedding_chunk_size: 300,
    handle,
    batch_size: 32,
  };
}

/** A complete wire `Tool` with Letta's defaults. */
export function makeTool(
  env: EmulatorEnv,
  fields: {
    name: string;
    tool_type: ToolType;
    description: string;
    source_code: string;
    json_schema: Record<string, unknown>;
  } & Partial<Tool>,
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
export function makeBlock(
  env: EmulatorEnv,
  fields: Partial<BlockResponse> & { label: string; value: string },
): BlockResponse {
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
