import {
  AgentSchema,
  CAPABILITY_DOMAINS,
  CAPABILITY_VOCABULARY,
  type CapabilityDomain,
  CapabilityManifestSchema,
  type CreateAgentRequest,
  type ExecuteRequest,
  type ExecutionEvent,
  ExecutionResultSchema,
  formatIssues,
  MemoryBlockSchema,
  PassageSchema,
  PassageSearchResultSchema,
  ToolSchema,
  validate,
} from "@openharness/types";
import type { z } from "zod";
import { ADAPTER_OPERATIONS, type AdapterMethodPath, methodsOf, type OperationKey, type OperationRow, type PlaceholderCall } from "../adapter-operations";
import { CancelledError, InvalidRequestError, NotFoundError, OpenHarnessError, UnsupportedFeatureError } from "@openharness/types/errors";
import type { HarnessAdapter } from "../harness-adapter";
import { assertStreamInvariants } from "./assert-stream-invariants";
import { collectEvents } from "./collect-events";
import { ConformanceSkip } from "./conformance-skip";

/** What `setup` hands to the checks: the agent to run against. */
export interface ConformanceContext {
  /** An existing agent; checks that need one (execute, memory, getAgent) are skipped without it. */
  agentId?: string;
}

/** How to run the conformance suite against an adapter. */
export interface AdapterConformanceOptions<A extends HarnessAdapter = HarnessAdapter> {
  /** Shown in the suite's title. */
  name: string;
  /** Builds the adapter under test (once per suite). */
  createAdapter: () => A | Promise<A>;
  /** Prepares what the checks run against, typically an agent: `({ agentId })`. */
  setup?: (adapter: A) => ConformanceContext | undefined | Promise<ConformanceContext | undefined>;
  /** Undoes `setup` (delete the agent). Runs even when checks failed. */
  teardown?: (adapter: A, context: ConformanceContext) => void | Promise<void>;
  /** `simple` should make the agent answer with text; `toolUse`, when given, must make it call a tool. */
  prompts?: { simple?: string; toolUse?: string };
  /** Set when the same prompt always gives the same answer; enables the execute-equals-stream check. */
  deterministic?: boolean;
  /** The agent the lifecycle check creates and deletes (default: a uniquely named agent). */
  agentConfig?: CreateAgentRequest;
  /** Per-check timeout in milliseconds (default 30 000). */
  timeout?: number;
}

/** What a check runs with. `skip` ends the check as not applicable, with the reason. */
export interface ConformanceEnv {
  adapter: HarnessAdapter;
  context: ConformanceContext;
  skip: (reason: string) => never;
}

/** One check of the suite. */
export interface ConformanceCase {
  group: string;
  name: string;
  run: (env: ConformanceEnv) => Promise<void>;
}

const DEFAULT_SIMPLE_PROMPT = "Say hello in one short sentence.";
const MISSING = "oh-conformance-missing";

const check = (condition: unknown, message: string): void => {
  if (!condition) throw new Error(message);
};

const describeError = (error: unknown): string =>
  error instanceof Error || OpenHarnessError.isInstance(error) ? `${(error as Error).name}: ${(error as Error).message}` : String(error);

function parsed<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = validate(schema, value);
  if (!result.success) throw new Error(`${what} does not match its schema: ${formatIssues(result.issues)}`);
  return result.data;
}

function parsedEach<S extends z.ZodType>(schema: S, values: unknown, what: string): void {
  check(Array.isArray(values), `${what} must resolve to an array`);
  (values as unknown[]).forEach((value, index) => {
    parsed(schema, value, `${what}[${index}]`);
  });
}

async function settle(run: () => unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}

type Outcome = Awaited<ReturnType<typeof settle>>;

/** Requires `outcome` to be a failure with an error `is` accepts; returns the error. */
function failedWith(outcome: Outcome, is: (error: unknown) => boolean, what: string, expected: string): unknown {
  if (outcome.ok) throw new Error(`${what}: expected ${expected}, but it succeeded.`);
  if (!is(outcome.error)) throw new Error(`${what}: expected ${expected}, got ${describeError(outcome.error)}.`);
  return outcome.error;
}

/** Runs `run` (a call, or reading a stream) and requires it to fail with an error `is` accepts. */
async function expectFailure(run: () => unknown, is: (error: unknown) => boolean, what: string, expected: string): Promise<unknown> {
  return failedWith(await settle(run), is, what, expected);
}

