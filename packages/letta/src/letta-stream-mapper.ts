import type {
  ApprovalRequestMessage,
  LettaStreamingResponse,
  ToolCallMessage,
  ToolReturn,
} from "@letta-ai/letta-client/resources/agents/messages";
import type { ToolReturnMessage } from "@letta-ai/letta-client/resources/tools";
import {
  type HarnessEvent,
  type HarnessStreamMapper,
  parseToolArguments,
  StreamInterruptedError,
  type StreamSnapshot,
} from "@openharness/adapter-kit";
import type {
  ApprovalRequestEvent,
  DoneEvent,
  JsonObject,
  ToolCall as OpenHarnessToolCall,
  Usage,
} from "@openharness/types";
import { emptyUsage } from "@openharness/types";
import { addUsage } from "./add-usage";
import { convertLettaUsage } from "./convert-letta-usage";
import { callsOf, contentText, toolOutput } from "./letta-message-parts";
import { mapLettaStopReason } from "./map-letta-stop-reason";

/** Options of {@link LettaStreamMapper}. */
export interface LettaStreamMapperOptions {
  /** Emit `thinking` events for Letta's reasoning (default true). */
  includeThinking?: boolean;
  /** The request's `metadata`, returned in `done.metadata.request_metadata`. */
  requestMetadata?: JsonObject;
}

type ToolCallFrame = ToolCallMessage | ApprovalRequestMessage;

/** Events the turn itself adds between Letta's frames (an approval request, memory updates). */
export interface TurnNote {
  message_type: "openharness_events";
  events: HarnessEvent[];
}

/** What {@link LettaStreamMapper} reads: Letta's frames, and the turn's own notes. */
export type LettaTurnFrame = LettaStreamingResponse | TurnNote;

/** The approval a run stopped for: the OpenHarness request, and the calls Letta itself asked about. */
export interface PendingLettaApproval {
  request: ApprovalRequestEvent;
  /** The ids Letta's `approval_request_message` named: exactly these must be answered. */
  lettaCallIds: string[];
}
type ToolReturnEntry = Pick<ToolReturn, "tool_call_id" | "status" | "tool_return" | "stdout" | "stderr">;

/** Which logical message a frame belongs to: token-streamed fragments of one message share it. */
const messageKey = (frame: { message_type?: string; otid?: string | null; id: string }) =>
  `${frame.message_type}:${frame.otid ?? frame.id}`;

const lines = (value: string[] | null | undefined): string | undefined =>
  value && value.length > 0 ? value.join("\n") : undefined;

/**
 * Maps Letta's frames (`LettaStreamingResponse`) onto OpenHarness events, one at a time, for both
 * the streaming and the synchronous path; keeps what `done` needs (run id, stop reason, usage).
 * The shape of the kit's `HarnessStreamMapper`: `push`, `finish`, `snapshot`.
 *
 * | Letta `message_type`        | OpenHarness events                                     |
 * | --------------------------- | ------------------------------------------------------ |
 * | `ping`                      | none (the first one's `run_id` is kept)                |
 * | `reasoning_message`         | `thinking`                                             |
 * | `hidden_reasoning_message`  | one `thinking` with `redacted: true` and no text per message |
 * | `assistant_message`         | `text`                                                 |
 * | `tool_call_message`         | `tool_call_start` per call, then `tool_call_delta`s    |
 * | `approval_request_message`  | `tool_call_start` per call awaiting approval           |
 * | `tool_return_message`       | `tool_result` then `tool_call_end` per return          |
 * | `stop_reason`               | kept for `done`; `cancelled` finishes the turn at once |
 * | `usage_statistics`          | kept for `done`                                        |
 * | anything else               | none (echoes, compaction records, future types)        |
 */
export class LettaStreamMapper implements HarnessStreamMapper<LettaTurnFrame> {
  #runId: string | undefined;
  readonly #runIds: string[] = [];
  #stopReason: string | undefined;
  #usage: Usage | undefined;
  /** Usage of the earlier runs of this turn (a turn continued after an approval). */
  #earlierUsage: Usage | undefined;
  /** Every call seen, with its name and argument text so far (a return names its own call: wire fact 10). */
  readonly #calls = new Map<string, { name: string; args: string; input?: JsonObject }>();
  #lettaApproval: string[] = [];
  #hadText = false;
  #hadThinking = false;
  #lastTextKey: string | undefined;
  #lastThinkingKey: string | undefined;
  #lastRedactedKey: string | undefined;
  readonly #includeThinking: boolean;
  readonly #requestMetadata: JsonObject | undefined;
  /** Tool calls started and not yet returned; and the message being streamed with its last call (for deltas without an id). */
  readonly #toolCalls = new Set<string>();
  #callMessage: string | undefined;
  #lastCall: string | undefined;
  readonly #awaitingApproval: string[] = [];
  #approvalRequestId: string | undefined;

