import type { AgentState } from "@letta-ai/letta-client/resources/agents/agents";
import type { Agent } from "@openharness/types";
import { convertLettaBlock } from "./convert-letta-block";
import { convertLettaTool } from "./convert-letta-tool";

/**
 * A Letta agent → an OpenHarness agent. Blocks and tools are included when Letta sent them
 * (it sends relations only when asked with `include`).
 */
export function convertLettaAgent(agent: AgentState, withRelations: boolean): Agent {
  const converted: Agent = { id: agent.id, name: agent.name };
  if (agent.description) converted.description = agent.description;
  const model = agent.model ?? agent.llm_config?.handle;
  if (model) converted.model = model;
  const embedding = agent.embedding ?? agent.embedding_config?.handle;
  if (embedding) converted.embedding_model = embedding;
  if (agent.system) converted.system_prompt = agent.system;
  if (withRelations) {
    converted.memory_blocks = (agent.blocks ?? []).map(convertLettaBlock);
    converted.tools = (agent.tools ?? []).map(convertLettaTool);
  }
  if (agent.tags?.length) converted.tags = agent.tags;
  if (agent.metadata) converted.metadata = agent.metadata;
  if (agent.created_at) converted.created_at = agent.created_at;
  if (agent.updated_at) converted.updated_at = agent.updated_at;
  return converted;
}
