import {
  type CapabilityDeclarations,
  collectResult,
  type ExecuteOptions,
  guardEventStream,
  HarnessAdapterBase,
  InvalidRequestError,
  parseInput,
  UnsupportedFeatureError,
} from "@openharness/adapter-kit";
import {
  type Agent,
  type CreateAgentRequest,
  CreateAgentRequestSchema,
  type CreateMemoryBlock,
  type ExecuteRequest,
  ExecuteRequestSchema,
  type ExecutionEvent,
  type ExecutionResult,
  type JsonObject,
} from "@openharness/types";
import { z } from "zod";
import { UpdateAgentSchema } from "../letta-input-schemas";
import { VERSION } from "../version";
import { AppServerConnection } from "./app-server-connection";
import type { AppServerAgent, AppServerConversation, AppServerInfo, AppServerMessage } from "./app-server-messages";
import { convertAppServerAgent, toAppServerAgentBody } from "./convert-app-server-agent";
import { LETTA_LOCAL_CAPABILITIES } from "./letta-local-capabilities";
import {
  type LettaLocalAdapterOptions,
  MEMORY_TOOL,
  type ResolvedLettaLocalOptions,
  resolveLettaLocalOptions,
} from "./letta-local-options";
import { LocalMemory } from "./local-memory";
import type { LocalApprovalHandler, LocalClientTool, LocalToolPlan } from "./local-tool-policy";
import { LocalTurn } from "./local-turn";
import { LocalTurnMapper } from "./local-turn-mapper";
import { type AppServerFailureContext, mapAppServerFailure } from "./map-app-server-failure";

const HARNESS = "Letta (local)";

/** Options of `execute`/`executeStream` on the local backend. */
export interface LettaLocalExecuteOptions extends ExecuteOptions {
  /** TypeScript tools the agent may call in this turn, run in this process (App Server `external_tools`). */
  clientTools?: LocalClientTool[];
  /** Decides on host tool calls (enabled with `hostTools`); without it they are denied. */
  onApproval?: LocalApprovalHandler;
}

/** A conversation of an agent: the local backend's session. */
export interface LocalSession {
  id: string;
  agent_id: string;
  created_at?: string;
}

const DEFAULT_BLOCKS: CreateMemoryBlock[] = [
  { label: "human", value: "What I know about the user:" },
  { label: "persona", value: "I am a helpful assistant with a persistent memory." },
];

const toSession = (conversation: AppServerConversation, agentId: string): LocalSession => ({
  id: conversation.id,
  agent_id: conversation.agent_id ?? agentId,
  ...(conversation.created_at ? { created_at: conversation.created_at } : {}),
});

/** The agent's own conversation, used when a request names no session. */
const DEFAULT_CONVERSATION = "default";

const AgentId = z.string().regex(/^agent-[A-Za-z0-9-]+$/, "expected a Letta agent id (agent-local-<uuid>)");
const ToolSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/, "expected a tool name of letters, digits, '_' and '-'"),
  description: z.string().min(1),
  input_schema: z.record(z.string(), z.unknown()),
  execute: z.custom<LocalClientTool["execute"]>((value) => typeof value === "function", "expected a function"),
});
const ExecuteOptionsSchema = z.strictObject({
  signal: z.instanceof(AbortSignal).optional(),
  includeThinking: z.boolean().optional(),
  clientTools: z
    .array(ToolSchema)
    .optional()
    .superRefine((tools, ctx) => {
      const names = (tools ?? []).map((tool) => tool.name);
      names.forEach((name, index) => {
        if (name === MEMORY_TOOL || names.indexOf(name) !== index)
          ctx.addIssue({
            code: "custom",
            path: [index, "name"],
            message: `"${name}" is taken: tool names must be unique and not "memory"`,
          });
      });
    }),
  onApproval: z.custom<LocalApprovalHandler>((value) => typeof value === "function", "expected a function").optional(),
});

/** Request fields the App Server cannot honour per turn, with why and what to do instead. */
const UNSUPPORTED_REQUEST_FIELDS: Partial<
  Record<keyof ExecuteRequest, { domain: string; reason: string; workaround: string }>
