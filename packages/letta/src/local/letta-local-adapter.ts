import {
  type CapabilityDeclarations,
  collectResult,
  guardEventStream,
  HarnessAdapterBase,
  InvalidRequestError,
  type OperationKey,
} from "@openharness/adapter-kit";
import {
  type Agent,
  type CreateAgentRequest,
  CreateAgentRequestSchema,
  type ExecuteRequest,
  ExecuteRequestSchema,
  type ExecutionEvent,
  type ExecutionResult,
  type JsonObject,
} from "@openharness/types";
import * as z from "zod";
import { type AgentChanges, AgentChangesSchema } from "../letta-agent-settings";
import { rejectUnsupportedFields } from "../reject-unsupported-fields";
import { VERSION } from "../version";
import { AppServerConnection } from "./app-server-connection";
import type { AppServerAgent, AppServerInfo, AppServerMessage } from "./app-server-messages";
import { ConversationQueue } from "./conversation-queue";
import { convertAppServerAgent, toAppServerAgentBody } from "./convert-app-server-agent";
import { LETTA_LOCAL_CAPABILITIES } from "./letta-local-capabilities";
import {
  type LettaLocalAdapterOptions,
  type ResolvedLettaLocalOptions,
  resolveLettaLocalOptions,
} from "./letta-local-options";
import { LOCAL_DEFAULT_BLOCKS, rejectLocalAgentFields } from "./local-agent-fields";
import {
  LOCAL_UNSUPPORTED_REQUEST_FIELDS,
  LocalExecuteOptionsSchema,
  type LettaLocalExecuteOptions,
} from "./local-execute-options";
import { LocalMemory } from "./local-memory";
import { localSessions } from "./local-sessions";
import { planLocalTools } from "./local-tool-policy";
import { LocalTurn } from "./local-turn";
import { LocalTurnMapper } from "./local-turn-mapper";
import { type AppServerFailureContext, mapAppServerFailure } from "./map-app-server-failure";

const HARNESS = "Letta (local)";

/** A conversation of an agent: the local backend's session. */
/** The agent's own conversation, used when a request names no session. */
const DEFAULT_CONVERSATION = "default";

const AgentId = z.string().regex(/^agent-[A-Za-z0-9-]+$/, "expected a Letta agent id (agent-local-<uuid>)");

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
  readonly #queue = new ConversationQueue();

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
    const valid = this.parse(CreateAgentRequestSchema, config, { what: "agent config", operation: "agents.create" });
    rejectLocalAgentFields(valid, "create", HARNESS);
    const blocks = valid.memory_blocks ?? LOCAL_DEFAULT_BLOCKS;
    for (const [index, block] of blocks.entries()) this.memoryStore.checkBlockFields(block, `memory_blocks[${index}]`);
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
  override async updateAgent(agentId: string, changes: AgentChanges): Promise<Agent> {
    const id = this.#agentId(agentId, "update");
    const valid = this.parse(AgentChangesSchema, changes, { what: "agent changes", operation: "agents.update" });
    rejectLocalAgentFields(valid, "update", HARNESS);
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
    const opts = this.parse(LocalExecuteOptionsSchema, options, {
      what: "executeStream options",
      operation: "execution.stream",
    });
    const valid = this.parse(ExecuteRequestSchema, request, { what: "ExecuteRequest", operation: "execution.stream" });
    const agentId = this.parse(z.object({ agent_id: AgentId }), valid, {
      what: "ExecuteRequest",
      operation: "execution.stream",
    }).agent_id;
    rejectUnsupportedFields(valid, LOCAL_UNSUPPORTED_REQUEST_FIELDS, HARNESS);
    const plan = planLocalTools(valid.tools, this.#options.hostTools, opts.clientTools ?? [], opts.onApproval);
    if ("unknown" in plan) {
      throw new InvalidRequestError({
        what: "ExecuteRequest",
        harness: HARNESS,
        domain: "execution",
        operation: "stream",
        issues: [
          {
            path: "tools",
            message: `${plan.unknown.join(", ")} not available: this turn can use ${plan.available.join(", ")} (host tools need the hostTools option, your own tools clientTools)`,
          },
        ],
      });
    }
    const conversationId = valid.session_id ?? DEFAULT_CONVERSATION;
    const mapper = new LocalTurnMapper({
      includeThinking: opts.includeThinking,
      requestMetadata: valid.metadata,
      conversationId,
    });
    let turn: LocalTurn | undefined;
    const source = this.#queue.enqueue(`${agentId}/${conversationId}`, () => {
      turn = new LocalTurn(
        this.#connection,
        { agentId, conversationId, message: valid.message, plan, signal: opts.signal },
        mapper,
      );
      return { events: turn, settled: turn.settled };
    });
    return guardEventStream(source, { signal: opts.signal, mapper, onAbort: () => turn?.abort() });
  }

  // ---- memory and sessions ----------------------------------------------------------------

  /** Memory blocks as memfs files; the plumbing `memory` is built on. */
  protected readonly memoryStore = new LocalMemory({
    request: (command, context) => this.#ask(command, context),
    checkAgentId: (agentId, operation) => this.#agentId(agentId, operation, "memory"),
  });

  override readonly memory = this.defineMemory(this.memoryStore.operations());

  /** The App Server's conversations: create, get, list, fork and history (its `id` as `session_id` continues one). */
  override readonly sessions = this.defineSessions(
    localSessions({
      request: (command, context) => this.#ask(command, context),
      checkAgentId: (agentId, operation) => this.#agentId(agentId, operation, "sessions"),
    }),
  );

  // ---- plumbing -------------------------------------------------------------------------

  async #ask(
    command: { type: string; [key: string]: unknown },
    context: AppServerFailureContext,
  ): Promise<AppServerMessage> {
    const response = await this.#connection.request(command);
    if (response.success === false) throw mapAppServerFailure(response.error, context);
    return response;
  }

  #agentId(value: unknown, operation: string, domain = "agents"): string {
    const key = `${domain}.${operation}` as OperationKey;
    return this.parse(z.object({ agentId: AgentId }), { agentId: value }, { what: "agentId", operation: key }).agentId;
  }

  /** Nothing secret: the adapter shows as its identity and server. */
  toJSON(): JsonObject {
    return { id: this.id, name: this.name, version: this.version, url: this.url };
  }
}
