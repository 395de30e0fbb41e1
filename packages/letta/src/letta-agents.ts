import type { AgentCreateParams, AgentState, AgentUpdateParams } from "@letta-ai/letta-client/resources/agents/agents";
import type { Agent, CreateMemoryBlock } from "@openharness/types";
import { collectLettaPages } from "./collect-letta-pages";
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
  // Letta Cloud's router answers 404 to `POST /v1/agents/`, the path SDK 1.12.1 sends; `/v1/agents` reaches
  // the handler there, and self-hosted Letta (FastAPI) redirects it to `/v1/agents/` with a 307 that keeps
  // the body (letta-wire-facts.md 14). Same body, same response type as `agents.create`.
  const agent = await ctx.call({ operation: "createAgent" }, () =>
    ctx.client.post<AgentState>("/v1/agents", { body: params, ...NO_RETRY }),
  );
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
    const agents = await collectLettaPages(ctx.client.agents.list({ limit: 100, include: ["agent.tags"] }));
    return agents.map((agent) => convertLettaAgent(agent, false));
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
