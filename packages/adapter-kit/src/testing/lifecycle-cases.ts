import { AgentSchema, MemoryBlockSchema, type Message, PassageSchema, SessionSchema } from "@openharness/types";
import { NotFoundError, OpenHarnessError } from "@openharness/types/errors";
import type { OperationKey } from "../adapter-operations";
import { collectEvents } from "./collect-events";
import {
  type ConformanceCaseOptions,
  type ConformanceCase,
  type ConformanceEnv,
  check,
  DEFAULT_SIMPLE_PROMPT,
  expectFailure,
  needAgent,
  parsed,
  random,
  request,
  requireSupport,
  settle,
  statusOf,
} from "./conformance-support";

const usable = (env: ConformanceEnv, key: OperationKey) =>
  statusOf(env.adapter, key) !== "unsupported" && !env.failedClaims.has(key);
const userMessages = (messages: Message[]) =>
  messages.filter((message) => message.role === "user").map((message) => message.content);

/** Agents, memory blocks, archival memory and sessions, used end to end as reported. */
export function lifecycleCases(options: ConformanceCaseOptions): ConformanceCase[] {
  const simple = options.prompts?.simple ?? DEFAULT_SIMPLE_PROMPT;
  return [
    {
      group: "lifecycle",
      name: "an agent can be created, read, listed, updated and deleted as reported",
      run: async (env) => {
        const { adapter } = env;
        requireSupport(env, "agents.create");
        const id = await adapter.createAgent(options.agentConfig ?? { name: `oh-conformance-${random()}` });
        let deleted = false;
        try {
          check(
            typeof id === "string" && id !== "",
            `createAgent(): expected a non-empty id, got ${JSON.stringify(id)}`,
          );
          if (usable(env, "agents.get")) {
            const agent = parsed(AgentSchema, await adapter.getAgent(id), "getAgent(new id)");
            check(agent.id === id, `getAgent("${id}"): expected agent "${id}", got "${agent.id}"`);
          }
          if (usable(env, "agents.list")) {
            const agents = await adapter.listAgents();
            check(
              agents.some((agent) => agent.id === id),
              `listAgents(): expected the new agent "${id}" among ${agents.length}, got none`,
            );
          }
          if (usable(env, "agents.update")) {
            parsed(
              AgentSchema,
              await adapter.updateAgent(id, { description: "updated by the conformance suite" }),
              "updateAgent()",
            );
          }
          if (usable(env, "agents.delete")) {
            await adapter.deleteAgent(id);
            deleted = true;
            if (usable(env, "agents.get")) {
              await expectFailure(
                () => adapter.getAgent(id),
                NotFoundError.isInstance,
                "getAgent() after deleteAgent()",
                "NotFoundError",
              );
            }
          }
        } finally {
          if (!deleted && usable(env, "agents.delete")) await settle(() => adapter.deleteAgent(id));
        }
      },
    },
    {
      group: "lifecycle",
      name: "a memory block can be added, read, updated and deleted",
      run: async (env) => {
        requireSupport(env, "memory.blocks");
        if (statusOf(env.adapter, "memory.blocks") !== "supported")
          env.skip("memory.blocks is not reported fully supported");
        const agentId = needAgent(env);
        const label = `oh_conformance_${random()}`;
        const memory = env.adapter.memory;
        try {
          const added = parsed(
            MemoryBlockSchema,
            await memory.addBlock(agentId, { label, value: "first" }),
            "memory.addBlock()",
          );
          check(
            added.label === label && added.value === "first",
            `memory.addBlock(): expected the block "${label}" with value "first", got ${JSON.stringify(added)}`,
          );
          await expectFailure(
            () => memory.addBlock(agentId, { label, value: "again" }),
            OpenHarnessError.isInstance,
            "memory.addBlock() with a taken label",
            "a typed OpenHarness error",
          );
          const read = await memory.getBlock(agentId, label);
          check(
            read.value === "first",
            `memory.getBlock(): expected the value "first", got ${JSON.stringify(read.value)}`,
          );
          const updated = await memory.updateBlock(agentId, label, "second");
          check(
            updated.value === "second",
            `memory.updateBlock(): expected the value "second", got ${JSON.stringify(updated.value)}`,
          );
          const blocks = await memory.getBlocks(agentId);
          check(
            blocks.some((block) => block.label === label && block.value === "second"),
            "memory.getBlocks(): expected the updated block, got the old value or none",
          );
          await memory.deleteBlock(agentId, label);
          await expectFailure(
            () => memory.getBlock(agentId, label),
            NotFoundError.isInstance,
            "memory.getBlock() after deleteBlock()",
            "NotFoundError",
          );
          await expectFailure(
            () => memory.deleteBlock(agentId, label),
            NotFoundError.isInstance,
            "memory.deleteBlock() of a missing label",
            "NotFoundError",
          );
        } finally {
          await settle(() => memory.deleteBlock(agentId, label));
        }
      },
    },
    {
      group: "lifecycle",
      name: "archival memory keeps, finds and forgets a passage",
      run: async (env) => {
        requireSupport(env, "memory.archive");
        const agentId = needAgent(env);
        const memory = env.adapter.memory;
        const text = `The conformance suite's favourite colour is ${random()}.`;
        const passage = parsed(
          PassageSchema,
          await memory.insertPassage(agentId, text, { tags: ["conformance"] }),
          "memory.insertPassage()",
        );
        try {
          check(
            passage.text === text,
            `memory.insertPassage(): expected the passage's text ${JSON.stringify(text)}, got ${JSON.stringify(passage.text)}`,
          );
          const listed = await memory.listPassages(agentId);
          check(
            listed.some((p) => p.id === passage.id && p.text === text),
            `memory.listPassages(): expected passage "${passage.id}", got ${JSON.stringify(listed.map((p) => p.id))}`,
          );
          if (usable(env, "memory.search")) {
            const found = await memory.searchPassages(agentId, text);
            check(
              found.some((p) => p.id === passage.id),
              `memory.searchPassages() with the passage's own text: expected passage "${passage.id}", got ${JSON.stringify(found.map((p) => p.id))}`,
            );
          }
          await memory.deletePassage(agentId, passage.id);
          const after = await memory.listPassages(agentId);
          check(
            !after.some((p) => p.id === passage.id),
            `memory.listPassages() after deletePassage(): expected no passage "${passage.id}", got it`,
          );
          await expectFailure(
            () => memory.deletePassage(agentId, passage.id),
            NotFoundError.isInstance,
            "memory.deletePassage() of a deleted passage",
            "NotFoundError",
          );
        } finally {
          await settle(() => memory.deletePassage(agentId, passage.id));
        }
      },
    },
    {
      group: "sessions",
      name: "sessions on one agent keep separate histories, in order",
      run: async (env) => {
        requireSupport(env, "sessions.create", "sessions.history", "sessions.resume", "execution.sync");
        const agentId = needAgent(env);
        const [first, second] = [
          await env.adapter.sessions.create(agentId),
          await env.adapter.sessions.create(agentId),
        ];
        try {
          for (const session of [first, second]) parsed(SessionSchema, session, "sessions.create()");
          check(
            first.agent_id === agentId && second.agent_id === agentId,
            `sessions.create(agentId): expected sessions of "${agentId}", got ${JSON.stringify([first.agent_id, second.agent_id])}`,
          );
          check(first.id !== second.id, `sessions.create(): expected two different sessions, got "${first.id}" twice`);
          const [one, two] = [`${simple} (1 ${random()})`, `${simple} (2 ${random()})`];
          await env.adapter.execute(request(env.context, one, first.id));
          await env.adapter.execute(request(env.context, two, first.id));
          const history = await env.adapter.sessions.history(first.id);
          check(
            JSON.stringify(userMessages(history)) === JSON.stringify([one, two]),
            `sessions.history(): expected the user messages ${JSON.stringify([one, two])} in order, got ${JSON.stringify(userMessages(history))}`,
          );
          check(
            history.some((message) => message.role === "assistant"),
            "sessions.history(): expected the agent's answers too, got user messages only",
          );
          const other = await env.adapter.sessions.history(second.id);
          check(
            other.every((message) => message.content !== one && message.content !== two),
            `sessions.history() of another session: expected none of the first session's messages, got ${JSON.stringify(userMessages(other))}`,
          );
          const limited = await env.adapter.sessions.history(first.id, { limit: 1 });
          check(limited.length === 1, `sessions.history(id, { limit: 1 }): expected 1 message, got ${limited.length}`);
        } finally {
          if (usable(env, "sessions.delete"))
            for (const session of [first, second]) await settle(() => env.adapter.sessions.delete(session.id));
        }
      },
    },
    {
      group: "sessions",
      name: "deleting a session keeps the agent and its memory",
      run: async (env) => {
        requireSupport(env, "sessions.create", "sessions.delete", "agents.get");
        const agentId = needAgent(env);
        const session = await env.adapter.sessions.create(agentId);
        await env.adapter.sessions.delete(session.id);
        if (usable(env, "sessions.get")) {
          await expectFailure(
            () => env.adapter.sessions.get(session.id),
            NotFoundError.isInstance,
            "sessions.get() after sessions.delete()",
            "NotFoundError",
          );
        }
        if (usable(env, "sessions.list")) {
          const left = await env.adapter.sessions.list(agentId);
          check(
            !left.some((s) => s.id === session.id),
            `sessions.list() after sessions.delete(): expected no session "${session.id}", got it`,
          );
        }
        const agent = await env.adapter.getAgent(agentId);
        check(
          agent.id === agentId,
          `getAgent() after sessions.delete(): expected agent "${agentId}", got "${agent.id}"`,
        );
        if (usable(env, "memory.blocks")) await env.adapter.memory.getBlocks(agentId);
      },
    },
    {
      group: "sessions",
      name: "a forked session starts with the history of its origin",
      run: async (env) => {
        requireSupport(
          env,
          "sessions.create",
          "sessions.fork",
          "sessions.history",
          "sessions.resume",
          "execution.sync",
        );
        const origin = await env.adapter.sessions.create(needAgent(env));
        const message = `${simple} (fork ${random()})`;
        let forkId: string | undefined;
        try {
          await env.adapter.execute(request(env.context, message, origin.id));
          forkId = (await env.adapter.sessions.fork(origin.id)).id;
          const copied = userMessages(await env.adapter.sessions.history(forkId));
          check(
            copied.includes(message),
            `sessions.history() of the fork: expected the origin's message ${JSON.stringify(message)}, got ${JSON.stringify(copied)}`,
          );
        } finally {
          if (usable(env, "sessions.delete"))
            for (const id of [origin.id, forkId]) if (id) await settle(() => env.adapter.sessions.delete(id));
        }
      },
    },
    {
      group: "sessions",
      name: "a turn for a session is refused with UnsupportedFeatureError when sessions are not supported",
      run: async (env) => {
        if (statusOf(env.adapter, "sessions.resume") !== "unsupported") env.skip("sessions.resume is reported usable");
        requireSupport(env, "execution.stream");
        const turn = request(env.context, simple, "oh-conformance-session");
        await expectFailure(
          () => collectEvents(env.adapter.executeStream(turn)),
          (error) => OpenHarnessError.isInstance(error) && error.code === "capability_not_supported",
          "executeStream({ session_id })",
          "UnsupportedFeatureError (a session_id the harness cannot honour is never dropped)",
        );
      },
    },
  ];
}