const random = () => Math.random().toString(36).slice(2, 10);
const request = (context: ConformanceContext, message: string): ExecuteRequest => ({
  message,
  ...(context.agentId ? { agent_id: context.agentId } : {}),
});
const needAgent = (env: ConformanceEnv): string =>
  env.context.agentId ?? env.skip("needs an agent: return { agentId } from setup");

const textOf = (events: readonly ExecutionEvent[]) =>
  events.map((event) => (event.type === "text" ? event.content : "")).join("");

/** Read-only calls with real input, per operation, for operations reported usable. */
const probes: Partial<Record<OperationKey, (env: ConformanceEnv, prompt: string) => Promise<void>>> = {
  "agents.list": async ({ adapter }) => {
    parsedEach(AgentSchema, await adapter.listAgents(), "listAgents()");
  },
  "agents.get": async (env) => {
    const agentId = needAgent(env);
    const agent = parsed(AgentSchema, await env.adapter.getAgent(agentId), "getAgent(agentId)");
    check(agent.id === agentId, `getAgent("${agentId}") returned agent "${agent.id}"`);
  },
  "execution.sync": async (env, prompt) => {
    parsed(ExecutionResultSchema, await env.adapter.execute(request(env.context, prompt)), "execute()");
  },
  "execution.stream": async (env, prompt) => {
    assertStreamInvariants(await collectEvents(env.adapter.executeStream(request(env.context, prompt))));
  },
  "tools.list": async ({ adapter }) => {
    parsedEach(ToolSchema, await adapter.listTools(), "listTools()");
  },
  "memory.blocks": async (env) => {
    parsedEach(MemoryBlockSchema, await env.adapter.memory.getBlocks(needAgent(env)), "memory.getBlocks()");
  },
  "memory.archive": async (env) => {
    parsedEach(PassageSchema, await env.adapter.memory.listPassages(needAgent(env)), "memory.listPassages()");
  },
  "memory.search": async (env) => {
    parsedEach(PassageSearchResultSchema, await env.adapter.memory.searchPassages(needAgent(env), "hello"), "memory.searchPassages()");
  },
};

function honestyCase(row: OperationRow, prompt: string): ConformanceCase {
  const { domain, operation } = row;
  const methods = Object.entries(row.methods ?? {}) as [AdapterMethodPath, PlaceholderCall][];
  return {
    group: "capability honesty",
    name: `${domain}.${operation} behaves as reported`,
    run: async (env) => {
      const entry = (env.adapter.capabilities.get as (d: string, o: string) => { status: string })(domain, operation);
      if (entry.status === "unsupported") {
        for (const [method, call] of methods) {
          const error = await expectFailure(
            () => call(env.adapter, { missing: MISSING, prompt }),
            UnsupportedFeatureError.isInstance,
            `${method} (${domain}.${operation} is reported unsupported)`,
            "UnsupportedFeatureError",
          );
          const { domain: d, operation: o } = error as UnsupportedFeatureError;
          check(d === domain && o === operation, `${method}: UnsupportedFeatureError names ${d}.${o}, expected ${domain}.${operation}`);
        }
        return;
      }
      const probe = probes[`${domain}.${operation}` as OperationKey] ?? env.skip(`reported ${entry.status}; no read-only call to probe it (see the lifecycle checks)`);
      const outcome = await settle(() => probe(env, prompt));
      if (outcome.ok) return;
      if (outcome.error instanceof ConformanceSkip) throw outcome.error;
      // A partial operation may lack the probed method; saying so with UnsupportedFeatureError is honest.
      if (entry.status === "partial" && UnsupportedFeatureError.isInstance(outcome.error)) return;
      throw new Error(`${domain}.${operation} is reported ${entry.status} but a call failed with ${describeError(outcome.error)}`);
    },
  };
}

