import type { Agent, ClientTool } from "@openharness/letta";
import type { ConsoleIo } from "./console-io";
import type { CtrlC } from "./ctrl-c";
import { MemoryWatcher } from "./memory-watcher";
import { type AgentMemo, type ChatAdapter, type LettaConnection } from "@openharness/example-support";

export interface ChatSessionOptions {
  connection: LettaConnection;
  io: ConsoleIo;
  memo: AgentMemo;
  ctrlC: CtrlC;
  agent: Agent;
  /** Show the agent's reasoning (`--no-thinking` turns it off). */
  includeThinking: boolean;
}

/** Everything a turn or a command works with: the adapter, the current agent, the console. */
export class ChatSession {
  readonly connection: LettaConnection;
  readonly adapter: ChatAdapter;
  readonly io: ConsoleIo;
  readonly memo: AgentMemo;
  readonly ctrlC: CtrlC;
  readonly memory: MemoryWatcher;
  readonly includeThinking: boolean;
  /** TypeScript tools offered to the agent on each turn (`/tools` turns the demo on and off). */
  clientTools: ClientTool[] = [];
  /**
   * Asks the user something during a turn (an approval) and gives the line they answer; the chat
   * loop sets it, reading from the same input as the messages. Without one, the answer is "".
   */
  ask: (question: string) => Promise<string> = async () => "";
  #agent: Agent;
  /** The session (Letta conversation) turns run in; `undefined` is the agent's own conversation. */
  sessionId: string | undefined;

  constructor(options: ChatSessionOptions) {
    this.connection = options.connection;
    this.adapter = options.connection.adapter;
    this.io = options.io;
    this.memo = options.memo;
    this.ctrlC = options.ctrlC;
    this.includeThinking = options.includeThinking;
    this.memory = new MemoryWatcher(this.adapter, this.io);
    this.#agent = options.agent;
    this.memory.watch(options.agent.id, options.agent.memory_blocks ?? []);
  }

  /** The agent the chat talks to. */
  get agent(): Agent {
    return this.#agent;
  }

  /** Continues with another agent (it must exist), and remembers it for the next run. */
  async switchTo(agentId: string): Promise<Agent> {
    const agent = await this.adapter.getAgent(agentId);
    this.#agent = agent;
    this.sessionId = undefined;
    this.memory.watch(agent.id, agent.memory_blocks ?? []);
    this.memo.set(agent.id);
    return agent;
  }

  /** Persists the emulator's state (a no-op on a real server). */
  save(): void {
    this.connection.save();
  }
}
