import {
  AgentSchema,
  type ExecutionEvent,
  ExecutionResultSchema,
  MemoryBlockSchema,
  MessageSchema,
  PassageSchema,
  PassageSearchResultSchema,
  SessionSchema,
  ToolSchema,
} from "@openharness/types";
import type { OperationKey } from "../adapter-operations";
import { assertStreamInvariants } from "./assert-stream-invariants";
import { collectEvents } from "./collect-events";
import { ConformanceSkip } from "./conformance-skip";
import {
  type ConformanceCaseOptions,
  type ConformanceEnv,
  describeError,
  MISSING,
  needAgent,
  parsed,
  parsedEach,
  random,
  request,
  settle,
  statusOf,
  withFreshAgent,
} from "./conformance-support";

/** A step of a probe failed: what was called, what it should have given, and what it gave. */
export class ProbeFailure extends Error {
  constructor(
    readonly step: string,
    readonly expected: string,
    readonly got: string,
  ) {
    super(`${step}: expected ${expected}, got ${got}`);
  }
}

/** Runs one call of a probe, naming it when it fails. */
async function step<T>(what: string, run: () => T | Promise<T>): Promise<T> {
  const outcome = await settle(run);
  if (outcome.ok) return outcome.value;
  if (outcome.error instanceof ConformanceSkip || outcome.error instanceof ProbeFailure) throw outcome.error;
  throw new ProbeFailure(what, "success", describeError(outcome.error));
}

/** Requires `condition`, naming what was expected of `what` and what came. */
function want(condition: boolean, what: string, expected: string, got: unknown): void {
  if (!condition) throw new ProbeFailure(what, expected, JSON.stringify(got) ?? String(got));
}

type Probe = (env: ConformanceEnv, options: ConformanceCaseOptions) => Promise<void>;

/** A probe that needs another operation skips when that one is not usable (or already failed its own check). */
function need(env: ConformanceEnv, key: OperationKey, why: string): void {
  if (statusOf(env.adapter, key) === "unsupported" || env.failedClaims.has(key)) env.skip(`needs ${key} ${why}`);
}

export const simplePrompt = (options: ConformanceCaseOptions) =>
  options.prompts?.simple ?? "Say hello in one short sentence.";

/** A new agent for a probe, deleted again when the adapter can. */
async function withAgent(
  env: ConformanceEnv,
  options: ConformanceCaseOptions,
  use: (agentId: string) => Promise<void>,
): Promise<void> {
  need(env, "agents.create", "to make an agent to work on");
  const agentId = await step("createAgent(config)", () =>
    env.adapter.createAgent(options.agentConfig ?? { name: `oh-conformance-${random()}` }),
  );
  try {
    await use(agentId);
  } finally {
    if (statusOf(env.adapter, "agents.delete") !== "unsupported") await settle(() => env.adapter.deleteAgent(agentId));
  }
}

/** A new session on the context's agent, deleted again when the adapter can. */
async function withSession(env: ConformanceEnv, use: (sessionId: string) => Promise<void>): Promise<void> {
  need(env, "sessions.create", "to make a session to work on");
  const session = parsed(
    SessionSchema,
    await step("sessions.create(agentId)", () => env.adapter.sessions.create(needAgent(env))),
    "sessions.create()",
  );
  try {
    await use(session.id);
  } finally {
    if (statusOf(env.adapter, "sessions.delete") !== "unsupported")
      await settle(() => env.adapter.sessions.delete(session.id));
  }
}