> = {
  model: {
    domain: "models",
    reason: "the App Server has no per-turn model override",
    workaround: "updateAgent(agentId, { model })",
  },
  system_prompt: {
    domain: "execution",
    reason: "the App Server has no per-turn system prompt",
    workaround: "updateAgent(agentId, { system_prompt })",
  },
  max_tokens: {
    domain: "execution",
    reason: "the App Server takes no per-turn output limit",
    workaround: "configure the model in Letta Code",
  },
  temperature: {
    domain: "execution",
    reason: "the App Server takes no per-turn sampling settings",
    workaround: "configure the model in Letta Code",
  },
  skills: {
    domain: "skills",
    reason: "Letta Code skills are not exposed through this adapter",
    workaround: "use clientTools",
  },
};

/**
 * The OpenHarness adapter for local Letta: a Letta Code App Server (`letta server --listen`)
 * over its WebSocket protocol, with the platform's global `WebSocket`. Agents, their memfs
 * memory blocks, and turns with the same events as the REST adapter.
 *
 * ```ts
 * const adapter = new LettaLocalAdapter({ url: "ws://127.0.0.1:4500" });
 * const agentId = await adapter.createAgent({ name: "my-assistant", model: "ollama/llama3.2" });
 * const { output } = await adapter.execute({ message: "Hello!", agent_id: agentId });
 * ```
 */
export class LettaLocalAdapter extends HarnessAdapterBase {
  readonly id = "letta-local";
  readonly name = HARNESS;
  readonly version = VERSION;
  readonly #options: ResolvedLettaLocalOptions;
  readonly #connection: AppServerConnection;
  /** Turns in flight per conversation: the App Server queues a second input, which would mix their events. */
  readonly #busy = new Map<string, Promise<void>>();

  /** Reads `LETTA_LOCAL_URL`/`LETTA_LOCAL_MODEL` now when not given; throws `InvalidRequestError` on bad options. */
  constructor(options: LettaLocalAdapterOptions = {}) {
    super();
    this.#options = resolveLettaLocalOptions(options);
    this.#connection = new AppServerConnection(this.#options);
  }

  /** The App Server's WebSocket URL. */
  get url(): string {
    return this.#options.url;
  }

  /** Connects (if not connected) and returns what the App Server says about itself. */
  serverInfo(): Promise<AppServerInfo> {
    return this.#connection.open();
  }

  /** Closes the WebSocket. The next call opens a new one. */
  close(): void {
    this.#connection.close();
  }

  protected declareCapabilities(): CapabilityDeclarations {
    return LETTA_LOCAL_CAPABILITIES;
  }

  // ---- agents ---------------------------------------------------------------------------

