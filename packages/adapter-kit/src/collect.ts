import {
  type DoneEvent,
  type ErrorEvent,
  type ExecutionEvent,
  type ExecutionResult,
  emptyUsage,
  type ToolCallRecord,
} from "@openharness/types";
import { CancelledError } from "./errors/cancelled-error";
import { errorFromPayload } from "./errors/error-from-payload";
import { StreamInterruptedError } from "./errors/stream-interrupted-error";
import { parseToolInput } from "./parse-tool-input";

/**
 * Folds an event stream into the execution result: text into `output`, reasoning into
 * `thinking`, tool calls with their results, and usage and stop reason from `done`. If the
 * stream carried an `error`, or was cancelled, the matching typed error is thrown instead, with
 * everything gathered so far in `error.partial`.
 */
export async function collect(events: AsyncIterable<ExecutionEvent>): Promise<ExecutionResult> {
  let output = "";
  let thinking: string | undefined;
  const calls = new Map<string, ToolCallRecord>();
  const argumentText = new Map<string, string>();
  let error: ErrorEvent | undefined;
  let done: DoneEvent | undefined;

  for await (const event of events) {
    switch (event.type) {
      case "text":
        output += event.content;
        break;
      case "thinking":
        thinking = (thinking ?? "") + event.thinking;
        break;
      case "tool_call_start":
        calls.set(event.id, {
          id: event.id,
          name: event.name,
          input: event.input,
          ...(event.raw_input === undefined ? {} : { raw_input: event.raw_input }),
        });
        break;
      case "tool_call_delta":
        argumentText.set(event.id, (argumentText.get(event.id) ?? "") + event.input_delta.partial_json);
        break;
      case "tool_result": {
        const call = calls.get(event.id);
        if (call) {
          const { type: _type, id: _id, ...result } = event;
          Object.assign(call, result);
        }
        break;
      }
      case "error":
        error ??= event;
        break;
      case "done":
        done = event;
        break;
    }
  }

  for (const [id, text] of argumentText) {
    const call = calls.get(id);
    if (call && Object.keys(call.input).length === 0) Object.assign(call, parseToolInput(text));
  }

  const result: ExecutionResult = {
    output,
    tool_calls: [...calls.values()],
    usage: done?.usage ?? emptyUsage(),
    stop_reason: done?.stop_reason ?? "error",
    metadata: { ...done?.metadata },
  };
  if (thinking !== undefined) result.thinking = thinking;
  if (done?.raw_stop_reason !== undefined) result.raw_stop_reason = done.raw_stop_reason;

  const runId = typeof result.metadata.run_id === "string" ? result.metadata.run_id : undefined;
  if (error) {
    const payload = { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
    throw errorFromPayload(payload, { retryable: error.recoverable, partial: result });
  }
  if (!done) throw new StreamInterruptedError({ message: "The stream ended without a final event.", runId, partial: result });
  if (done.stop_reason === "cancelled") throw new CancelledError({ message: "The execution was cancelled.", runId, partial: result });
  return result;
}
