import type Letta from "@letta-ai/letta-client";
import type { AgentCreateParams } from "@letta-ai/letta-client/resources/agents/agents";
import {
  type CapabilityDeclarations,
  ConflictError,
  collectResult,
  type ExecuteOptions,
  guardEventStream,
  HarnessAdapterBase,
  InvalidRequestError,
  type ListPassagesOptions,
  type ListToolsOptions,
  NotFoundError,
  parseInput,
  type RegisterToolRequest,
  type SearchPassagesOptions,
  StreamInterruptedError,
} from "@openharness/adapter-kit";
import {
  type Agent,
  type CreateAgentRequest,
  CreateAgentRequestSchema,
  type CreateMemoryBlock,
  CreateMemoryBlockSchema,
  type ExecuteRequest,
  ExecuteRequestSchema,
  type ExecutionEvent,
  type ExecutionResult,
  type JsonObject,
  type MemoryBlock,
  type MemoryBlockUpdate,
  MemoryBlockUpdateSchema,
  type PassageSearchResult,
  type Tool,
} from "@openharness/types";
import { convertLettaAgent } from "./convert-letta-agent";
import { convertLettaBlock } from "./convert-letta-block";
import { convertLettaPassage } from "./convert-letta-passage";
import { convertLettaTool } from "./convert-letta-tool";
import { convertToLettaAgentParams } from "./convert-to-letta-agent-params";
import { convertToLettaMessageParams, type LettaSendSettings } from "./convert-to-letta-message-params";
import { createLettaClient } from "./create-letta-client";
import { type LettaAdapterOptions, type ResolvedLettaOptions, resolveLettaOptions } from "./letta-adapter-options";
import { LETTA_CAPABILITIES } from "./letta-capabilities";
import { LettaEventMapper, type LettaItem } from "./letta-event-mapper";
import {
  AgentIdField,
  argumentSchema,
  LettaExecuteOptionsSchema,
  ListPassagesSchema,
  NO_RETRY,
  PassageTextSchema,
  RegisterToolSchema,
  SearchPassagesSchema,
  TagsSchema,
  UpdateAgentSchema,
} from "./letta-input-schemas";
import { type LettaErrorContext, mapLettaError } from "./map-letta-error";
import { VERSION } from "./version";

/** Letta-specific options of `execute` and `executeStream`. */
export interface LettaExecuteOptions extends ExecuteOptions {
  /** Token streaming: text arrives in small fragments. Default true for `executeStream`, false for `execute`. */
  streamTokens?: boolean;
  /** Upper bound on agent steps (LLM calls) in this turn. Letta's default is 50. */
  maxSteps?: number;
  /** `execute` only: false uses Letta's synchronous endpoint instead of a stream. Default true. */
  stream?: boolean;
}

/** A Letta tool to register: Python source whose function name and docstring define the tool. */
export interface LettaRegisterToolRequest extends RegisterToolRequest {
  source_code: string;
  /** Attach the new tool to this agent. */
  agent_id?: string;
  tags?: string[];
  pip_requirements?: { name: string; version?: string }[];
  return_char_limit?: number;
  /** The agent must get approval before each call. */
  default_requires_approval?: boolean;
}

const DEFAULT_BLOCKS: CreateMemoryBlock[] = [
  { label: "human", value: "What I know about the user:" },
  { label: "persona", value: "I am a helpful assistant with a persistent memory." },
];

/**
 * The OpenHarness adapter for Letta: stateful agents with memory they edit themselves, through
 * the OpenHarness contract, over the official `@letta-ai/letta-client`.
 *
 * ```ts
 * const adapter = new LettaAdapter({ apiKey: process.env.LETTA_API_KEY });
 * const agentId = await adapter.createAgent({ name: "my-assistant" });
 * const { output } = await adapter.execute({ message: "Hello!", agent_id: agentId });
 * ```
 */
export class LettaAdapter extends HarnessAdapterBase {
  readonly id = "letta";
  readonly name = "Letta";
  readonly version = VERSION;
  // Private fields: neither the client nor the key shows in util.inspect or JSON.stringify.
  readonly #client: Letta;
  readonly #options: ResolvedLettaOptions;

