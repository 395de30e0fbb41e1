import { LettaAdapter, type MemoryBlock } from "@openharness/letta";
import type { ChatSession } from "./chat-session";

import { MemoryWatcher } from "./memory-watcher";
import { AGENT_NAME, createChatAgent, describeError, LOCAL_TIME_TOOL } from "@openharness/example-support";

/** What the loop does after a command. */
export type CommandOutcome = "continue" | "quit";

interface Command {
  usage: string;
  summary: string;
  run(session: ChatSession, args: string): Promise<CommandOutcome | undefined>;
}

function showBlock(session: ChatSession, block: MemoryBlock): void {
  session.io.line(`memory ▸ ${block.label}${block.read_only ? " (read-only)" : ""}`);
  const lines = block.value.split("\n").filter((line) => line.trim() !== "");
  for (const line of lines.length > 0 ? lines : ["(empty)"]) session.io.line(`  ${line}`);
}

/** A usage error of a command, shown as is. */
class CommandUsageError extends Error {}

function required(args: string, usage: string): string {
  if (args === "") throw new CommandUsageError(`usage: ${usage}`);
  return args;
}

/** The slash commands, in the order `/help` lists them. */
export const COMMANDS: Record<string, Command> = {
  memory: {
    usage: "/memory",
    summary: "show the agent's core-memory blocks",
    async run(session) {
      for (const block of await session.adapter.memory.getBlocks(session.agent.id)) showBlock(session, block);
      return undefined;
    },
  },
  edit: {
    usage: "/edit <label> <text>",
    summary: 'replace a block\'s value ("\\n" for a new line)',
    async run(session, args) {
      const [, label, text] = /^(\S+)\s+([\s\S]+)$/.exec(required(args, this.usage)) ?? [];
      if (!label || !text) throw new CommandUsageError(`usage: ${this.usage}`);
      const block = await session.adapter.memory.updateBlock(session.agent.id, label, text.replace(/\\n/g, "\n"));
      session.memory.show(block);
      return undefined;
    },
  },
  search: {
    usage: "/search <query>",
    summary: "search archival memory",
    async run(session, args) {
      const found = await session.adapter.memory.searchPassages(session.agent.id, required(args, this.usage));
      if (found.length === 0) session.io.line("archive ▸ no passage matches.");
      for (const passage of found) session.io.line(`archive ▸ ${passage.text}`);
      return undefined;
    },
  },
  remember: {
    usage: "/remember <text>",
    summary: "add a passage to archival memory",
    async run(session, args) {
      const passage = await session.adapter.memory.insertPassage(session.agent.id, required(args, this.usage));
      session.io.line(`archive ▸ + ${passage.text}`);
      return undefined;
    },
  },
  tools: {
    usage: "/tools",
    summary: "offer the agent a TypeScript tool (local_time) run here; again to remove it",
    async run(session) {
      if (!(session.adapter instanceof LettaAdapter))
        throw new CommandUsageError("the local backend keeps its own tool policy: /tools works on a Letta server.");
      const on = session.clientTools.length === 0;
      session.clientTools = on ? [LOCAL_TIME_TOOL] : [];
      session.io.line(
        on
          ? "tools ▸ local_time (runs in this app) is offered to the agent: ask it what time it is."
          : "tools ▸ local_time removed.",
      );
      return undefined;
    },
  },
  approvals: {
    usage: "/approvals on|off",
    summary: "ask before the agent edits its memory (y/n)",
    async run(session, args) {
      const on = /^on$/i.test(args) ? true : /^off$/i.test(args) ? false : undefined;
      if (on === undefined) throw new CommandUsageError(`usage: ${this.usage}`);
      const { adapter } = session;
      if (!(adapter instanceof LettaAdapter))
        throw new CommandUsageError("approval rules live on a Letta server: not on the local backend.");
      const tools = (await adapter.listTools({ agent_id: session.agent.id })).filter((tool) =>
        MemoryWatcher.edits(tool.name),
      );
      // SDK 1.12.1's agents.tools.updateApproval sends a body Letta rejects; this is the documented request.
      for (const tool of tools) {
        await adapter.client.patch(`/v1/agents/${session.agent.id}/tools/approval/${tool.name}`, {
          body: { requires_approval: on },
        });
      }
      session.io.line(
        `approvals ▸ ${on ? "asking before" : "no longer asking before"} ${tools.map((tool) => tool.name).join(", ") || "(no memory tools)"}.`,
      );
      return undefined;
    },
  },
  agents: {
    usage: "/agents",
    summary: "list the agents on this server",
    async run(session) {
      const agents = await session.adapter.listAgents();
      if (agents.length === 0) session.io.line("agents ▸ none.");
      for (const agent of agents) {
        session.io.line(`${agent.id === session.agent.id ? "* " : "  "}${agent.id}  ${agent.name}`);
      }
      return undefined;
    },
  },
  switch: {
    usage: "/switch <agent-id>",
    summary: "continue with another agent",
    async run(session, args) {
      const agent = await session.switchTo(required(args, this.usage));
      session.io.line(`agent ▸ now talking to ${agent.name} (${agent.id}).`);
      return undefined;
    },
  },
  delete: {
    usage: "/delete <agent-id>",
    summary: "delete an agent and its memory (not the current one)",
    async run(session, args) {
      const id = required(args, this.usage);
      if (id === session.agent.id)
        throw new CommandUsageError("that is the current agent: /switch to another (or /new) first.");
      await session.adapter.deleteAgent(id);
      session.io.line(`agent ▸ deleted ${id}.`);
      return undefined;
    },
  },
  new: {
    usage: "/new [name]",
    summary: "create an agent and switch to it",
    async run(session, args) {
      const agent = await session.switchTo(await createChatAgent(session.adapter, args || AGENT_NAME));
      session.io.line(`agent ▸ created ${agent.name} (${agent.id}); now talking to it.`);
      return undefined;
    },
  },
  sessions: {
    usage: "/sessions",
    summary: "list this agent's sessions (conversations sharing its memory)",
    async run(session) {
      const sessions = await session.adapter.sessions.list(session.agent.id);
      session.io.line(`${session.sessionId ? "  " : "* "}(the agent's own conversation)`);
      for (const each of sessions) {
        session.io.line(`${each.id === session.sessionId ? "* " : "  "}${each.id}${each.name ? `  ${each.name}` : ""}`);
      }
      return undefined;
    },
  },
  "new-session": {
    usage: "/new-session [name]",
    summary: "start a session: a fresh history, the same memory",
    async run(session, args) {
      const created = await session.adapter.sessions.create(session.agent.id, args ? { name: args } : {});
      session.sessionId = created.id;
      session.io.line(`session ▸ started ${created.id}${created.name ? ` (${created.name})` : ""}; now talking in it.`);
      return undefined;
    },
  },
  "switch-session": {
    usage: "/switch-session <id>",
    summary: 'continue a session ("agent": the agent\'s own conversation)',
    async run(session, args) {
      const id = required(args, this.usage);
      if (id === "agent") {
        session.sessionId = undefined;
        session.io.line("session ▸ now talking in the agent's own conversation.");
        return undefined;
      }
      const found = await session.adapter.sessions.get(id);
      if (found.agent_id !== session.agent.id)
        throw new CommandUsageError(`that session belongs to agent ${found.agent_id}: /switch to it first.`);
      session.sessionId = found.id;
      session.io.line(`session ▸ now talking in ${found.id}.`);
      return undefined;
    },
  },
  help: {
    usage: "/help",
    summary: "show this list",
    async run(session) {
      session.io.line("Type a message to talk to the agent, or a command:");
      for (const command of Object.values(COMMANDS))
        session.io.line(`  ${command.usage.padEnd(22)} ${command.summary}`);
      return undefined;
    },
  },
  quit: {
    usage: "/quit",
    summary: "leave (so do Ctrl-D and Ctrl-C at the prompt)",
    async run() {
      return "quit";
    },
  },
};

/**
 * Runs a slash command (`/memory`, `/edit human ...`). A failure is shown as one line and the chat
 * goes on. Returns `undefined` when the command failed.
 */
export async function runCommand(session: ChatSession, input: string): Promise<CommandOutcome | undefined> {
  const [, name = "", args = ""] = /^\/(\S*)\s*([\s\S]*)$/.exec(input.trim()) ?? [];
  const command = COMMANDS[name === "exit" ? "quit" : name.toLowerCase()];
  if (!command) {
    session.io.notice(`unknown command /${name}: /help lists the commands.`);
    return undefined;
  }
  try {
    const outcome = (await command.run(session, args.trim())) ?? "continue";
    session.save();
    return outcome;
  } catch (error) {
    session.io.notice(
      error instanceof CommandUsageError ? `/${name}: ${error.message}` : describeError(`/${name} failed`, error),
    );
    return undefined;
  }
}
