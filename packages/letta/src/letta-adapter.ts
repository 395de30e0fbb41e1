import type Letta from "@letta-ai/letta-client";
import {
  type CapabilityDeclarations,
  collectResult,
  type ListToolsOptions,
  HarnessAdapterBase,
  type MemoryOperations,
  type SessionOperations,
} from "@openharness/adapter-kit";
import type {
  Agent,
  ApprovalResponse,
  ExecuteRequest,
  ExecutionEvent,
  ExecutionResult,
  JsonObject,
  Tool,
} from "@openharness/types";
import { createLettaClient } from "./create-letta-client";
import { lettaSessions } from "./letta-sessions";
import type { LettaCreateAgentRequest, LettaUpdateAgentRequest } from "./letta-agent-settings";
import { attachLettaTool, detachLettaTool } from "./letta-agent-tools";
import { type LettaAdapterOptions, resolveLettaOptions } from "./letta-adapter-options";
import { createLettaAgent, deleteLettaAgent, getLettaAgent, listLettaAgents, updateLettaAgent } from "./letta-agents";
import { lettaArchivalPassages } from "./letta-archival-passages";
import { LETTA_CAPABILITIES } from "./letta-capabilities";
import { createLettaContext, type LettaContext } from "./letta-context";
import { type LettaExecuteOptions, parseLettaExecuteOptions, runLettaTurn } from "./letta-execution";
import { type JoinRunRequest, joinLettaRun } from "./letta-join-run";
import { lettaMemoryBlocks } from "./letta-memory-blocks";
import { respondToLettaApproval } from "./letta-respond-to-approval";
import { type LettaRegisterToolRequest, listLettaTools, registerLettaTool, unregisterLettaTool } from "./letta-tools";
import { VERSION } from "./version";

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
  // A private field: neither the client nor the key shows in util.inspect or JSON.stringify.
  readonly #ctx: LettaContext;
  /** Core memory (blocks) and archival memory (passages). */
  override readonly memory: MemoryOperations;
  /** Sessions are Letta conversations: separate histories, the agent's memory shared. */
  override readonly sessions: SessionOperations;

  /** Reads `LETTA_API_KEY`/`LETTA_BASE_URL` now when not given; throws `InvalidRequestError` on bad options. */
  constructor(options: LettaAdapterOptions = {}) {
    super();
    const resolved = resolveLettaOptions(options);
    this.#ctx = createLettaContext(createLettaClient(resolved), resolved);
    this.memory = this.defineMemory({ ...lettaMemoryBlocks(this.#ctx), ...lettaArchivalPassages(this.#ctx) });
    this.sessions = this.defineSessions(lettaSessions(this.#ctx));
  }

  /** The server this adapter talks to. */
  get baseUrl(): string {
    return this.#ctx.client.baseURL;
  }

  /** The underlying `@letta-ai/letta-client`, for Letta features outside the contract. */
  get client(): Letta {
    return this.#ctx.client;
  }

  protected declareCapabilities(): CapabilityDeclarations {
    return LETTA_CAPABILITIES;
  }

  /**
   * Creates an agent (default model, embedding and `human`/`persona` blocks when not given); returns
   * its id. Letta's own settings go under `letta` (`model_settings`, `tool_rules`, `block_ids`, ...).
   */
  override createAgent(config: LettaCreateAgentRequest = {}): Promise<string> {
    return createLettaAgent(this.#ctx, config);
  }

  /** The agent with its memory blocks and tools. */
  override getAgent(agentId: string): Promise<Agent> {
    return getLettaAgent(this.#ctx, agentId);
  }

  /** Every agent, all pages, newest first (without blocks and tools: use `getAgent` for those). */
  override listAgents(): Promise<Agent[]> {
    return listLettaAgents(this.#ctx);
  }

  /**
   * Changes name, description, model, embedding, system prompt, tags, metadata or Letta settings
   * (`letta`). Use `memory` for blocks and `attachTool`/`detachTool` for tools.
   */
  override updateAgent(agentId: string, changes: LettaUpdateAgentRequest): Promise<Agent> {
    return updateLettaAgent(this.#ctx, agentId, changes);
  }

  /** Deletes the agent; Letta deletes its messages, passages and the blocks only it used. */
  override deleteAgent(agentId: string): Promise<void> {
    return deleteLettaAgent(this.#ctx, agentId);
  }

  /**
   * Runs one turn and returns its output, tool calls with results, reasoning, usage, stop
   * reason and `metadata.run_id`. Throws a typed error (with `partial`) when the turn failed,
   * and `CancelledError` when `signal` aborted it.
   */
  override async execute(request: ExecuteRequest, options: LettaExecuteOptions = {}): Promise<ExecutionResult> {
    const valid = parseLettaExecuteOptions(options, "sync");
    return collectResult(runLettaTurn(this.#ctx, request, valid.options, valid.transport));
  }

  /**
   * Runs one turn, streaming OpenHarness events. Bad input throws here, before anything is
   * sent. The stream always ends with exactly one `done`; aborting `signal` stops the stream
   * and cancels the run on Letta.
   */
  override executeStream(request: ExecuteRequest, options: LettaExecuteOptions = {}): AsyncIterable<ExecutionEvent> {
    const valid = parseLettaExecuteOptions(options, "stream");
    return runLettaTurn(this.#ctx, request, valid.options, valid.transport);
  }

  /**
   * Answers a pending approval (the `approval_request` of a turn that ended with `stop_reason:
   * "requires_approval"`, or of a `PendingApprovalError`) and streams the rest of the turn.
   * Works from any process: the pending request is read from Letta.
   */
  override respondToApproval(
    response: ApprovalResponse,
    options: LettaExecuteOptions = {},
  ): AsyncIterable<ExecutionEvent> {
    return respondToLettaApproval(this.#ctx, response, options);
  }

  /**
   * Joins a turn already running on Letta and streams its events from the start, sending nothing:
   * another process, or a reloaded page, follows the turn in flight (a send to a busy session
   * fails with `AgentBusyError` naming the run). Ends with one `done`, like `executeStream`.
   */
  joinRun(request: JoinRunRequest, options: LettaExecuteOptions = {}): AsyncIterable<ExecutionEvent> {
    return joinLettaRun(this.#ctx, request, options);
  }

  /** Every tool on the server, or only an agent's with `{ agentId }`. */
  override listTools(options: ListToolsOptions = {}): Promise<Tool[]> {
    return listLettaTools(this.#ctx, options);
  }

  /**
   * Registers a Python tool. Letta derives the name and argument schema from the function's
   * signature and Google-style docstring; `name`, when given, must match the function.
   */
  override registerTool(request: LettaRegisterToolRequest): Promise<Tool> {
    return registerLettaTool(this.#ctx, request);
  }

  /** Attaches an existing tool (`tool-<uuid>`, from `listTools` or `registerTool`) to an agent. */
  attachTool(agentId: string, toolId: string): Promise<void> {
    return attachLettaTool(this.#ctx, agentId, toolId);
  }

  /** Detaches a tool from an agent; the tool stays on the server. */
  detachTool(agentId: string, toolId: string): Promise<void> {
    return detachLettaTool(this.#ctx, agentId, toolId);
  }

  /** Deletes a tool from the server. */
  override unregisterTool(toolId: string): Promise<void> {
    return unregisterLettaTool(this.#ctx, toolId);
  }

  /** Nothing secret: the adapter shows as its identity and server. */
  toJSON(): JsonObject {
    return { id: this.id, name: this.name, version: this.version, baseUrl: this.baseUrl };
  }
}