  /** Reads `LETTA_API_KEY`/`LETTA_BASE_URL` now when not given; throws `InvalidRequestError` on bad options. */
  constructor(options: LettaAdapterOptions = {}) {
    super();
    this.#options = resolveLettaOptions(options);
    this.#client = createLettaClient(this.#options);
  }

  /** The server this adapter talks to. */
  get baseUrl(): string {
    return this.#client.baseURL;
  }

  /** The underlying `@letta-ai/letta-client`, for Letta features outside the contract. */
  get client(): Letta {
    return this.#client;
  }

  protected declareCapabilities(): CapabilityDeclarations {
    return LETTA_CAPABILITIES;
  }

  // ---- agents ---------------------------------------------------------------------------

  /** Creates an agent (default model, embedding and `human`/`persona` blocks when not given); returns its id. */
  override async createAgent(config: CreateAgentRequest = {}): Promise<string> {
    const valid = parseInput(CreateAgentRequestSchema, config, this.#input("agent config", "agents", "create"));
    const embedding = valid.embedding_model ?? this.#options.defaultEmbeddingModel ?? undefined;
    const params: AgentCreateParams = {
      ...convertToLettaAgentParams({
        ...valid,
        model: valid.model ?? this.#options.defaultModel,
        embedding_model: embedding,
        include_base_tools: valid.include_base_tools ?? true,
      }),
      memory_blocks: (valid.memory_blocks ?? DEFAULT_BLOCKS).map((block) => ({ ...block })),
    };
    const agent = await this.#call({ operation: "createAgent" }, () => this.#client.agents.create(params, NO_RETRY));
    return agent.id;
  }

  /** The agent with its memory blocks and tools. */
  override async getAgent(agentId: string): Promise<Agent> {
    const agentIdValue = this.#id(agentId, "agentId", "get");
    const agent = await this.#call({ operation: "getAgent", resource: "agent", resourceId: agentIdValue }, () =>
      this.#client.agents.retrieve(agentIdValue, { include: ["agent.blocks", "agent.tools", "agent.tags"] }),
    );
    return convertLettaAgent(agent, true);
  }

