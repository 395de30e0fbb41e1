// Each conformance check has a dishonest adapter here that it, and only it, catches: proof that no
// check is dead weight, and that one false claim is one failure (not one per check that uses it).
import {
  type CapabilityDeclarations,
  CapabilityRegistry,
  collectResult,
  type ExecuteOptions,
  type HarnessAdapter,
} from "@openharness/adapter-kit";
import { adapterConformanceCases, collectEvents, runAdapterConformance } from "@openharness/adapter-kit/testing";
import type {
  Agent,
  ApprovalResponse,
  CapabilityManifest,
  ExecuteRequest,
  ExecutionEvent,
  ExecutionResult,
  Session,
  Tool,
} from "@openharness/types";
import { describe, expect, it } from "vitest";
import { InMemoryAdapter } from "./in-memory-adapter.js";

const TODO = async (): Promise<never> => {
  throw new Error("TODO");
};
const prompts = { simple: "Say hello", toolUse: "/tool hello", approval: "/ask hello" };

async function failuresOf(adapter: InMemoryAdapter): Promise<string[]> {
  const report = await runAdapterConformance({
    name: "dishonest",
    createAdapter: () => adapter,
    setup: async (a) => ({
      agentId: await a.createAgent({ name: "conformance", memory_blocks: [{ label: "human", value: "Name: Alice" }] }),
    }),
    teardown: async () => {},
    prompts,
    deterministic: true,
  });
  return report.failures.map((failure) => `${failure.name} :: ${String(failure.error)}`);
}

/** What the honest example reports, so a subclass can claim it whatever it implements. */
const honestClaims = () => new InMemoryAdapter().capabilities;

/** An adapter whose `execute` stays honest while its stream misbehaves (the base class would collect the stream). */
class HonestExecute extends InMemoryAdapter {
  override execute(request: ExecuteRequest, options?: ExecuteOptions): Promise<ExecutionResult> {
    return collectResult(super.executeStream(request, options));
  }
}

const withManifest = (edit: (manifest: CapabilityManifest) => void) =>
  class extends InMemoryAdapter {
    override getCapabilityManifest(): CapabilityManifest {
      const manifest = structuredClone(super.getCapabilityManifest());
      edit(manifest);
      return manifest;
    }
  };

const streamWhen = (when: (request: ExecuteRequest) => boolean, events: ExecutionEvent[]) =>
  class extends HonestExecute {
    override executeStream(request: ExecuteRequest, options?: ExecuteOptions): AsyncIterable<ExecutionEvent> {
      if (when(request))
        return (async function* () {
          yield* events;
        })();
      return super.executeStream(request, options);
    }
  };
const done: ExecutionEvent = {
  type: "done",
  usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
  stop_reason: "end_turn",
};
const empty = (request: ExecuteRequest) => Object.keys(request).length === 0;
const emptyMessage = (request: ExecuteRequest) => request.message === "";
const unknownKey = (request: ExecuteRequest) => "agentId" in request;
const executeWhen = (when: (request: ExecuteRequest) => boolean) =>
  class extends InMemoryAdapter {
    override execute(request: ExecuteRequest, options?: ExecuteOptions): Promise<ExecutionResult> {
      if (when(request))
        return Promise.resolve({
          output: "",
          tool_calls: [],
          usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
          stop_reason: "end_turn",
          metadata: {},
        });
      return super.execute(request, options);
    }
  };

// biome-ignore lint/suspicious/noExplicitAny: a replacement takes the replaced method's own arguments.
type Method = (...args: any[]) => Promise<any>;

/** Replaces one method of a group (`memory`, `sessions`), keeping the rest. */
function breaking(
  group: "memory" | "sessions",
  method: string,
  replacement: (original: Method, adapter: InMemoryAdapter) => Method = () => TODO,
) {
  return class extends InMemoryAdapter {
    constructor() {
      super();
      const original = (this[group] as unknown as Record<string, Method>)[method] as Method;
      Object.assign(this, { [group]: { ...this[group], [method]: replacement(original, this) } });
    }
  };
}

/**
 * Passes the example's events through `edit`, for the requests `when` picks (never with a signal:
 * reading the whole stream first would hide an abort). With `honestExecute`, `execute` keeps
 * the example's own stream; without, it collects the edited one.
 */
