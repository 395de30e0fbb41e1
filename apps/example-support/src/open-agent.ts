import type { Agent } from "@openharness/letta";
import type { AgentMemo } from "./agent-memo";
import type { ChatAdapter } from "./letta-connection";

/** The name of the app's agent: how it finds its agent again when it has no id remembered. */
export const AGENT_NAME = "openharness-memory-chat";

/** Creates a chat agent with a `human` block (what it learns about the user) and a `persona`. */
export async function createChatAgent(adapter: ChatAdapter, name = AGENT_NAME): Promise<string> {
  return adapter.createAgent({
    name,
    description: "The OpenHarness memory-chat example's agent.",
    memory_blocks: [
      { label: "human", value: "", description: "What I know about the user: name, home, preferences." },
      {
        label: "persona",
        value:
          "I am a friendly assistant with a persistent memory. When I learn something about the user, I save it to my human block.",
        description: "Who I am and how I behave.",
      },
    ],
  });
}

export interface OpenAgentOptions {
  /** `--agent`: use exactly this agent (an unknown id is an error). */
  agentId?: string;
  /** `--reset`: forget the remembered agent and create a new one. */
  fresh?: boolean;
}

/** The agent the chat continues with, and how it was found. */
export interface OpenedAgent {
  agent: Agent;
  how: "given" | "remembered" | "found by name" | "created";
}

const isNotFound = (error: unknown) => (error as { code?: unknown } | null)?.code === "not_found";

/**
 * The agent to chat with: the one given, else the one remembered for this server, else the newest
 * agent named {@link AGENT_NAME}, else a new one. The choice is remembered for the next run.
 */
export async function openAgent(
  adapter: ChatAdapter,
  memo: AgentMemo,
  options: OpenAgentOptions = {},
): Promise<OpenedAgent> {
  const opened = await find(adapter, memo, options);
  memo.set(opened.agent.id);
  return opened;
}

async function find(adapter: ChatAdapter, memo: AgentMemo, options: OpenAgentOptions): Promise<OpenedAgent> {
  if (options.agentId !== undefined) return { agent: await adapter.getAgent(options.agentId), how: "given" };
  if (options.fresh) {
    memo.forget();
  } else {
    const remembered = memo.get();
    if (remembered) {
      try {
        return { agent: await adapter.getAgent(remembered), how: "remembered" };
      } catch (error) {
        // Deleted meanwhile: fall through to the name, then to a new agent.
        if (!isNotFound(error)) throw error;
      }
    }
    // listAgents is newest first.
    const named = (await adapter.listAgents()).find((agent) => agent.name === AGENT_NAME);
    if (named) return { agent: await adapter.getAgent(named.id), how: "found by name" };
  }
  return { agent: await adapter.getAgent(await createChatAgent(adapter)), how: "created" };
}
