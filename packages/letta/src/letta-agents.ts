import type { AgentCreateParams, AgentUpdateParams } from "@letta-ai/letta-client/resources/agents/agents";
import type { Agent, CreateMemoryBlock } from "@openharness/types";
import { convertLettaAgent } from "./convert-letta-agent";
import { convertToLettaAgentParams } from "./convert-to-letta-agent-params";
import {
  type LettaCreateAgentRequest,
  LettaCreateAgentRequestSchema,
  type LettaUpdateAgentRequest,
  LettaUpdateAgentRequestSchema,
} from "./letta-agent-settings";
import type { LettaContext } from "./letta-context";
import { NO_RETRY } from "./letta-input-schemas";
import { parseLettaArgument, parseLettaInput } from "./parse-letta-input";

const DEFAULT_BLOCKS: CreateMemoryBlock[] = [
  { label: "human", value: "What I know about the user:" },
  { label: "persona", value: "I am a helpful assistant with a persistent memory." },
];

const agentId = (value: unknown, operation: string) =>
  parseLettaArgument(value, "agentId", { domain: "agents", operation });

/**
 * Creates an agent (default model, embedding and `human`/`persona` blocks when not given); returns
 * its id. Letta's own settings (`config.letta`) are sent as they are.
 */
export async function createLettaAgent(ctx: LettaContext, config: LettaCreateAgentRequest): Promise<string> {
  const { letta, ...valid } = parseLettaInput(LettaCreateAgentRequestSchema, config, "agent config", {
    domain: "agents",
    operation: "create",
  });
  const params: AgentCreateParams = {
    ...(letta as AgentCreateParams),
    ...convertToLettaAgentParams({
      ...valid,
      model: valid.model ?? ctx.options.defaultModel,
      embedding_model: valid.embedding_model ?? ctx.options.defaultEmbeddingModel ?? undefined,
      include_base_tools: valid.include_base_tools ?? true,
    }),
    memory_blocks: (valid.memory_blocks ?? DEFAULT_BLOCKS).map((block) => ({ ...block })),
  };
  const agent = await ctx.call({ operation: "createAgent" }, () => ctx.client.agents.create(params, NO_RETRY));
  return agent.id;
}

/** The agent with its memory blocks and tools. */
export async function getLettaAgent(ctx: LettaContext, id: string): Promise<Agent> {
  const valid = agentId(id, "get");
  const agent = await ctx.call({ operation: "getAgent", resource: "agent", resourceId: valid }, () =>
    ctx.client.agents.retrieve(valid, { include: ["agent.blocks", "agent.tools", "agent.tags"] }),
  );
  return convertLettaAgent(agent, true);
}

/** Every agent, all pages, newest first (without blocks and tools). */
export function listLettaAgents(ctx: LettaContext): Promise<Agent[]> {
  return ctx.call({ operation: "listAgents" }, async () => {
    const agents: Agent[] = [];
    for await (const agent of ctx.client.agents.list({ limit: 100, include: ["agent.tags"] })) {
      agents.push(convertLettaAgent(agent, false));
    }
    return agents;
  });
}

/** Changes name, description, model, embedding, system prompt, tags, metadata or Letta settings; returns the agent. */
export async function updateLettaAgent(
  ctx: LettaContext,
  id: string,
  changes: LettaUpdateAgentRequest,
): Promise<Agent> {
  const valid = agentId(id, "update");
  const { letta, ...update } = parseLettaInput(LettaUpdateAgentRequestSchema, changes, "agent changes", {
    domain: "agents",
    operation: "update",
  });
  await ctx.call({ operation: "updateAgent", resource: "agent", resourceId: valid }, () =>
    ctx.client.agents.update(valid, { ...(letta as AgentUpdateParams), ...convertToLettaAgentParams(update) }),
  );
  return getLettaAgent(ctx, valid);
}

/** Deletes the agent; Letta deletes its messages, passages and the blocks only it used. */
export async function deleteLettaAgent(ctx: LettaContext, id: string): Promise<void> {
  const valid = agentId(id, "delete");
  await ctx.call({ operation: "deleteAgent", resource: "agent", resourceId: valid }, () =>
    ctx.client.agents.delete(valid),
  );
}
