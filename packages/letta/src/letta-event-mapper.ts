import { type HarnessEvent, parseToolArguments, StreamInterruptedError, type StreamSnapshot } from "@openharness/adapter-kit";
import type { DoneEvent, JsonObject, Usage } from "@openharness/types";
import { emptyUsage } from "@openharness/types";
import { convertLettaUsage, type LettaUsage } from "./convert-letta-usage";
import { mapLettaStopReason } from "./map-letta-stop-reason";

/** One item of Letta's output: a streamed frame or a message of a synchronous response. */
export type LettaItem = { message_type?: string | null; [key: string]: unknown };

interface LettaToolCall {
  tool_call_id?: string | null;
  name?: string | null;
  arguments?: string | null;
}

interface LettaToolReturn {
  tool_call_id?: string | null;
  status?: string | null;
  tool_return?: unknown;
  stdout?: string[] | null;
  stderr?: string[] | null;
}

/** Options of {@link LettaEventMapper}. */
export interface LettaEventMapperOptions {
  /** Emit `thinking` events for Letta's reasoning (default true). */
  includeThinking?: boolean;
  /** The request's `metadata`, returned in `done.metadata.request_metadata`. */
  requestMetadata?: JsonObject;
}

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** Text of a content value that is a string or a list of `{ type: "text", text }` parts. */
function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part) => (part && typeof part === "object" ? (text((part as JsonObject).text) ?? "") : "")).join("");
}

/** A tool return: Letta sends a string, or content parts (text and images). */
function toolOutput(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const onlyText = value.every((part) => part && typeof part === "object" && (part as JsonObject).type === "text");
  return onlyText ? contentText(value) : value;
}

/** Which logical message an item belongs to: token-streamed fragments of one message share it. */
const messageKey = (item: LettaItem) => `${item.message_type}:${text(item.otid) ?? text(item.id) ?? ""}`;

const lines = (value: string[] | null | undefined): string | undefined =>
  value && value.length > 0 ? value.join("\n") : undefined;

/**
 * Maps Letta's messages onto OpenHarness events, one item at a time, for both the streaming and
 * the synchronous path. It also keeps what `done` needs: run id, stop reason, usage.
 *
 * | Letta `message_type`        | OpenHarness events                                     |
 * | --------------------------- | ------------------------------------------------------ |
 * | `ping`                      | none (the first one's `run_id` is kept)                |
 * | `reasoning_message`         | `thinking`                                             |
 * | `hidden_reasoning_message`  | `thinking` with `redacted: true`                       |
 * | `assistant_message`         | `text`                                                 |
 * | `tool_call_message`         | `tool_call_start` per call, then `tool_call_delta`s    |
 * | `approval_request_message`  | `tool_call_start` per call awaiting approval           |
 * | `tool_return_message`       | `tool_result` then `tool_call_end` per return          |
 * | `stop_reason`               | kept for `done`                                        |
 * | `usage_statistics`          | kept for `done`                                        |
 * | anything else               | none (echoes, compaction records, future types)        |
 */
export class LettaEventMapper {
  #runId: string | undefined;
  #stopReason: string | undefined;
  #usage: Usage | undefined;
  #hadText = false;
  #hadThinking = false;
  #lastTextKey: string | undefined;
  #lastThinkingKey: string | undefined;
  readonly #includeThinking: boolean;
  readonly #requestMetadata: JsonObject | undefined;
  /** Tool calls started and not yet returned; and the message being streamed with its last call (for deltas without an id). */
  readonly #toolCalls = new Set<string>();
  #callMessage: string | undefined;
  #lastCall: string | undefined;
  readonly #awaitingApproval: string[] = [];
  #approvalRequestId: string | undefined;

  constructor(options: LettaEventMapperOptions = {}) {
    this.#includeThinking = options.includeThinking ?? true;
    this.#requestMetadata = options.requestMetadata;
  }

  /** The run id Letta announced (first ping, or any message). */
  get runId(): string | undefined {
    return this.#runId;
  }

  /** Letta's stop reason, once it arrived. */
  get stopReason(): string | undefined {
    return this.#stopReason;
  }