/** The checks of the suite, in order. `describeAdapterConformance` and `runAdapterConformance` run these. */
export function adapterConformanceCases(options: Pick<AdapterConformanceOptions, "prompts" | "deterministic" | "agentConfig">): ConformanceCase[] {
  const simple = options.prompts?.simple ?? DEFAULT_SIMPLE_PROMPT;
  const toolUse = options.prompts?.toolUse;
  const supports = (adapter: HarnessAdapter, domain: CapabilityDomain, operation: string) =>
    (adapter.capabilities.isSupported as (d: string, o: string) => boolean)(domain, operation);
  const requireSupport = (env: ConformanceEnv, domain: CapabilityDomain, operation: string) => {
    if (!supports(env.adapter, domain, operation)) env.skip(`${domain}.${operation} is reported unsupported`);
  };

  const cases: ConformanceCase[] = [
    {
      group: "identity",
      name: "id, name and version are non-empty strings",
      run: async ({ adapter }) => {
        for (const field of ["id", "name", "version"] as const) {
          check(typeof adapter[field] === "string" && adapter[field].trim() !== "", `adapter.${field} must be a non-empty string`);
        }
      },
    },
    {
      group: "capabilities",
      name: "the manifest validates and names this adapter",
      run: async ({ adapter }) => {
        const manifest = parsed(CapabilityManifestSchema, adapter.getCapabilityManifest(), "getCapabilityManifest()");
        check(manifest.harness_id === adapter.id, `manifest.harness_id "${manifest.harness_id}" is not adapter.id "${adapter.id}"`);
        check(manifest.harness_name === adapter.name, `manifest.harness_name "${manifest.harness_name}" is not adapter.name "${adapter.name}"`);
        check(manifest.version === adapter.version, `manifest.version "${manifest.version}" is not adapter.version "${adapter.version}"`);
      },
    },
    {
      group: "capabilities",
      name: "the manifest lists all 12 domains with every vocabulary operation",
      run: async ({ adapter }) => {
        const { capabilities } = adapter.getCapabilityManifest();
        const domains = Object.keys(capabilities);
        const missing = CAPABILITY_DOMAINS.filter((domain) => !domains.includes(domain));
        check(missing.length === 0, `manifest is missing domains: ${missing.join(", ")}`);
        for (const domain of CAPABILITY_DOMAINS) {
          const listed = Object.keys(capabilities[domain].operations);
          const absent = CAPABILITY_VOCABULARY[domain].filter((operation) => !listed.includes(operation));
          const extra = listed.filter((operation) => !(CAPABILITY_VOCABULARY[domain] as readonly string[]).includes(operation));
          check(absent.length === 0, `manifest ${domain} is missing operations: ${absent.join(", ")}`);
          check(extra.length === 0, `manifest ${domain} has operations outside the vocabulary: ${extra.join(", ")}`);
        }
      },
    },
    {
      group: "capabilities",
      name: "capabilities agrees with the manifest",
      run: async ({ adapter }) => {
        const { capabilities } = adapter.getCapabilityManifest();
        for (const domain of CAPABILITY_DOMAINS) {
          const operations = capabilities[domain].operations;
          for (const operation of CAPABILITY_VOCABULARY[domain]) {
            const fromRegistry = JSON.stringify((adapter.capabilities.get as (d: string, o: string) => unknown)(domain, operation));
            check(fromRegistry === JSON.stringify(operations[operation]), `${domain}.${operation}: capabilities says ${fromRegistry}, the manifest ${JSON.stringify(operations[operation])}`);
          }
          const usable = Object.values(operations).some((entry) => entry.status !== "unsupported");
          check(capabilities[domain].supported === usable, `manifest ${domain}.supported is ${capabilities[domain].supported} but ${usable ? "an operation is usable" : "no operation is usable"}`);
        }
      },
    },
    {
      group: "capabilities",
      name: "every unsupported operation gives a reason and every partial one its limits",
      run: async ({ adapter }) => {
        for (const row of adapter.capabilities.list()) {
          if (row.status === "unsupported") check(row.reason?.trim(), `${row.domain}.${row.operation} is unsupported without a reason`);
          if (row.status === "partial") check(row.limitations?.length || row.reason?.trim(), `${row.domain}.${row.operation} is partial without limitations or a reason`);
        }
      },
    },
  ];

  const rows: readonly OperationRow[] = ADAPTER_OPERATIONS;
  for (const row of rows) if (methodsOf(row).length > 0) cases.push(honestyCase(row, simple));

  cases.push(
    {
      group: "lifecycle",
      name: "an agent can be created, read, listed, updated and deleted as reported",
      run: async (env) => {
        const { adapter } = env;
        requireSupport(env, "agents", "create");
        const id = await adapter.createAgent(options.agentConfig ?? { name: `oh-conformance-${random()}` });
        let deleted = false;
        try {
          check(typeof id === "string" && id !== "", `createAgent() must resolve to a non-empty id, got ${JSON.stringify(id)}`);
          if (supports(adapter, "agents", "get")) {
            const agent = parsed(AgentSchema, await adapter.getAgent(id), "getAgent(new id)");
            check(agent.id === id, `getAgent("${id}") returned agent "${agent.id}"`);
          }
          if (supports(adapter, "agents", "list")) {
            const agents = await adapter.listAgents();
            check(agents.some((agent) => agent.id === id), `listAgents() does not include the new agent "${id}"`);
          }
          if (supports(adapter, "agents", "update")) {
            parsed(AgentSchema, await adapter.updateAgent(id, { description: "updated by the conformance suite" }), "updateAgent()");
          }
          if (supports(adapter, "agents", "delete")) {
            await adapter.deleteAgent(id);
            deleted = true;
            if (supports(adapter, "agents", "get")) {
              await expectFailure(() => adapter.getAgent(id), NotFoundError.isInstance, "getAgent() after deleteAgent()", "NotFoundError");
            }
          }
        } finally {
          if (!deleted && supports(adapter, "agents", "delete")) await settle(() => adapter.deleteAgent(id));
        }
      },
    },
    {
      group: "lifecycle",
      name: "a memory block can be added, read, updated and deleted",
      run: async (env) => {
        const { adapter } = env;
        if (adapter.capabilities.get("memory", "blocks").status !== "supported") env.skip("memory.blocks is not reported fully supported");
        const agentId = needAgent(env);
        const label = `oh_conformance_${random()}`;
        const memory = adapter.memory;
        try {
          const added = parsed(MemoryBlockSchema, await memory.addBlock(agentId, { label, value: "first" }), "memory.addBlock()");
          check(added.label === label && added.value === "first", `memory.addBlock() returned ${JSON.stringify(added)}`);
          await expectFailure(() => memory.addBlock(agentId, { label, value: "again" }), OpenHarnessError.isInstance, "memory.addBlock() with a taken label", "a typed OpenHarness error");
          check((await memory.getBlock(agentId, label)).value === "first", "memory.getBlock() does not return the added value");
          const updated = await memory.updateBlock(agentId, label, "second");
          check(updated.value === "second", `memory.updateBlock() returned value ${JSON.stringify(updated.value)}`);
          const blocks = await memory.getBlocks(agentId);
          check(blocks.some((block) => block.label === label && block.value === "second"), "memory.getBlocks() does not show the update");
          await memory.deleteBlock(agentId, label);
          await expectFailure(() => memory.getBlock(agentId, label), NotFoundError.isInstance, "memory.getBlock() after deleteBlock()", "NotFoundError");
          await expectFailure(() => memory.deleteBlock(agentId, label), NotFoundError.isInstance, "memory.deleteBlock() of a missing label", "NotFoundError");
        } finally {
          await settle(() => memory.deleteBlock(agentId, label));
        }
      },
    },
  );

  const invalidExecuteRequests: [string, (context: ConformanceContext) => unknown][] = [
    ["{}", () => ({})],
    ['{ message: "" }', (context) => ({ ...request(context, "x"), message: "" })],
    ['an unknown key (agentId)', (context) => ({ ...request(context, "hi"), agentId: "x" })],
  ];
  for (const [label, build] of invalidExecuteRequests) {
    cases.push(
      {
        group: "input validation",
        name: `execute(${label}) rejects with InvalidRequestError`,
        run: async (env) => {
          requireSupport(env, "execution", "sync");
          const invalid = build(env.context) as ExecuteRequest;
          await expectFailure(() => env.adapter.execute(invalid), InvalidRequestError.isInstance, `execute(${label})`, "InvalidRequestError");
        },
      },
      {
        group: "input validation",
        name: `executeStream(${label}) rejects with InvalidRequestError`,
        run: async (env) => {
          requireSupport(env, "execution", "stream");
          const invalid = build(env.context) as ExecuteRequest;
          await expectFailure(() => collectEvents(env.adapter.executeStream(invalid)), InvalidRequestError.isInstance, `executeStream(${label})`, "InvalidRequestError (thrown, not an error event)");
        },
      },
    );
  }
  cases.push(
    {
      group: "input validation",
      name: "createAgent({ memory_blocks: [{ label: 1 }] }) rejects with InvalidRequestError",
      run: async (env) => {
        requireSupport(env, "agents", "create");
        const invalid = { memory_blocks: [{ label: 1 }] } as unknown as CreateAgentRequest;
        const outcome = await settle(() => env.adapter.createAgent(invalid));
        // An adapter that wrongly accepted it created an agent: remove it before failing.
        if (outcome.ok && typeof outcome.value === "string" && supports(env.adapter, "agents", "delete")) await settle(() => env.adapter.deleteAgent(outcome.value as string));
        failedWith(outcome, InvalidRequestError.isInstance, "createAgent() with a numeric block label", "InvalidRequestError");
      },
    },
    {
      group: "input validation",
      name: 'memory.addBlock(agentId, { label: "not a label!" }) rejects with InvalidRequestError',
      run: async (env) => {
        requireSupport(env, "memory", "blocks");
        const agentId = needAgent(env);
        const outcome = await settle(() => env.adapter.memory.addBlock(agentId, { label: "not a label!", value: "x" }));
        if (outcome.ok) await settle(() => env.adapter.memory.deleteBlock(agentId, "not a label!"));
        failedWith(outcome, InvalidRequestError.isInstance, "memory.addBlock() with an invalid label", "InvalidRequestError");
      },
    },
  );

  const streamCase = (label: string, prompt: string, expectTool: boolean): ConformanceCase => ({
    group: "streaming",
    name: `the stream for the ${label} prompt keeps the stream contract`,
    run: async (env) => {
      requireSupport(env, "execution", "stream");
      const events = await collectEvents(env.adapter.executeStream(request(env.context, prompt)));
      assertStreamInvariants(events);
      const error = events.find((event) => event.type === "error");
      check(!error, `the ${label} prompt produced an error event: ${JSON.stringify(error)}`);
      const done = events.at(-1) as Extract<ExecutionEvent, { type: "done" }>;
      check(done.stop_reason !== "cancelled", `the ${label} prompt ended with stop_reason "cancelled"`);
      if (expectTool) check(events.some((event) => event.type === "tool_call_start"), `the ${label} prompt made no tool call`);
      else check(textOf(events).trim() !== "", `the ${label} prompt produced no text`);
    },
  });
  cases.push(streamCase("simple", simple, false));
  if (toolUse) cases.push(streamCase("toolUse", toolUse, true));

  cases.push(
    {
      group: "streaming",
      name: "includeThinking: false leaves out thinking events",
      run: async (env) => {
        requireSupport(env, "execution", "stream");
        const events = await collectEvents(env.adapter.executeStream(request(env.context, simple), { includeThinking: false }));
        assertStreamInvariants(events);
        check(!events.some((event) => event.type === "thinking"), "a thinking event arrived although includeThinking was false");
      },
    },
    {
      group: "execute",
      name: "execute() returns a valid, successful result",
      run: async (env) => {
        requireSupport(env, "execution", "sync");
        const result = parsed(ExecutionResultSchema, await env.adapter.execute(request(env.context, simple)), "execute()");
        check(result.output.trim() !== "", "execute() returned empty output for the simple prompt");
        check(result.stop_reason !== "error" && result.stop_reason !== "cancelled", `execute() resolved with stop_reason "${result.stop_reason}"`);
      },
    },
  );

  if (options.deterministic) {
    cases.push({
      group: "execute",
      name: "execute() gives the same output and tool calls as the stream",
      run: async (env) => {
        requireSupport(env, "execution", "sync");
        requireSupport(env, "execution", "stream");
        for (const prompt of [simple, ...(toolUse ? [toolUse] : [])]) {
          const result = await env.adapter.execute(request(env.context, prompt));
          const events = await collectEvents(env.adapter.executeStream(request(env.context, prompt)));
          check(result.output === textOf(events), `execute().output ${JSON.stringify(result.output)} differs from the stream's text ${JSON.stringify(textOf(events))}`);
          const streamed = events.flatMap((event) => (event.type === "tool_call_start" ? [event.name] : []));
          const executed = result.tool_calls.map((call) => call.name);
          check(JSON.stringify(executed) === JSON.stringify(streamed), `execute() tool calls ${JSON.stringify(executed)} differ from the stream's ${JSON.stringify(streamed)}`);
        }
      },
    });
  }

  cases.push(
    {
      group: "abort",
      name: 'an already-aborted signal ends the stream with done{stop_reason: "cancelled"}',
      run: async (env) => {
        requireSupport(env, "execution", "stream");
        const events = await collectEvents(env.adapter.executeStream(request(env.context, simple), { signal: AbortSignal.abort() }));
        assertStreamInvariants(events);
        const done = events.at(-1) as Extract<ExecutionEvent, { type: "done" }>;
        check(done.stop_reason === "cancelled", `the aborted stream ended with stop_reason "${done.stop_reason}"`);
      },
    },
    {
      group: "abort",
      name: "an already-aborted signal makes execute() reject with CancelledError",
      run: async (env) => {
        requireSupport(env, "execution", "sync");
        await expectFailure(() => env.adapter.execute(request(env.context, simple), { signal: AbortSignal.abort() }), CancelledError.isInstance, "execute() with an aborted signal", "CancelledError");
      },
    },
  );

  return cases;
}
