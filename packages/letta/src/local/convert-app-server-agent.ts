import type { Agent, CreateAgentRequest, CreateMemoryBlock, JsonObject, MemoryBlock } from "@openharness/types";
import type { AppServerAgent } from "./app-server-messages";

/** Tags Letta Code puts on every agent for itself, not the caller's. */
const INTERNAL_TAGS = new Set(["git-memory-enabled"]);

/** An App Server agent (Letta's `AgentState`) → an OpenHarness agent; `blocks` from its memfs when read. */
export function convertAppServerAgent(agent: AppServerAgent, blocks?: MemoryBlock[]): Agent {
  const converted: Agent = { id: agent.id, name: agent.name };
  if (agent.description) converted.description = agent.description;
  if (agent.model) converted.model = agent.model;
  if (agent.system) converted.system_prompt = agent.system;
  if (blocks) {
    converted.memory_blocks = blocks;
    // The local backend has no server-side tool registry: tools are per turn (memory, host, external).
    converted.tools = [];
  }
  const tags = (agent.tags ?? []).filter((tag) => !INTERNAL_TAGS.has(tag));
  if (tags.length > 0) converted.tags = tags;
  if (agent.metadata) converted.metadata = agent.metadata as JsonObject;
  if (agent.created_at) converted.created_at = agent.created_at;
  if (agent.updated_at) converted.updated_at = agent.updated_at;
  return converted;
}

/**
 * The `agent_create` / `agent_update` body for an OpenHarness agent config, table-like: every
 * field the App Server honours is mapped; the caller rejects the others before this is called.
 */
export function toAppServerAgentBody(
  config: CreateAgentRequest,
  blocks?: CreateMemoryBlock[],
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (config.name !== undefined) body.name = config.name;
  if (config.description !== undefined) body.description = config.description;
  if (config.model !== undefined) body.model = config.model;
  if (config.system_prompt !== undefined) body.system = config.system_prompt;
  if (config.tags !== undefined) body.tags = config.tags;
  if (config.metadata !== undefined) body.metadata = config.metadata;
  if (blocks !== undefined) {
    body.memory_blocks = blocks.map((block) => ({
      label: block.label,
      value: block.value,
      ...(block.description !== undefined ? { description: block.description } : {}),
    }));
  }
  return body;
}
