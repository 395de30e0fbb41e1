import { CancelledError, HarnessApiError, StreamInterruptedError } from "@openharness/adapter-kit";
import type { JsonObject } from "@openharness/types";
import type { AppServerConnection } from "./app-server-connection";
import {
  type AppServerMessage,
  type AppServerRuntime,
  type ControlRequestMessage,
  type ExternalToolCallRequestMessage,
  isForRuntime,
} from "./app-server-messages";
import { decideToolCall, type LocalToolPlan, runClientTool } from "./local-tool-policy";
import type { LocalTurnMapper } from "./local-turn-mapper";
import { mapAppServerFailure } from "./map-app-server-failure";

const HARNESS = "Letta (local)";

/** What one turn sends. */
export interface LocalTurnRequest {
  agentId: string;
  /** The conversation (`default` is the agent's own). */
  conversationId: string;
  message: string;
  plan: LocalToolPlan;
  /** Aborting cancels the turn on the App Server too. */
  signal?: AbortSignal;
}

/**
 * One turn on the App Server: `runtime_start` (with the turn's external tools), `input`, then
 * every message of that runtime until `turn_finished`, as an async iterable of frames for the
 * stream guard. Approval requests and external tool calls are answered here, as they arrive.
 */
export class LocalTurn implements AsyncIterable<AppServerMessage> {
  readonly #connection: AppServerConnection;
  readonly #request: LocalTurnRequest;
  readonly #mapper: LocalTurnMapper;
  readonly #frames: AppServerMessage[] = [];
  #wake: (() => void) | undefined;
  #failure: unknown;
  #ended = false;
  #runtime: AppServerRuntime | undefined;
  #started: Promise<void> | undefined;
  #sent = false;
  #finished: Promise<void>;
  #resolveFinished!: () => void;
  readonly #cleanup: (() => void)[] = [];
  readonly #tools = new AbortController();