const editingStream = (
  edit: (events: ExecutionEvent[]) => ExecutionEvent[],
  when: (request: ExecuteRequest, options: ExecuteOptions) => boolean = () => true,
  honestExecute = true,
) =>
  class extends (honestExecute ? HonestExecute : InMemoryAdapter) {
    override executeStream(request: ExecuteRequest, options: ExecuteOptions = {}): AsyncIterable<ExecutionEvent> {
      const events = super.executeStream(request, options);
      if (options.signal || !when(request, options)) return events;
      return (async function* () {
        yield* edit(await collectEvents(events));
      })();
    }
  };

/** A stream with `options` changed before the example sees them; `execute` can keep the originals. */
const withOptions = (change: (options: ExecuteOptions) => ExecuteOptions, honestExecute = false) =>
  class extends InMemoryAdapter {
    override executeStream(request: ExecuteRequest, options: ExecuteOptions = {}): AsyncIterable<ExecutionEvent> {
      return super.executeStream(request, change(options));
    }
    override execute(request: ExecuteRequest, options?: ExecuteOptions): Promise<ExecutionResult> {
      return honestExecute ? collectResult(super.executeStream(request, options)) : super.execute(request, options);
    }
  };

/** Implements a method the example reports unsupported, while still claiming what the example claims. */
function silently<K extends "updateAgent" | "registerTool" | "unregisterTool" | "invokeTool">(
  method: K,
  body: HarnessAdapter[K],
) {
  const Silent = class extends InMemoryAdapter {
    override get capabilities(): CapabilityRegistry {
      return honestClaims();
    }
  };
  Object.defineProperty(Silent.prototype, method, { value: body });
  return Silent;
}

