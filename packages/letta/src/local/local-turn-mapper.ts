import type { HarnessEvent, HarnessStreamMapper, StreamSnapshot } from "@openharness/adapter-kit";
import type { DoneEvent, JsonObject } from "@openharness/types";
import type { LettaUsage } from "../convert-letta-usage";
import type { LettaStreamingResponse } from "@letta-ai/letta-client/resources/agents/messages";
import { LettaStreamMapper, type LettaStreamMapperOptions } from "../letta-stream-mapper";
import type { AppServerMessage, StreamDeltaMessage, TurnFinishedMessage } from "./app-server-messages";

const USAGE_FIELDS = [
  "prompt_tokens",
  "completion_tokens",
  "total_tokens",
  "cached_input_tokens",
  "cache_write_tokens",
  "reasoning_tokens",
] as const satisfies readonly (keyof LettaUsage)[];

/**
 * Maps one App Server turn onto OpenHarness events. `stream_delta.delta` is Letta's
 * `LettaStreamingResponse` union, so Letta messages go through the REST adapter's
 * {@link LettaStreamMapper} (this class is the one seam between the two backends); what is
 * particular to the App Server is handled here:
 *
 * | App Server                               | OpenHarness                                                  |
 * | ---------------------------------------- | ------------------------------------------------------------ |
 * | `assistant_message`, `reasoning_message`, `tool_return_message` | as on REST (`text`, `thinking`, `tool_result` + `tool_call_end`) |
 * | `approval_request_message`               | `tool_call_start`: every call is one; the adapter answers it in-turn |
 * | `usage_statistics` (one per model step)  | summed into `done.usage`                                     |
 * | `stop_reason` (one per run)              | none: a turn spans runs (`requires_approval` between them)   |
 * | `loop_error`                             | `error` (its message), then `done` with `stop_reason: "error"` |
 * | `retry`                                  | none; counted in `done.metadata.retries`                     |
 * | `client_tool_start` / `client_tool_end`  | none: the call was announced, the return carries the result  |
 * | `approval_classification_end`, `status`  | none                                                         |
 * | `turn_finished`                          | `done` with its stop reason; `metadata.run_ids`, `conversation_id` |
 */
export class LocalTurnMapper implements HarnessStreamMapper<AppServerMessage> {
  readonly #letta: LettaStreamMapper;
  readonly #usage: Record<(typeof USAGE_FIELDS)[number], number> & { step_count: number };
  #sawUsage = false;
  readonly #runIds: string[] = [];
  #retries = 0;
  #loopError: string | undefined;
  #finished: TurnFinishedMessage | undefined;
  #conversationId: string | undefined;

  constructor(options: LettaStreamMapperOptions & { conversationId?: string } = {}) {
    this.#letta = new LettaStreamMapper(options);
    this.#conversationId = options.conversationId;
    this.#usage = {
      prompt_tokens: 0,
      completion_tokens: 0,
      total_tokens: 0,
      cached_input_tokens: 0,
      cache_write_tokens: 0,
      reasoning_tokens: 0,
      step_count: 0,
    };
  }

  /** The first run of the turn, once announced. */
  get runId(): string | undefined {
    return this.#runIds[0];
  }

  /** The latest run of the turn (the one to abort). */
  get currentRunId(): string | undefined {
    return this.#runIds.at(-1);
  }

  /** The `turn_finished` message, once it arrived. */
  get finished(): TurnFinishedMessage | undefined {
    return this.#finished;
  }

  /** The events for one App Server message of this turn's runtime. */
  push(message: AppServerMessage): HarnessEvent[] {
    if (message.type === "turn_finished") return this.#turnFinished(message as TurnFinishedMessage);
    if (message.type !== "stream_delta") return [];
    const delta = (message as StreamDeltaMessage).delta;
    const runId = typeof delta.run_id === "string" ? delta.run_id : undefined;
    if (runId && !this.#runIds.includes(runId)) this.#runIds.push(runId);
    switch (delta.message_type) {
      case "usage_statistics":
        this.#addUsage(delta as LettaUsage);
        return this.#letta.push(this.#usageItem());
      case "stop_reason":
        return [];
      case "approval_request_message":
        return this.#letta.push({ ...delta, message_type: "tool_call_message" } as unknown as LettaStreamingResponse);
      case "loop_error": {
        this.#loopError = typeof delta.message === "string" ? delta.message : "the agent loop failed";
        const details: JsonObject = { stop_reason: String(delta.stop_reason ?? "error") };
        if (runId) details.run_id = runId;
        return [{ type: "error", code: "harness_error", message: this.#loopError, recoverable: false, details }];
      }
      case "retry":
        this.#retries += 1;
        return [];
      case "client_tool_start":
      case "client_tool_end":
      case "approval_classification_end":
      case "status":
        return [];
      default:
        return this.#letta.push(delta as unknown as LettaStreamingResponse);
    }
  }

  /** The closing events: `done` (after an `error` when the turn failed and no `loop_error` said why). */
  finish(): HarnessEvent[] {
    const events = this.#letta.finish();
    return events.flatMap((event): HarnessEvent[] => {
      if (event.type === "error") {
        if (this.#loopError !== undefined) return [];
        const reason = this.#finished?.error;
        return [reason ? { ...event, message: reason } : event];
      }
      if (event.type === "done") return [this.#withMetadata(event)];
      return [event];
    });
  }

  /** What is known so far, for a `done` written after a failure or a cancellation. */
  snapshot(): StreamSnapshot {
    const snapshot = this.#letta.snapshot();
    return { ...snapshot, metadata: this.#metadata(snapshot.metadata) };
  }

  #turnFinished(message: TurnFinishedMessage): HarnessEvent[] {
    this.#finished = message;
    if (message.run_id && !this.#runIds.includes(message.run_id)) this.#runIds.push(message.run_id);
    // The per-step counts are authoritative; the turn's own total is a fallback when none came.
    if (!this.#sawUsage && message.usage) {
      this.#addUsage(message.usage as LettaUsage);
      this.#letta.push(this.#usageItem());
    }
    const stop = {
      message_type: "stop_reason",
      stop_reason: message.stop_reason,
      ...(this.runId ? { run_id: this.runId } : {}),
    };
    return this.#letta.push(stop as LettaStreamingResponse);
  }

  #addUsage(usage: LettaUsage): void {
    this.#sawUsage = true;
    for (const field of USAGE_FIELDS) this.#usage[field] += usage[field] ?? 0;
    this.#usage.step_count += usage.step_count ?? 1;
  }

  #usageItem(): LettaStreamingResponse {
    return { message_type: "usage_statistics", ...this.#usage } as LettaStreamingResponse;
  }

  #metadata(base: JsonObject | undefined): JsonObject {
    const metadata: JsonObject = { ...base };
    if (this.#conversationId) metadata.conversation_id = this.#conversationId;
    if (this.#runIds.length > 0) metadata.run_ids = [...this.#runIds];
    if (this.#retries > 0) metadata.retries = this.#retries;
    return metadata;
  }

  #withMetadata(done: DoneEvent): DoneEvent {
    return { ...done, metadata: this.#metadata(done.metadata) };
  }
}