  /** The events for one Letta item. */
  push(item: LettaItem): HarnessEvent[] {
    this.#runId ??= text(item.run_id);
    switch (item.message_type) {
      case "reasoning_message":
        return this.#thinking(messageKey(item), text(item.reasoning) ?? "", false);
      case "hidden_reasoning_message":
        return this.#thinking(messageKey(item), text(item.hidden_reasoning) ?? "", true);
      case "assistant_message":
        return this.#text(messageKey(item), contentText(item.content));
      case "tool_call_message":
        return this.#toolCallMessage(messageKey(item), item);
      case "approval_request_message":
        this.#approvalRequestId = text(item.id);
        return this.#toolCallMessage(messageKey(item), item, true);
      case "tool_return_message":
        return this.#toolReturns(item);
      case "stop_reason":
        this.#stopReason = text(item.stop_reason);
        return [];
      case "usage_statistics":
        this.#usage = convertLettaUsage(item as LettaUsage);
        return [];
      default:
        // ping, user/system echoes, compaction records, approval responses, and future types.
        return [];
    }
  }

  /** What is known so far, for a `done` written after a failure or a cancellation. */
  snapshot(): StreamSnapshot {
    return {
      usage: this.#usage ?? emptyUsage(),
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
      throw new StreamInterruptedError({
        harness: "Letta",
        message: `Letta's stream ended before the run finished (no stop reason)${this.#runId ? `; run ${this.#runId} may still be running` : ""}.`,
        runId: this.#runId,
      });
    }
    const stop_reason = mapLettaStopReason(this.#stopReason);
    const done: DoneEvent = {
      type: "done",
      usage: this.#usage ?? emptyUsage(),
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

  #metadata(): JsonObject {
    const metadata: JsonObject = {};
    if (this.#runId) metadata.run_id = this.#runId;
    if (this.#requestMetadata) metadata.request_metadata = this.#requestMetadata;
    if (this.#awaitingApproval.length > 0) {
      metadata.approval_request = { id: this.#approvalRequestId, tool_call_ids: [...this.#awaitingApproval] };
    }
    return metadata;
  }

  #thinking(key: string, fragment: string, redacted: boolean): HarnessEvent[] {
    if (!this.#includeThinking || (fragment === "" && !redacted)) return [];
    // Separate distinct reasoning messages; fragments of one message join as they are.
    const separated = fragment !== "" && this.#hadThinking && key !== this.#lastThinkingKey ? `\n${fragment}` : fragment;
    this.#hadThinking = true;
    this.#lastThinkingKey = key;
    return [redacted ? { type: "thinking", thinking: separated, redacted: true } : { type: "thinking", thinking: separated }];
  }

  #text(key: string, fragment: string): HarnessEvent[] {
    if (fragment === "") return [];
    const separated = this.#hadText && key !== this.#lastTextKey ? `\n\n${fragment}` : fragment;
    this.#hadText = true;
    this.#lastTextKey = key;
    return [{ type: "text", content: separated }];
  }

  #toolCallMessage(key: string, item: LettaItem, awaitingApproval = false): HarnessEvent[] {
    const raw = item.tool_calls ?? item.tool_call;
    const calls = (Array.isArray(raw) ? raw : raw ? [raw] : []) as LettaToolCall[];
    const messageId = text(item.id) ?? key;
    const events: HarnessEvent[] = [];
    calls.forEach((call, index) => {
      // Token-streamed fragments may omit the id: they continue the message's last call.
      const id = text(call.tool_call_id) ?? (this.#callMessage === key ? this.#lastCall : undefined) ?? `${messageId}:${index}`;
      const args = call.arguments ?? "";
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

  #toolReturns(item: LettaItem): HarnessEvent[] {
    const many = item.tool_returns;
    const returns = (Array.isArray(many) && many.length > 0 ? many : [item]) as LettaToolReturn[];
    const events: HarnessEvent[] = [];
    for (const entry of returns) {
      const id = text(entry.tool_call_id);
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
        // A return for a call this turn did not show (e.g. an approved call from an earlier turn).
        events.push({ type: "tool_call_start", id, name: text(item.name) ?? "unknown", input: {} });
      }
      events.push(result, { type: "tool_call_end", id });
    }
    return events;
  }
}