const dishonest: [check: string, make: () => InMemoryAdapter][] = [
  [
    "id, name and version are non-empty strings",
    () => Object.defineProperty(new InMemoryAdapter(), "version", { value: " " }),
  ],
  [
    "the manifest validates and names this adapter",
    () =>
      new (withManifest((m) => {
        m.harness_id = "someone-else";
      }))(),
  ],
  [
    "the manifest lists all 12 domains with every vocabulary operation",
    () =>
      new (withManifest((m) => {
        m.capabilities.mcp.operations.telepathy = { status: "unsupported", reason: "no" };
      }))(),
  ],
  [
    "capabilities agrees with the manifest",
    () =>
      new (withManifest((m) => {
        m.capabilities.models.operations["multi-model"] = { status: "unsupported", reason: "other" };
      }))(),
  ],
  [
    "every unsupported operation gives a reason and every partial one its limits",
    () =>
      new (class extends InMemoryAdapter {
        override get capabilities(): CapabilityRegistry {
          const entries = Object.fromEntries(
            honestClaims()
              .list()
              .map(({ domain, operation, ...entry }) => [`${domain}.${operation}`, entry]),
          );
          return new CapabilityRegistry(
            { id: this.id, name: this.name, version: this.version },
            { ...entries, "agents.clone": { status: "unsupported" } },
          );
        }
      })(),
  ],
  // The setup's agent is made; the probe's (named oh-conformance-...) is not.
  [
    "agents.create behaves as reported",
    () =>
      new (class extends InMemoryAdapter {
        override createAgent = async (config: { name?: string }) =>
          config.name?.startsWith("oh-") ? TODO() : super.createAgent(config);
      })(),
  ],
  [
    "agents.get behaves as reported",
    () =>
      new (class extends InMemoryAdapter {
        override getAgent = async (id: string): Promise<Agent> => ({
          ...(await super.getAgent(id)),
          id: "someone-else",
        });
      })(),
  ],
  [
    "agents.list behaves as reported",
    () =>
      new (class extends InMemoryAdapter {
        override listAgents = async () => [{ id: "" }] as Agent[];
      })(),
  ],
  [
    "agents.update behaves as reported",
    () =>
      new (silently("updateAgent", async function (this: InMemoryAdapter, id: string) {
        return this.getAgent(id);
      }))(),
  ],
  [
    "agents.delete behaves as reported",
    () =>
      new (class extends InMemoryAdapter {
        override deleteAgent = TODO;
      })(),
  ],
  [
    "execution.sync behaves as reported",
    () =>
      new (class extends InMemoryAdapter {
        override execute = TODO;
      })(),
  ],
  [
    "execution.stream behaves as reported",
    () =>
      new (class extends HonestExecute {
        override executeStream(): AsyncIterable<ExecutionEvent> {
          return (async function* () {
            yield { type: "text", content: "no done" } as ExecutionEvent;
          })();
        }
      })(),
  ],
  [
    "execution.approvals behaves as reported",
    () =>
      new (class extends InMemoryAdapter {
        override respondToApproval = (_r: ApprovalResponse) => ({ [Symbol.asyncIterator]: () => ({ next: TODO }) });
      })(),
  ],
  ["memory.blocks behaves as reported", () => new (breaking("memory", "updateBlock"))()],
  ["memory.archive behaves as reported", () => new (breaking("memory", "insertPassage"))()],
  ["memory.search behaves as reported", () => new (breaking("memory", "searchPassages"))()],
  [
    "tools.list behaves as reported",
    () =>
      new (class extends InMemoryAdapter {
        override listTools = async () => [{ id: "t" }] as Tool[];
      })(),
  ],
  [
    "tools.register behaves as reported",
    () => new (silently("registerTool", async () => ({ id: "t", name: "t", source: "custom" }) as Tool))(),
  ],
  ["tools.unregister behaves as reported", () => new (silently("unregisterTool", async () => {}))()],
  ["tools.invoke behaves as reported", () => new (silently("invokeTool", async () => "done"))()],
  ["sessions.create behaves as reported", () => new (breaking("sessions", "create"))()],
  ["sessions.get behaves as reported", () => new (breaking("sessions", "get"))()],
  [
    "sessions.list behaves as reported",
    () =>
      new (breaking(
        "sessions",
        "list",
        (original) => async (id: string) => ((await original(id as never)) as Session[]).slice(1),
      ))(),
  ],
  ["sessions.fork behaves as reported", () => new (breaking("sessions", "fork"))()],
  ["sessions.history behaves as reported", () => new (breaking("sessions", "history"))()],
  ["sessions.delete behaves as reported", () => new (breaking("sessions", "delete"))()],
  [
    "an agent can be created, read, listed, updated and deleted as reported",
    () =>
      new (class extends InMemoryAdapter {
        override listAgents = async () => (await super.listAgents()).slice(0, 1);
      })(),
  ],
  [
    "a memory block can be added, read, updated and deleted",
    () =>
      new (breaking(
        "memory",
        "addBlock",
        (original) => (agentId, block) =>
          original(agentId, block).catch((error) => {
            if (error.code === "conflict") return block;
            throw error;
          }),
      ))(),
  ],
  [
    "archival memory keeps, finds and forgets a passage",
    () =>
      new (breaking(
        "memory",
        "deletePassage",
        (original) =>
          (...args) =>
            original(...args).catch(() => undefined),
      ))(),
  ],
  [
    "sessions on one agent keep separate histories, in order",
    () =>
      new (breaking(
        "sessions",
        "history",
        (original) =>
          async (...args) =>
            (await original(...args)).reverse(),
      ))(),
  ],
  [
    "deleting a session keeps the agent and its memory",
    () => new (breaking("sessions", "delete", () => async () => {}))(),
  ],
  [
    "a forked session starts with the history of its origin",
    () =>
      new (breaking(
        "sessions",
        "fork",
        (_original, adapter) => async (id: string) =>
          adapter.sessions.create((await adapter.sessions.get(id)).agent_id),
      ))(),
  ],
  [
    "a turn for a session is refused with UnsupportedFeatureError when sessions are not supported",
    () =>
      new (class extends InMemoryAdapter {
        protected override declareCapabilities(): CapabilityDeclarations {
          return {
            ...super.declareCapabilities(),
            sessions: { resume: { status: "unsupported", reason: "no sessions here" }, named: { status: "supported" } },
          };
        }
      })(),
  ],
  ["execute({}) rejects with InvalidRequestError", () => new (executeWhen(empty))()],
  ["executeStream({}) rejects with InvalidRequestError", () => new (streamWhen(empty, [done]))()],
  ['execute({ message: "" }) rejects with InvalidRequestError', () => new (executeWhen(emptyMessage))()],
  ['executeStream({ message: "" }) rejects with InvalidRequestError', () => new (streamWhen(emptyMessage, [done]))()],
  ["execute(an unknown key (agentId)) rejects with InvalidRequestError", () => new (executeWhen(unknownKey))()],
  [
    "executeStream(an unknown key (agentId)) rejects with InvalidRequestError",
    () => new (streamWhen(unknownKey, [done]))(),
  ],
  [
    "createAgent({ memory_blocks: [{ label: 1 }] }) rejects with InvalidRequestError",
    () =>
      new (class extends InMemoryAdapter {
        override createAgent = async (config: object) => super.createAgent(config).catch(() => "agent-lenient");
      })(),
  ],
  [
    'memory.addBlock(agentId, { label: "not a label!" }) rejects with InvalidRequestError',
    () =>
      new (breaking(
        "memory",
        "addBlock",
        (original) => (agentId, block) => original(agentId, { ...block, label: block.label.replace(/[^\w-]/g, "_") }),
      ))(),
  ],
  [
    "the stream for the simple prompt keeps the stream contract",
    () =>
      new (editingStream(
        (events) => [
          ...events.slice(0, -1),
          { type: "error", code: "harness_error", message: "hidden", recoverable: true },
          ...events.slice(-1),
        ],
        (request, options) => options.includeThinking === undefined && request.message === prompts.simple,
      ))(),
  ],
  [
    "the stream for the toolUse prompt keeps the stream contract",
    () =>
      new (editingStream(
        (events) => events.filter((event) => !event.type.startsWith("tool_")),
        (request) => request.message === prompts.toolUse,
        false,
      ))(),
  ],
  [
    "declared thinking is streamed",
    () => new (editingStream((events) => events.filter((event) => event.type !== "thinking")))(),
  ],
  [
    "includeThinking: false leaves out thinking events",
    () => new (withOptions((options) => ({ ...options, includeThinking: true })))(),
  ],
  [
    "execute() returns a valid, successful result",
    () =>
      new (class extends InMemoryAdapter {
        override execute = async (request: ExecuteRequest, options?: ExecuteOptions) => ({
          ...(await super.execute(request, options)),
          stop_reason: "cancelled" as const,
        });
      })(),
  ],
  [
    "execute() gives the same output and tool calls as the stream",
    () =>
      new (class extends InMemoryAdapter {
        override execute = async (request: ExecuteRequest, options?: ExecuteOptions) => {
          const result = await super.execute(request, options);
          return request.message.startsWith("/tool") ? { ...result, output: `${result.output}!` } : result;
        };
      })(),
  ],
  [
    'an already-aborted signal ends the stream with done{stop_reason: "cancelled"}',
    () =>
      new (withOptions((options) => (options.signal?.aborted ? { ...options, signal: undefined } : options), true))(),
  ],
  [
    'aborting mid-stream ends the stream with done{stop_reason: "cancelled"}',
    () =>
      new (withOptions((options) => (options.signal?.aborted ? options : { ...options, signal: undefined }), true))(),
  ],
  [
    "an already-aborted signal makes execute() reject with CancelledError",
    () =>
      new (class extends InMemoryAdapter {
        override execute = (request: ExecuteRequest, options?: ExecuteOptions) =>
          super.execute(request, { ...options, signal: undefined });
      })(),
  ],
  [
    "a turn waits for approval, and respondToApproval runs the approved calls",
    () =>
      new (class extends InMemoryAdapter {
        override respondToApproval(
          response: ApprovalResponse,
          options?: ExecuteOptions,
        ): AsyncIterable<ExecutionEvent> {
          const events = super.respondToApproval(response, options);
          return (async function* () {
            for await (const event of events) if (event.type !== "tool_result") yield event;
          })();
        }
      })(),
  ],
  [
    "a denied call does not run",
    () =>
      new (class extends InMemoryAdapter {
        override respondToApproval(
          response: ApprovalResponse,
          options?: ExecuteOptions,
        ): AsyncIterable<ExecutionEvent> {
          return super.respondToApproval(
            {
              ...response,
              decisions: response.decisions.map((d) => ({ tool_call_id: d.tool_call_id, approve: true })),
            },
            options,
          );
        }
      })(),
  ],
  [
    "onApproval answers in the stream: one turn, one done",
    () => new (withOptions((options) => ({ ...options, onApproval: undefined })))(),
  ],
];

describe("each conformance check catches a dishonest adapter that no other check catches", () => {
  it("covers every check of the suite", () => {
    const names = adapterConformanceCases({ prompts, deterministic: true }).map((check) => check.name);
    const covered = dishonest.map(([name]) => name);
    expect(covered.filter((name) => !names.includes(name))).toEqual([]);
    expect(names.filter((name) => !covered.includes(name))).toEqual([]);
  });

  it.each(dishonest)("%s", async (name, make) => {
    const failures = await failuresOf(make());
    expect(
      failures.map((failure) => failure.split(" :: ")[0]),
      failures.join("\n"),
    ).toEqual([name]);
  });
});