/** Uses every method of an operation with real input: a claim of support is only as good as the calls behind it. */
export const probes: Partial<Record<OperationKey, Probe>> = {
  "agents.create": (env, options) =>
    withAgent(env, options, async (id) =>
      want(typeof id === "string" && id !== "", "createAgent()", "a non-empty id", id),
    ),
  "agents.get": async (env) => {
    const agentId = needAgent(env);
    const agent = parsed(
      AgentSchema,
      await step("getAgent(agentId)", () => env.adapter.getAgent(agentId)),
      "getAgent()",
    );
    want(agent.id === agentId, "getAgent(agentId)", `agent "${agentId}"`, agent.id);
  },
  "agents.list": async (env) => {
    parsedEach(AgentSchema, await step("listAgents()", () => env.adapter.listAgents()), "listAgents()");
  },
  "agents.update": async (env) => {
    const description = `checked by the conformance suite ${random()}`;
    const agent = parsed(
      AgentSchema,
      await step("updateAgent(agentId, { description })", () =>
        env.adapter.updateAgent(needAgent(env), { description }),
      ),
      "updateAgent()",
    );
    want(
      agent.description === description,
      "updateAgent(agentId, { description })",
      `the agent with description ${JSON.stringify(description)}`,
      agent.description,
    );
  },
  "agents.delete": (env, options) =>
    withAgent(env, options, async (agentId) => {
      await step("deleteAgent(newAgentId)", () => env.adapter.deleteAgent(agentId));
    }),
  "execution.sync": async (env, options) => {
    parsed(
      ExecutionResultSchema,
      await step("execute(request)", () => env.adapter.execute(request(env.context, simplePrompt(options)))),
      "execute()",
    );
  },
  "execution.stream": async (env, options) => {
    assertStreamInvariants(
      await step("executeStream(request)", () =>
        collectEvents(env.adapter.executeStream(request(env.context, simplePrompt(options)))),
      ),
    );
  },
  "execution.approvals": async (env, options) => {
    const prompt =
      options.prompts?.approval ??
      env.skip("needs prompts.approval, a prompt that makes the agent call a tool needing approval");
    need(env, "execution.stream", "to start a turn that waits");
    await withFreshAgent(env, options, async (agentId) => {
      const events = await step("executeStream(approval prompt)", () =>
        collectEvents(env.adapter.executeStream({ message: prompt, agent_id: agentId })),
      );
      const pending = events.find(
        (event): event is Extract<ExecutionEvent, { type: "approval_request" }> => event.type === "approval_request",
      );
      want(
        pending !== undefined,
        "executeStream(approval prompt)",
        "an approval_request event",
        events.map((event) => event.type),
      );
      const decisions = (pending?.tool_calls ?? []).map((call) => ({
        tool_call_id: call.id,
        approve: false as const,
        reason: "conformance",
      }));
      const response = { agent_id: agentId, approval_request_id: pending?.id ?? MISSING, decisions };
      assertStreamInvariants(
        await step("respondToApproval(deny all)", () => collectEvents(env.adapter.respondToApproval(response))),
      );
    });
  },
  "tools.list": async (env) => {
    parsedEach(ToolSchema, await step("listTools()", () => env.adapter.listTools()), "listTools()");
  },
  "tools.register": async (env, options) => {
    const registration =
      options.toolRegistration ?? env.skip("needs toolRegistration, a tool this harness can register");
    const tool = parsed(
      ToolSchema,
      await step("registerTool(toolRegistration)", () => env.adapter.registerTool(registration)),
      "registerTool()",
    );
    if (statusOf(env.adapter, "tools.unregister") !== "unsupported")
      await settle(() => env.adapter.unregisterTool(tool.id));
  },
  "tools.unregister": async (env, options) => {
    const registration =
      options.toolRegistration ?? env.skip("needs toolRegistration, a tool this harness can register");
    need(env, "tools.register", "to make a tool to remove");
    const tool = await step("registerTool(toolRegistration)", () => env.adapter.registerTool(registration));
    await step("unregisterTool(toolId)", () => env.adapter.unregisterTool(tool.id));
  },
  "memory.blocks": async (env) => {
    const agentId = needAgent(env);
    const memory = env.adapter.memory;
    const label = `oh_probe_${random()}`;
    try {
      await step("memory.addBlock(agentId, block)", () => memory.addBlock(agentId, { label, value: "first" }));
      const read = parsed(
        MemoryBlockSchema,
        await step("memory.getBlock(agentId, label)", () => memory.getBlock(agentId, label)),
        "memory.getBlock()",
      );
      want(read.value === "first", "memory.getBlock(agentId, label)", 'the value "first"', read.value);
      await step("memory.updateBlock(agentId, label, value)", () => memory.updateBlock(agentId, label, "second"));
      const blocks = parsedEach(
        MemoryBlockSchema,
        await step("memory.getBlocks(agentId)", () => memory.getBlocks(agentId)),
        "memory.getBlocks()",
      );
      want(
        blocks.some((block) => block.label === label && block.value === "second"),
        "memory.getBlocks(agentId)",
        `block "${label}" with the updated value`,
        blocks,
      );
      await step("memory.deleteBlock(agentId, label)", () => memory.deleteBlock(agentId, label));
    } finally {
      await settle(() => memory.deleteBlock(agentId, label));
    }
  },
  "memory.archive": async (env) => {
    const agentId = needAgent(env);
    const memory = env.adapter.memory;
    const text = `conformance passage ${random()}`;
    const passage = parsed(
      PassageSchema,
      await step("memory.insertPassage(agentId, text)", () => memory.insertPassage(agentId, text)),
      "memory.insertPassage()",
    );
    try {
      const listed = parsedEach(
        PassageSchema,
        await step("memory.listPassages(agentId)", () => memory.listPassages(agentId)),
        "memory.listPassages()",
      );
      want(
        listed.some((p) => p.id === passage.id),
        "memory.listPassages(agentId)",
        `the inserted passage "${passage.id}"`,
        listed.map((p) => p.id),
      );
      await step("memory.deletePassage(agentId, passageId)", () => memory.deletePassage(agentId, passage.id));
    } finally {
      await settle(() => memory.deletePassage(agentId, passage.id));
    }
  },
  "memory.search": async (env) => {
    parsedEach(
      PassageSearchResultSchema,
      await step("memory.searchPassages(agentId, query)", () =>
        env.adapter.memory.searchPassages(needAgent(env), "hello"),
      ),
      "memory.searchPassages()",
    );
  },
  "sessions.create": (env) => withSession(env, async () => {}),
  "sessions.get": (env) =>
    withSession(env, async (id) => {
      const session = parsed(
        SessionSchema,
        await step("sessions.get(sessionId)", () => env.adapter.sessions.get(id)),
        "sessions.get()",
      );
      want(session.id === id, "sessions.get(sessionId)", `session "${id}"`, session.id);
    }),
  "sessions.list": (env) =>
    withSession(env, async (id) => {
      const sessions = parsedEach(
        SessionSchema,
        await step("sessions.list(agentId)", () => env.adapter.sessions.list(needAgent(env))),
        "sessions.list()",
      );
      want(
        sessions.some((session) => session.id === id),
        "sessions.list(agentId)",
        `a list with session "${id}"`,
        sessions.map((session) => session.id),
      );
    }),
  "sessions.history": (env) =>
    withSession(env, async (id) => {
      parsedEach(
        MessageSchema,
        await step("sessions.history(sessionId)", () => env.adapter.sessions.history(id)),
        "sessions.history()",
      );
    }),
  "sessions.fork": (env) =>
    withSession(env, async (id) => {
      const fork = parsed(
        SessionSchema,
        await step("sessions.fork(sessionId)", () => env.adapter.sessions.fork(id)),
        "sessions.fork()",
      );
      want(fork.id !== id, "sessions.fork(sessionId)", "a new session id", fork.id);
      await settle(() => env.adapter.sessions.delete(fork.id));
    }),
  "sessions.delete": (env) =>
    withSession(env, async (id) => {
      await step("sessions.delete(sessionId)", () => env.adapter.sessions.delete(id));
    }),
};