  constructor(connection: AppServerConnection, request: LocalTurnRequest, mapper: LocalTurnMapper) {
    this.#connection = connection;
    this.#request = request;
    this.#mapper = mapper;
    this.#finished = new Promise((resolve) => {
      this.#resolveFinished = resolve;
    });
  }

  /** Settles when the App Server reported the turn finished, or the turn can no longer finish. */
  get settled(): Promise<void> {
    return this.#finished;
  }

  [Symbol.asyncIterator](): AsyncIterator<AppServerMessage> {
    return {
      next: async () => {
        this.#started ??= this.#start().catch((error: unknown) => this.#fail(error));
        for (;;) {
          const frame = this.#frames.shift();
          if (frame) return { done: false, value: frame };
          if (this.#failure !== undefined) throw this.#failure;
          if (this.#ended) return { done: true, value: undefined };
          await new Promise<void>((resolve) => {
            this.#wake = resolve;
          });
        }
      },
      return: async () => {
        // The consumer stopped reading: a turn still running on the App Server is aborted.
        if (!this.#ended && this.#failure === undefined) void this.abort();
        return { done: true, value: undefined };
      },
    };
  }

  /**
   * Cancels the turn: `abort_message` for its current run, confirmed by `turn_finished:
   * cancelled`. When the App Server answers `aborted: false` (seen when the same socket runs
   * another conversation), the abort is repeated for the runtime without a run id.
   */
  async abort(): Promise<{ confirmed: boolean }> {
    this.#tools.abort();
    if (!this.#sent || !this.#runtime) {
      this.#close();
      return { confirmed: true };
    }
    const runtime = this.#runtime;
    const ask = (runId: string | undefined) =>
      this.#connection
        .request<AppServerMessage>({ type: "abort_message", runtime, ...(runId ? { run_id: runId } : {}) })
        .then(
          (response) => response.aborted === true,
          () => false,
        );
    let aborted = await ask(this.#mapper.currentRunId);
    if (!aborted && this.#mapper.finished === undefined) aborted = await ask(undefined);
    await this.#finished;
    return { confirmed: aborted || this.#mapper.finished?.stop_reason === "cancelled" };
  }

  async #start(): Promise<void> {
    const { agentId, conversationId, plan } = this.#request;
    await this.#connection.open();
    const externalTools = [...plan.clientTools.values()].map((tool) => ({
      name: tool.name,
      description: tool.description,
      parameters: tool.input_schema,
    }));
    const started = await this.#connection.request<AppServerMessage>({
      type: "runtime_start",
      agent_id: agentId,
      conversation_id: conversationId,
      // Every tool call asks; decideToolCall answers. Never the classifier, never "unrestricted".
      mode: "strict",
      client_info: { name: "openharness", title: "OpenHarness" },
      ...(externalTools.length > 0 ? { external_tools: [{ tools: externalTools }] } : {}),
    });
    if (!started.success || !started.runtime) {
      const isAgent = /agent/i.test(started.error ?? "");
      throw mapAppServerFailure(started.error, {
        operation: "runtime_start",
        domain: "execution",
        resource: isAgent ? "agent" : "conversation",
        resourceId: isAgent ? agentId : conversationId,
      });
    }
    const runtime = started.runtime as AppServerRuntime;
    this.#runtime = runtime;
    this.#cleanup.push(
      this.#connection.subscribe((message) => this.#receive(message, runtime)),
      this.#connection.onClose((cause) =>
        this.#fail(
          new StreamInterruptedError({
            harness: HARNESS,
            message: `The connection to the App Server closed during the turn${this.#mapper.runId ? `; run ${this.#mapper.runId} may still be running` : ""}.`,
            runId: this.#mapper.runId,
            cause,
          }),
        ),
      ),
    );
    if (this.#request.signal?.aborted || this.#ended)
      throw new CancelledError({ harness: HARNESS, message: "Cancelled before the message was sent." });
    this.#sent = true;
    const accepted = await this.#connection.request<AppServerMessage>(
      {
        type: "input",
        runtime,
        payload: {
          kind: "create_message",
          messages: [
            { role: "user", content: this.#request.message, client_message_id: globalThis.crypto.randomUUID() },
          ],
          client_tool_allowlist: plan.allowlist,
          // No one is there to answer AskUserQuestion and friends.
          exclude_interactive_tools: true,
        },
      },
      undefined,
      "input_accepted",
    );
    if (accepted.accepted !== true) {
      throw new HarnessApiError({
        harness: HARNESS,
        operation: "input",
        domain: "execution",
        message: `The App Server did not accept the message: ${accepted.error ?? "no reason given"}.`,
      });
    }
  }

  #receive(message: AppServerMessage, runtime: AppServerRuntime): void {
    if (message.type === "external_tool_call_request") {
      if (message.runtime && !isForRuntime(message, runtime)) return;
      void this.#answerToolCall(message as ExternalToolCallRequestMessage);
      return;
    }
    if (!isForRuntime(message, runtime)) return;
    if (message.type === "control_request") {
      void this.#answerApproval(message as ControlRequestMessage, runtime);
      return;
    }
    if (message.type !== "stream_delta" && message.type !== "turn_finished") return;
    this.#frames.push(message);
    if (message.type === "turn_finished") this.#close();
    this.#wake?.();
  }

  async #answerApproval(message: ControlRequestMessage, runtime: AppServerRuntime): Promise<void> {
    const decision = await decideToolCall(message, this.#request.plan);
    this.#safeSend({
      type: "input",
      runtime,
      payload: { kind: "approval_response", request_id: message.request_id, decision },
    });
  }

  async #answerToolCall(message: ExternalToolCallRequestMessage): Promise<void> {
    const tool = this.#request.plan.clientTools.get(message.tool_name);
    if (!tool && !message.runtime) return; // Another connection's runtime: not ours to answer.
    const result = await runClientTool(tool, message.tool_name, message.input as JsonObject, this.#tools.signal);
    this.#safeSend({ type: "external_tool_call_response", request_id: message.request_id, result });
  }

  #safeSend(message: { type: string; [key: string]: unknown }): void {
    try {
      this.#connection.send(message);
    } catch (error) {
      this.#fail(error);
    }
  }

  #fail(error: unknown): void {
    if (this.#ended) return;
    this.#failure ??= error;
    this.#close();
    this.#wake?.();
  }

  #close(): void {
    this.#ended = true;
    for (const undo of this.#cleanup.splice(0)) undo();
    this.#resolveFinished();
    this.#wake?.();
  }
}