  constructor(options: LettaStreamMapperOptions = {}) {
    this.#includeThinking = options.includeThinking ?? true;
    this.#requestMetadata = options.requestMetadata;
  }

  /** The run id Letta announced for the current run (first ping, or any message). */
  get runId(): string | undefined {
    return this.#runId;
  }

  /** Letta's stop reason for the current run, once it arrived. */
  get stopReason(): string | undefined {
    return this.#stopReason;
  }

  /** Calls made before this stream (a pending approval answered later), so their returns carry their names. */
  knowCalls(calls: readonly OpenHarnessToolCall[]): void {
    for (const call of calls) this.#calls.set(call.id, { name: call.name, args: "", input: call.input });
  }

  /**
   * The approval the run stopped for: every call still waiting, which is Letta's requested calls
   * and, in a mixed parallel step, the allowed calls Letta parked with them (wire fact 9).
   */
  pendingApproval(): PendingLettaApproval | undefined {
    if (this.#stopReason !== "requires_approval" || this.#approvalRequestId === undefined) return undefined;
    const waiting = [...this.#lettaApproval, ...[...this.#toolCalls].filter((id) => !this.#lettaApproval.includes(id))];
    const tool_calls = waiting.map((id) => {
      const call = this.#calls.get(id);
      return { id, name: call?.name ?? "unknown", input: call?.input ?? parseToolArguments(call?.args ?? "").input };
    });
    return {
      request: { type: "approval_request", id: this.#approvalRequestId, tool_calls },
      lettaCallIds: [...this.#lettaApproval],
    };
  }

  /** The turn goes on in a new Letta run (after an approval or client-tool returns). */
  continueRun(): void {
    if (this.#usage) this.#earlierUsage = this.#earlierUsage ? addUsage(this.#earlierUsage, this.#usage) : this.#usage;
    this.#usage = undefined;
    this.#stopReason = undefined;
    this.#runId = undefined;
    this.#approvalRequestId = undefined;
    this.#lettaApproval = [];
    this.#awaitingApproval.length = 0;
  }

  /** The events for one frame; after a `cancelled` stop reason, also the closing ones. */
  push(frame: LettaTurnFrame): HarnessEvent[] {
    if (frame.message_type === "openharness_events") return frame.events;
    if ("run_id" in frame && frame.run_id) {
      this.#runId ??= frame.run_id;
      if (!this.#runIds.includes(frame.run_id)) this.#runIds.push(frame.run_id);
    }
    switch (frame.message_type) {
      case "reasoning_message":
        return this.#thinking(messageKey(frame), frame.reasoning);
      case "hidden_reasoning_message":
        return this.#hiddenReasoning(messageKey(frame));
      case "assistant_message":
        return this.#text(messageKey(frame), contentText(frame.content));
      case "tool_call_message":
        return this.#toolCallMessage(frame);
      case "approval_request_message":
        this.#approvalRequestId = frame.id;
        return this.#toolCallMessage(frame, true);
      case "tool_return_message":
        return this.#toolReturns(frame);
      case "stop_reason":
        // Usage follows, also after a cancel (wire fact 4); a stream held open after it is the transport's to end.
        this.#stopReason = frame.stop_reason;
        return [];
      case "usage_statistics":
        this.#usage = convertLettaUsage(frame);
        return [];
      default:
        // ping, user/system echoes, approval responses, and types this version does not know.
        return [];
    }
  }

  /** What is known so far, for a `done` written after a failure or a cancellation. */
  snapshot(): StreamSnapshot {
    return {
      usage: this.#totalUsage(),
      metadata: this.#metadata(),
      ...(this.#stopReason ? { raw_stop_reason: this.#stopReason } : {}),
    };
  }

  /**
   * The events that close the execution: an `error` when Letta stopped for an error it did not
   * detail, then `done`. Throws {@link StreamInterruptedError} when no stop reason arrived.
   */
  finish(): HarnessEvent[] {
    if (this.#stopReason === undefined) {
      const still = this.#runId ? `; run ${this.#runId} may still be running` : "";
      throw new StreamInterruptedError({
        harness: "Letta",
        message: `Letta's stream ended before the run finished (no stop reason)${still}.`,
        runId: this.#runId,
      });
    }
    const stop_reason = mapLettaStopReason(this.#stopReason);
    const done: DoneEvent = {
      type: "done",
      usage: this.#totalUsage(),
      stop_reason,
      raw_stop_reason: this.#stopReason,
      metadata: this.#metadata(),
    };
    if (stop_reason !== "error") return [done];
    return [
      {
        type: "error",
        code: "harness_error",
        message: `Letta stopped the run with "${this.#stopReason}".`,
        recoverable: false,
        details: { stop_reason: this.#stopReason, ...(this.#runId ? { run_id: this.#runId } : {}) },
      },
      done,
    ];
  }

  #totalUsage(): Usage {
    const current = this.#usage ?? emptyUsage();
    return this.#earlierUsage ? addUsage(this.#earlierUsage, current) : current;
  }

  #metadata(): JsonObject {
    const metadata: JsonObject = {};
    if (this.#runId) metadata.run_id = this.#runId;
    if (this.#runIds.length > 1) metadata.run_ids = [...this.#runIds];
    if (this.#requestMetadata) metadata.request_metadata = this.#requestMetadata;
    if (this.#awaitingApproval.length > 0) {
      metadata.approval_request = { id: this.#approvalRequestId, tool_call_ids: [...this.#awaitingApproval] };
    }
    return metadata;
  }

  #thinking(key: string, fragment: string): HarnessEvent[] {
    if (!this.#includeThinking || fragment === "") return [];
    // Separate distinct reasoning messages; fragments of one message join as they are.
    const separated =
      fragment !== "" && this.#hadThinking && key !== this.#lastThinkingKey ? `\n${fragment}` : fragment;
    this.#hadThinking = true;
    this.#lastThinkingKey = key;
    return [{ type: "thinking", thinking: separated }];
  }

  /**
   * Hidden reasoning is one redacted marker per message, never its content: Anthropic sends an
   * encrypted blob, OpenAI `null` in every token-streamed fragment (wire fact 3).
   */
  #hiddenReasoning(key: string): HarnessEvent[] {
    if (!this.#includeThinking || key === this.#lastRedactedKey) return [];
    this.#lastRedactedKey = key;
    this.#hadThinking = true;
    this.#lastThinkingKey = key;
    return [{ type: "thinking", thinking: "", redacted: true }];
  }

  #text(key: string, fragment: string): HarnessEvent[] {
    if (fragment === "") return [];
    const separated = this.#hadText && key !== this.#lastTextKey ? `\n\n${fragment}` : fragment;
    this.#hadText = true;
    this.#lastTextKey = key;
    return [{ type: "text", content: separated }];
  }

  #toolCallMessage(frame: ToolCallFrame, awaitingApproval = false): HarnessEvent[] {
    const key = messageKey(frame);
    const events: HarnessEvent[] = [];
    callsOf(frame).forEach((call, index) => {
      // Token-streamed fragments may omit the id: they continue the message's last call.
      const id =
        call.tool_call_id ?? (this.#callMessage === key ? this.#lastCall : undefined) ?? `${frame.id}:${index}`;
      const args = call.arguments ?? "";
      const known = this.#calls.get(id);
      if (known) known.args += args;
      else this.#calls.set(id, { name: call.name ?? "unknown", args });
      if (awaitingApproval && !this.#lettaApproval.includes(id)) this.#lettaApproval.push(id);
      if (!this.#toolCalls.has(id)) {
        this.#toolCalls.add(id);
        this.#callMessage = key;
        this.#lastCall = id;
        if (awaitingApproval) this.#awaitingApproval.push(id);
        const parsed = parseToolArguments(args);
        if (parsed.raw_input === undefined || args === "") {
          events.push({ type: "tool_call_start", id, name: call.name ?? "unknown", ...parsed });
          return;
        }
        // Not a whole JSON object yet: the start of a token-streamed argument text.
        events.push({ type: "tool_call_start", id, name: call.name ?? "unknown", input: {} });
      }
      if (args !== "") events.push({ type: "tool_call_delta", id, input_delta: { partial_json: args } });
    });
    return events;
  }

  #toolReturns(frame: ToolReturnMessage): HarnessEvent[] {
    const returns: ToolReturnEntry[] = frame.tool_returns?.length ? frame.tool_returns : [frame];
    const events: HarnessEvent[] = [];
    for (const [index, entry] of returns.entries()) {
      const id = entry.tool_call_id;
      if (!id) continue;
      const success = entry.status === "success";
      const output = toolOutput(entry.tool_return);
      const result: HarnessEvent = { type: "tool_result", id, success };
      if (success) result.output = output;
      else result.error = typeof output === "string" ? output : JSON.stringify(output);
      const stdout = lines(entry.stdout);
      const stderr = lines(entry.stderr);
      if (stdout !== undefined) result.stdout = stdout;
      if (stderr !== undefined) result.stderr = stderr;
      if (!this.#toolCalls.delete(id)) {
        // A return for a call this stream did not show (an approval answered later). The message's
        // `name` is its first call's tool, whatever the return (wire fact 10): only the first may use it.
        const call = this.#calls.get(id);
        const name = call?.name ?? (index === 0 ? frame.name : undefined) ?? "unknown";
        events.push({ type: "tool_call_start", id, name, input: call?.input ?? {} });
      }
      // The call is over: forget it, so a long turn's state stays bounded by its open calls.
      this.#calls.delete(id);
      events.push(result, { type: "tool_call_end", id });
    }
    return events;
  }
}