  /** Creates an agent (`human`/`persona` blocks when none are given); returns its id. */
  override async createAgent(config: CreateAgentRequest = {}): Promise<string> {
    const valid = parseInput(CreateAgentRequestSchema, config, this.#input("agent config", "agents", "create"));
    this.#rejectAgentFields(valid, "create");
    const blocks = valid.memory_blocks ?? DEFAULT_BLOCKS;
    for (const [index, block] of blocks.entries())
      this.memoryStore.checkBlockFields(block, `memory_blocks[${index}]`, "create");
    const model = valid.model ?? this.#options.defaultModel;
    const response = await this.#ask(
      { type: "agent_create", body: toAppServerAgentBody({ ...valid, ...(model ? { model } : {}) }, blocks) },
      { operation: "agent_create", domain: "agents" },
    );
    const agent = response.agent as AppServerAgent;
    // agent_create keeps label, value and description; a limit goes into the block's front-matter.
    try {
      for (const block of blocks)
        if (block.limit !== undefined) await this.memoryStore.writeBlock(agent.id, block, undefined);
    } catch (error) {
      await this.#ask({ type: "agent_delete", agent_id: agent.id }, { operation: "agent_delete" }).catch(
        () => undefined,
      );
      throw error;
    }
    return agent.id;
  }

  /** The agent with its memory blocks (its memfs `system/<label>.md` files). */
  override async getAgent(agentId: string): Promise<Agent> {
    const id = this.#agentId(agentId, "get");
    const response = await this.#ask(
      { type: "agent_retrieve", agent_id: id },
      { operation: "agent_retrieve", resource: "agent", resourceId: id },
    );
    return convertAppServerAgent(response.agent as AppServerAgent, await this.memoryStore.list(id));
  }

  /** Every agent on the App Server (without blocks: use `getAgent`). */
  override async listAgents(): Promise<Agent[]> {
    const response = await this.#ask({ type: "agent_list" }, { operation: "agent_list", domain: "agents" });
    return ((response.agents as AppServerAgent[] | undefined) ?? []).map((agent) => convertAppServerAgent(agent));
  }

  /** Changes name, description, model, system prompt, tags or metadata. Use `memory` for blocks. */
  override async updateAgent(agentId: string, changes: CreateAgentRequest): Promise<Agent> {
    const id = this.#agentId(agentId, "update");
    const valid = parseInput(UpdateAgentSchema, changes, this.#input("agent changes", "agents", "update"));
    this.#rejectAgentFields(valid, "update");
    await this.#ask(
      { type: "agent_update", agent_id: id, body: toAppServerAgentBody(valid) },
      { operation: "agent_update", resource: "agent", resourceId: id },
    );
    return this.getAgent(id);
  }

  /** Deletes the agent with its conversations and memory. */
  override async deleteAgent(agentId: string): Promise<void> {
    const id = this.#agentId(agentId, "delete");
    await this.#ask(
      { type: "agent_delete", agent_id: id },
      { operation: "agent_delete", resource: "agent", resourceId: id },
    );
  }

  // ---- execution ------------------------------------------------------------------------

  /** Runs one turn and returns its result; rejects with a typed error when it failed or was cancelled. */
  override async execute(request: ExecuteRequest, options: LettaLocalExecuteOptions = {}): Promise<ExecutionResult> {
    return collectResult(this.executeStream(request, options));
  }

  /**
   * Runs one turn, streaming OpenHarness events. Bad input throws here, before anything is
   * sent. The stream ends with exactly one `done`; aborting `signal` cancels the turn on the
   * App Server (`abort_message`) before the cancelled `done`.
   */
  override executeStream(
    request: ExecuteRequest,
    options: LettaLocalExecuteOptions = {},
  ): AsyncIterable<ExecutionEvent> {
    const opts = parseInput(ExecuteOptionsSchema, options, this.#input("executeStream options", "execution", "stream"));
    const valid = parseInput(ExecuteRequestSchema, request, this.#input("ExecuteRequest", "execution", "stream"));
    const agentId = parseInput(
      z.object({ agent_id: AgentId }),
      valid,
      this.#input("ExecuteRequest", "execution", "stream"),
    ).agent_id;
    for (const [field, unsupported] of Object.entries(UNSUPPORTED_REQUEST_FIELDS)) {
      if (valid[field as keyof ExecuteRequest] !== undefined && unsupported) {
        throw new UnsupportedFeatureError({ harness: HARNESS, operation: field, ...unsupported });
      }
    }
    const plan = this.#toolPlan(valid.tools, opts.clientTools ?? [], opts.onApproval);
    const conversationId = valid.session_id ?? DEFAULT_CONVERSATION;
    const mapper = new LocalTurnMapper({
      includeThinking: opts.includeThinking,
      requestMetadata: valid.metadata,
      conversationId,
    });
    let turn: LocalTurn | undefined;
    const key = `${agentId}/${conversationId}`;
    const connection = this.#connection;
    const busy = this.#busy;
    const source: AsyncIterable<AppServerMessage> = {
      [Symbol.asyncIterator]: () => {
        const previous = busy.get(key) ?? Promise.resolve();
        turn = new LocalTurn(
          connection,
          { agentId, conversationId, message: valid.message, plan, signal: opts.signal },
          mapper,
        );
        const current = turn;
        const settled = previous.then(() => current.settled);
        busy.set(key, settled);
        void settled.then(() => {
          if (busy.get(key) === settled) busy.delete(key);
        });
        const inner = current[Symbol.asyncIterator]();
        let waited = false;
        return {
          next: async () => {
            if (!waited) {
              waited = true;
              await previous;
            }
            return inner.next();
          },
          return: () => inner.return?.() ?? Promise.resolve({ done: true, value: undefined }),
        };
      },
    };
    return guardEventStream(source, {
      signal: opts.signal,
      mapper,
      onAbort: () => turn?.abort(),
    });
  }

  #toolPlan(
    requested: string[] | undefined,
    clientTools: LocalClientTool[],
    onApproval: LocalApprovalHandler | undefined,
  ): LocalToolPlan {
    const available = [MEMORY_TOOL, ...this.#options.hostTools, ...clientTools.map((tool) => tool.name)];
    const unknown = (requested ?? []).filter((name) => !available.includes(name));
    if (unknown.length > 0) {
      throw new InvalidRequestError({
        what: "ExecuteRequest",
        harness: HARNESS,
        domain: "execution",
        operation: "stream",
        issues: [
          {
            path: "tools",
            message: `${unknown.join(", ")} not available: this turn can use ${available.join(", ")} (host tools need the hostTools option, your own tools clientTools)`,
          },
        ],
      });
    }
    return {
      // The allowlist also filters external tools: they must be on it for the model to see them.
      allowlist: requested ?? available,
      clientTools: new Map(clientTools.map((tool) => [tool.name, tool])),
      ...(onApproval ? { onApproval } : {}),
    };
  }

  // ---- memory and sessions ----------------------------------------------------------------

  /** Memory blocks as memfs files; the plumbing `memory` is built on. */
  protected readonly memoryStore = new LocalMemory({
    request: (command, context) => this.#ask(command, context),
    checkAgentId: (agentId, operation) => this.#agentId(agentId, operation, "memory"),
  });

  override readonly memory = this.defineMemory(this.memoryStore.operations());

  /** The App Server's conversations: `create`, and `get` to continue one (its `id` as `session_id`). */
  override readonly sessions = this.defineSessions({
    /** A new conversation of the agent; pass its `id` as `session_id` to run turns in it. */
    create: async (agentId: string): Promise<LocalSession> => {
      const id = this.#agentId(agentId, "create", "sessions");
      const response = await this.#ask(
        { type: "conversation_create", body: { agent_id: id } },
        { operation: "conversation_create", domain: "sessions", resource: "agent", resourceId: id },
      );
      return toSession(response.conversation as AppServerConversation, id);
    },
    /** An existing conversation, to continue with `session_id`; `NotFoundError` when there is none. */
    get: async (sessionId: string): Promise<LocalSession> => {
      const id = parseInput(
        z.object({ sessionId: z.string().min(1) }),
        { sessionId },
        this.#input("sessionId", "sessions", "resume"),
      ).sessionId;
      const response = await this.#ask(
        { type: "conversation_retrieve", conversation_id: id },
        { operation: "conversation_retrieve", domain: "sessions", resource: "session", resourceId: id },
      );
      const conversation = response.conversation as AppServerConversation;
      return toSession(conversation, conversation.agent_id ?? "");
    },
  });

  // ---- plumbing -------------------------------------------------------------------------

  #rejectAgentFields(config: CreateAgentRequest, operation: string): void {
    const rejected: [keyof CreateAgentRequest, string, string][] = [
      ["embedding_model", "the local backend has no embeddings (no archival memory)", "leave it out"],
      ["tools", "the App Server has no server-side tool registry", "pass clientTools to execute, or enable hostTools"],
      [
        "include_base_tools",
        "Letta Code decides the base tools; host tools are off unless hostTools enables them",
        "use the hostTools option",
      ],
    ];
    for (const [field, reason, workaround] of rejected) {
      if (config[field] !== undefined)
        throw new UnsupportedFeatureError({
          harness: HARNESS,
          domain: "agents",
          operation,
          reason: `${field}: ${reason}`,
          workaround,
        });
    }
  }

  async #ask(
    command: { type: string; [key: string]: unknown },
    context: AppServerFailureContext,
  ): Promise<AppServerMessage> {
    const response = await this.#connection.request(command);
    if (response.success === false) throw mapAppServerFailure(response.error, context);
    return response;
  }

  #input(what: string, domain: string, operation: string) {
    return { what, harness: HARNESS, domain, operation };
  }

  #agentId(value: unknown, operation: string, domain = "agents"): string {
    return parseInput(z.object({ agentId: AgentId }), { agentId: value }, this.#input("agentId", domain, operation))
      .agentId;
  }

  /** Nothing secret: the adapter shows as its identity and server. */
  toJSON(): JsonObject {
    return { id: this.id, name: this.name, version: this.version, url: this.url };
  }
}