  /** Every agent, all pages, newest first (without blocks and tools: use `getAgent` for those). */
  override async listAgents(): Promise<Agent[]> {
    return this.#call({ operation: "listAgents" }, async () => {
      const agents: Agent[] = [];
      for await (const agent of this.#client.agents.list({ limit: 100, include: ["agent.tags"] })) {
        agents.push(convertLettaAgent(agent, false));
      }
      return agents;
    });
  }

  /** Changes name, description, model, embedding, system prompt, tags or metadata. Use `memory` for blocks. */
  override async updateAgent(agentId: string, changes: CreateAgentRequest): Promise<Agent> {
    const agentIdValue = this.#id(agentId, "agentId", "update");
    const valid = parseInput(UpdateAgentSchema, changes, this.#input("agent changes", "agents", "update"));
    await this.#call({ operation: "updateAgent", resource: "agent", resourceId: agentIdValue }, () =>
      this.#client.agents.update(agentIdValue, convertToLettaAgentParams(valid)),
    );
    return this.getAgent(agentIdValue);
  }

  /** Deletes the agent; Letta deletes its messages, passages and the blocks only it used. */
  override async deleteAgent(agentId: string): Promise<void> {
    const agentIdValue = this.#id(agentId, "agentId", "delete");
    await this.#call({ operation: "deleteAgent", resource: "agent", resourceId: agentIdValue }, () =>
      this.#client.agents.delete(agentIdValue),
    );
  }

  // ---- execution ------------------------------------------------------------------------

  /**
   * Runs one turn and returns its output, tool calls with results, reasoning, usage, stop
   * reason and `metadata.run_id`. Throws a typed error (with `partial`) when the turn failed,
   * and `CancelledError` when `signal` aborted it.
   */
  override async execute(request: ExecuteRequest, options: LettaExecuteOptions = {}): Promise<ExecutionResult> {
    const opts = parseInput(LettaExecuteOptionsSchema, options, this.#input("execute options", "execution", "sync"));
    const streaming = opts.stream ?? true;
    return collectResult(this.#run(request, opts, { streaming, streamTokens: streaming && (opts.streamTokens ?? false) }));
  }

  /**
   * Runs one turn, streaming OpenHarness events. Bad input throws here, before anything is
   * sent. The stream always ends with exactly one `done`; aborting `signal` stops the stream
   * and cancels the run on Letta.
   */
  override executeStream(request: ExecuteRequest, options: LettaExecuteOptions = {}): AsyncIterable<ExecutionEvent> {
    const opts = parseInput(LettaExecuteOptionsSchema, options, this.#input("executeStream options", "execution", "stream"));
    if (opts.stream === false) {
      throw new InvalidRequestError({
        what: "executeStream options",
        issues: [{ path: "stream", message: "only execute() can use the synchronous endpoint" }],
        harness: this.name,
        domain: "execution",
        operation: "stream",
      });
    }
    return this.#run(request, opts, { streaming: true, streamTokens: opts.streamTokens ?? true });
  }

  #run(
    request: ExecuteRequest,
    options: LettaExecuteOptions,
    transport: Pick<LettaSendSettings, "streaming" | "streamTokens">,
  ): AsyncIterable<ExecutionEvent> {
    const operation = transport.streaming ? "stream" : "sync";
    const valid = parseInput(ExecuteRequestSchema, request, this.#input("ExecuteRequest", "execution", operation));
    const agentId = parseInput(AgentIdField, valid, this.#input("ExecuteRequest", "execution", operation)).agent_id;
    const params = convertToLettaMessageParams(valid, {
      ...transport,
      maxSteps: options.maxSteps,
      otid: globalThis.crypto.randomUUID(),
    });
    const mapper = new LettaEventMapper({ includeThinking: options.includeThinking, requestMetadata: valid.metadata });
    const turn = this.#turn(agentId, params, mapper, options.signal);
    return guardEventStream(turn.items, {
      signal: options.signal,
      mapper: {
        // Letta may leave the stream open after a cancel: its stop reason is final.
        push: (item) => {
          const events = mapper.push(item);
          return mapper.stopReason === "cancelled" ? [...events, ...mapper.finish()] : events;
        },
        finish: () => mapper.finish(),
        snapshot: () => mapper.snapshot(),
      },
      // A disconnect alone leaves the run going on Letta: cancel it before reporting `cancelled`.
      onAbort: () => (turn.sent ? this.#cancelRun(agentId, mapper.runId) : undefined),
    });
  }

  /**
   * Letta's items for one turn: the SDK stream's frames, or the synchronous response's messages
   * followed by its stop reason and usage. A plain iterator rather than a generator, so the
   * guard is the only async layer between the SDK and the caller. It also runs the idle
   * watchdog and turns SDK failures into typed errors.
   */
  #turn(
    agentId: string,
    params: ReturnType<typeof convertToLettaMessageParams>,
    mapper: LettaEventMapper,
    signal: AbortSignal | undefined,
  ): { items: AsyncIterable<LettaItem>; readonly sent: boolean } {
    const idleTimeoutMs = this.#options.idleTimeoutMs;
    const controller = new AbortController();
    const context: LettaErrorContext = { operation: "execute", resource: "agent", resourceId: agentId, domain: "execution" };
    // Aborting from a microtask, not straight from a timer or listener: msw's mocked sockets (the
    // emulator) otherwise close after the abort and trip an assertion inside undici. Harmless on a real socket.
    const abortRequest = () => queueMicrotask(() => controller.abort());
    let sent = false;
    let idle = false;
    let lastData = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // One timer per turn, re-armed for what is left of the window, instead of one per frame.
    const watch = () => {
      const quiet = Date.now() - lastData;
      if (quiet < idleTimeoutMs) {
        timer = setTimeout(watch, idleTimeoutMs - quiet);
        return;
      }
      idle = true;
      abortRequest();
    };
    let upstream: AsyncIterator<LettaItem> | undefined;
    const stop = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", abortRequest);
    };
    const fail = (error: unknown) => {
      stop();
      return idle
        ? new StreamInterruptedError({
            harness: this.name,
            message: `Letta sent nothing for ${idleTimeoutMs} ms (not even a keepalive ping)${mapper.runId ? `; run ${mapper.runId} may still be running` : ""}.`,
            runId: mapper.runId,
            cause: error,
          })
        : this.#mapError(error, context);
    };
    const open = async (): Promise<AsyncIterator<LettaItem>> => {
      sent = true;
      signal?.addEventListener("abort", abortRequest, { once: true });
      lastData = Date.now();
      timer = setTimeout(watch, idleTimeoutMs);
      const requestOptions = { ...NO_RETRY, signal: controller.signal };
      if (params.streaming) {
        const stream = await this.#client.agents.messages.create(agentId, { ...params, streaming: true }, requestOptions);
        return (stream as AsyncIterable<LettaItem>)[Symbol.asyncIterator]();
      }
      const response = await this.#client.agents.messages.create(agentId, { ...params, streaming: false }, requestOptions);
      const items = [
        ...(response.messages as unknown as LettaItem[]),
        { message_type: "stop_reason", ...response.stop_reason },
        { ...response.usage, message_type: "usage_statistics" },
      ];
      const each = items[Symbol.iterator]();
      return { next: () => Promise.resolve(each.next()) };
    };
    const received = (step: IteratorResult<LettaItem>) => {
      lastData = Date.now();
      if (step.done) {
        // The SDK ends a stream silently when it is aborted: by the caller, or by the watchdog.
        if (idle) throw fail(undefined);
        stop();
      }
      return step;
    };
    const failed = (error: unknown): never => {
      throw fail(error);
    };
    const iterator: AsyncIterator<LettaItem> = {
      // Promise chains rather than an async function: one microtask less per frame.
      next: () =>
        upstream
          ? upstream.next().then(received, failed)
          : open().then((opened) => {
              upstream = opened;
              return opened.next().then(received, failed);
            }, failed),
      return: async () => {
        stop();
        abortRequest();
        return { done: true, value: undefined };
      },
    };
    return {
      items: { [Symbol.asyncIterator]: () => iterator },
      get sent() {
        return sent;
      },
    };
  }

  /**
   * Cancels the run on Letta. Without a run id (aborted before Letta announced it) Letta cancels
   * the agent's active run. A 409 means nothing was running any more.
   */
  #cancelRun(agentId: string, runId: string | undefined): Promise<unknown> {
    return this.#client.agents.messages.cancel(agentId, runId ? { run_ids: [runId] } : {}, { maxRetries: 0 });
  }

  // ---- memory ---------------------------------------------------------------------------

  override readonly memory = this.defineMemory({
    getBlocks: (agentId) => {
      const agentIdValue = this.#id(agentId, "agentId", "blocks", "memory");
      return this.#call({ operation: "getBlocks", resource: "agent", resourceId: agentIdValue }, async () => {
        const blocks: MemoryBlock[] = [];
        for await (const block of this.#client.agents.blocks.list(agentIdValue, { limit: 100 })) blocks.push(convertLettaBlock(block));
        return blocks;
      });
    },

    getBlock: async (agentId, label) => {
      const agentIdValue = this.#id(agentId, "agentId", "blocks", "memory");
      const labelValue = this.#id(label, "label", "blocks", "memory");
      const block = await this.#call({ operation: "getBlock", resource: "memory_block", resourceId: labelValue }, () =>
        this.#client.agents.blocks.retrieve(labelValue, { agent_id: agentIdValue }),
      );
      return convertLettaBlock(block);
    },

    updateBlock: async (agentId, label, update) => {
      const agentIdValue = this.#id(agentId, "agentId", "blocks", "memory");
      const labelValue = this.#id(label, "label", "blocks", "memory");
      const changes: MemoryBlockUpdate = parseInput(
        MemoryBlockUpdateSchema,
        typeof update === "string" ? { value: update } : update,
        this.#input("memory block update", "memory", "blocks"),
      );
      const block = await this.#call({ operation: "updateBlock", resource: "memory_block", resourceId: labelValue }, () =>
        this.#client.agents.blocks.update(labelValue, { agent_id: agentIdValue, ...changes }),
      );
      return convertLettaBlock(block);
    },

    addBlock: async (agentId, block) => {
      const agentIdValue = this.#id(agentId, "agentId", "blocks", "memory");
      const valid = parseInput(CreateMemoryBlockSchema, block, this.#input("memory block", "memory", "blocks"));
      const existing = await this.memory.getBlocks(agentIdValue);
      if (existing.some((b) => b.label === valid.label)) {
        throw new ConflictError({
          harness: this.name,
          domain: "memory",
          operation: "blocks",
          message: `The agent already has a memory block labelled "${valid.label}".`,
          hint: "Update it with memory.updateBlock, or delete it first.",
        });
      }
      const created = await this.#call({ operation: "addBlock" }, () => this.#client.blocks.create({ ...valid }, NO_RETRY));
      try {
        await this.#call({ operation: "addBlock", resource: "agent", resourceId: agentIdValue }, () =>
          this.#client.agents.blocks.attach(created.id, { agent_id: agentIdValue }),
        );
      } catch (error) {
        // Attaching failed: do not leave an orphaned block behind.
        await this.#client.blocks.delete(created.id).catch(() => undefined);
        throw error;
      }
      return convertLettaBlock(created);
    },

    deleteBlock: async (agentId, label) => {
      const agentIdValue = this.#id(agentId, "agentId", "blocks", "memory");
      const block = await this.memory.getBlock(agentIdValue, label);
      const blockId = block.id as string;
      await this.#call({ operation: "deleteBlock", resource: "memory_block", resourceId: label }, async () => {
        await this.#client.agents.blocks.detach(blockId, { agent_id: agentIdValue });
        // Letta blocks can be shared: delete the block only when no other agent uses it.
        const others = await this.#client.blocks.agents.list(blockId, { limit: 1 });
        if (others.getPaginatedItems().length === 0) await this.#client.blocks.delete(blockId);
      });
    },

    insertPassage: async (agentId, text, options = {}) => {
      const agentIdValue = this.#id(agentId, "agentId", "archive", "memory");
      const textValue = parseInput(PassageTextSchema, text, this.#input("passage text", "memory", "archive"));
      const tags = parseInput(TagsSchema, options.tags, this.#input("passage tags", "memory", "archive"));
      const created = await this.#call({ operation: "insertPassage", resource: "agent", resourceId: agentIdValue }, () =>
        this.#client.agents.passages.create(agentIdValue, { text: textValue, ...(tags ? { tags } : {}) }, NO_RETRY),
      );
      const first = created[0];
      if (!first) throw new NotFoundError({ harness: this.name, message: "Letta created no passage.", resource: "passage" });
      return convertLettaPassage(first);
    },

    listPassages: async (agentId, options: ListPassagesOptions = {}) => {
      const agentIdValue = this.#id(agentId, "agentId", "archive", "memory");
      const query = parseInput(ListPassagesSchema, options, this.#input("list options", "memory", "archive"));
      const passages = await this.#call({ operation: "listPassages", resource: "agent", resourceId: agentIdValue }, () =>
        this.#client.agents.passages.list(agentIdValue, query),
      );
      return passages.map(convertLettaPassage);
    },

    searchPassages: async (agentId, query, options: SearchPassagesOptions = {}): Promise<PassageSearchResult[]> => {
      const agentIdValue = this.#id(agentId, "agentId", "search", "memory");
      const queryValue = this.#id(query, "query", "search", "memory");
      const valid = parseInput(SearchPassagesSchema, options, this.#input("search options", "memory", "search"));
      const found = await this.#call({ operation: "searchPassages", resource: "agent", resourceId: agentIdValue }, () =>
        this.#client.agents.passages.search(agentIdValue, { query: queryValue, ...valid }),
      );
      return found.results.map((result) => {
        const passage: PassageSearchResult = { id: result.id, text: result.content, created_at: result.timestamp };
        if (result.tags?.length) passage.tags = result.tags;
        return passage;
      });
    },

    deletePassage: async (agentId, passageId) => {
      const agentIdValue = this.#id(agentId, "agentId", "archive", "memory");
      const passageIdValue = this.#id(passageId, "passageId", "archive", "memory");
      await this.#call({ operation: "deletePassage", resource: "passage", resourceId: passageIdValue }, () =>
        this.#client.agents.passages.delete(passageIdValue, { agent_id: agentIdValue }),
      );
    },
  });

  // ---- tools ----------------------------------------------------------------------------

  /** Every tool on the server, or only an agent's with `{ agent_id }`. */
  override async listTools(options: ListToolsOptions = {}): Promise<Tool[]> {
    const agentId = options.agent_id === undefined ? undefined : this.#id(options.agent_id, "agent_id", "list", "tools");
    return this.#call({ operation: "listTools", resource: agentId ? "agent" : undefined, resourceId: agentId }, async () => {
      const tools: Tool[] = [];
      const pages = agentId ? this.#client.agents.tools.list(agentId, { limit: 100 }) : this.#client.tools.list({ limit: 100 });
      for await (const tool of pages) tools.push(convertLettaTool(tool));
      return tools;
    });
  }

  /**
   * Registers a Python tool. Letta derives the name and argument schema from the function's
   * signature and Google-style docstring; `name`, when given, must match the function.
   */
  override async registerTool(request: LettaRegisterToolRequest): Promise<Tool> {
    const valid = parseInput(RegisterToolSchema, request, this.#input("tool registration", "tools", "register"));
    const functionName = /\bdef\s+(\w+)\s*\(/.exec(valid.source_code)?.[1];
    if (valid.name !== undefined && valid.name !== functionName) {
      throw new InvalidRequestError({
        what: "tool registration",
        issues: [{ path: "name", message: `expected the name of the function in source_code ("${functionName}"), as Letta names tools after it` }],
        harness: this.name,
        domain: "tools",
        operation: "register",
      });
    }
    const { agent_id, name: _name, input_schema, ...body } = valid;
    const tool = await this.#call({ operation: "registerTool" }, () =>
      this.#client.tools.create(
        {
          ...body,
          source_type: "python",
          ...(input_schema ? { json_schema: { name: functionName, description: valid.description ?? "", parameters: input_schema } } : {}),
        },
        NO_RETRY,
      ),
    );
    if (agent_id) {
      await this.#call({ operation: "registerTool", resource: "agent", resourceId: agent_id }, () =>
        this.#client.agents.tools.attach(tool.id, { agent_id }),
      );
    }
    return convertLettaTool(tool);
  }

  override async unregisterTool(toolId: string): Promise<void> {
    const toolIdValue = this.#id(toolId, "toolId", "unregister", "tools");
    await this.#call({ operation: "unregisterTool", resource: "tool", resourceId: toolIdValue }, () =>
      this.#client.tools.delete(toolIdValue),
    );
  }

  // ---- plumbing -------------------------------------------------------------------------

  #input(what: string, domain: string, operation: string) {
    return { what, harness: this.name, domain, operation };
  }

  /** A checked id or label; the error names the argument (`agentId: expected a Letta agent id ...`). */
  #id(value: unknown, what: string, operation: string, domain = "agents"): string {
    return parseInput(argumentSchema(what), { [what]: value }, this.#input(what, domain, operation))[what] as string;
  }

  #mapError(error: unknown, context: LettaErrorContext): unknown {
    return mapLettaError(error, { ...context, secret: this.#options.apiKey });
  }

  async #call<T>(context: LettaErrorContext, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw this.#mapError(error, context);
    }
  }

  /** Nothing secret: the adapter shows as its identity and server. */
  toJSON(): JsonObject {
    return { id: this.id, name: this.name, version: this.version, baseUrl: this.baseUrl };
  }
}
