import { agentSettingsState } from "./agent-settings.js";
import type { AgentState } from "@letta-ai/letta-client/resources/agents/agents";
import type { Message } from "@letta-ai/letta-client/resources/agents/messages";
import type { BlockResponse } from "@letta-ai/letta-client/resources/blocks/blocks";
import type { Tool } from "@letta-ai/letta-client/resources/tools";
import { isoTimestamp } from "../support/time.js";
import { notFound } from "../wire/http-error.js";
import type { EmulatedAgent, EmulatedConversation, LettaEmulatorState } from "./emulator-state.js";

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

/** Clock and id source shared by the emulator's modules. */
export interface EmulatorEnv {
  now(): Date;
  uuid(): string;
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

  /** Every conversation, by id (created on first use in states saved before conversations existed). */
  get conversations(): Record<string, EmulatedConversation> {
    this.state.conversations ??= {};
    return this.state.conversations;
  }

  conversation(conversationId: string): EmulatedConversation {
    const conversation = this.conversations[conversationId];
    // The ORM's `NoResultFound` text (`sqlalchemy_base.py`), served as a 404 `{detail}`.
    if (!conversation) throw notFound(`Conversation not found with id='['${conversationId}']'`);
    return conversation;
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
      compaction_settings: null,
      response_format: null,
      description: agent.description,
      metadata: agent.metadata,
      memory: {
        agent_type: agent.agent_type,
        git_enabled: false,
        blocks,
        file_blocks: [],
        prompt_template: "",
      } as AgentState["memory"],
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
      multi_agent_group: null,
      managed_group: null,
      last_run_completion: agent.last_run_completion,
      last_run_duration_ms: agent.last_run_duration_ms,
      last_stop_reason: agent.last_stop_reason,
      timezone: agent.timezone,
      hidden: null,
      ...agentSettingsState(agent),
    };
  }
}
