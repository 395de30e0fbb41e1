import {
  type ApprovalRequest,
  type DoneEvent,
  type ExecutionErrorEvent,
  type ExecutionEvent,
  type ExecutionResult,
  emptyUsage,
  type MemoryUpdate,
  type ToolCallRecord,
} from "@openharness/types";
import {
  CancelledError,
  errorFromEvent,
  HarnessApiError,
  OpenHarnessError,
  StreamInterruptedError,
} from "@openharness/types/errors";
import { parseToolArguments } from "./parse-tool-arguments";

/**
 * Folds an event stream into the execution result: text into `output`, reasoning into
 * `thinking`, tool calls with their complete arguments (from `tool_call_end`) and results,
 * memory changes into `memory_updates`, a still-pending `approval_request`, and usage and stop
 * reason from `done`. Reading stops at `done`. If the stream carried an
 * `error`, was cancelled, or ended without `done`, the matching typed error is thrown instead,
 * with everything gathered so far in `error.partial`. An `error` event the guard made from a
 * thrown OpenHarness error is thrown as that very object (`cause` intact); one that arrived as
 * data is rebuilt from its payload.
 */
export async function collectResult(events: AsyncIterable<ExecutionEvent>): Promise<ExecutionResult> {
  let output = "";
  let thinking: string | undefined;
  const calls = new Map<string, ToolCallRecord>();
  const argumentText = new Map<string, string>();
  let error: ExecutionErrorEvent | undefined;
  let done: DoneEvent | undefined;
  let approval: ApprovalRequest | undefined;
  const memoryUpdates: MemoryUpdate[] = [];

  const callFor = (id: string): ToolCallRecord => {
    let call = calls.get(id);
    if (!call) {
      // A result or delta without its start (an unguarded source): keep it rather than lose it.
      call = { id, name: "unknown", input: {} };
      calls.set(id, call);
    }
    return call;
  };

  const result = (): ExecutionResult => {
    const tool_calls = [...calls.values()].map((call) => {
      const text = argumentText.get(call.id);
      const streamed = text !== undefined && Object.keys(call.input).length === 0 && call.raw_input === undefined;
      return streamed ? { ...call, ...parseToolArguments(text) } : { ...call };
    });
    const out: ExecutionResult = {
      output,
      tool_calls,
      usage: done?.usage ?? emptyUsage(),
      stop_reason: done?.stop_reason ?? "error",
      metadata: { ...done?.metadata },
    };
    if (thinking !== undefined) out.thinking = thinking;
    if (done?.raw_stop_reason !== undefined) out.raw_stop_reason = done.raw_stop_reason;
    // Only a turn that still waits has a pending request; one answered in the stream has none.
    if (approval && done?.stop_reason === "requires_approval") out.approval_request = approval;
    if (memoryUpdates.length > 0) out.memory_updates = [...memoryUpdates];
    return out;
  };

  try {
    for await (const event of events) {
      switch (event.type) {
        case "text":
          output += event.content;
          break;
        case "thinking":
          thinking = (thinking ?? "") + event.thinking;
          break;
        case "tool_call_start":
          if (!calls.has(event.id)) {
            calls.set(event.id, {
              id: event.id,
              name: event.name,
              input: event.input,
              ...(event.raw_input === undefined ? {} : { raw_input: event.raw_input }),
            });
          }
          break;
        case "tool_call_delta":
          callFor(event.id);
          argumentText.set(event.id, (argumentText.get(event.id) ?? "") + event.input_delta.partial_json);
          break;
        case "tool_result": {
          const { type: _type, id: _id, ...outcome } = event;
          Object.assign(callFor(event.id), outcome);
          break;
        }
        case "tool_call_end": {
          // The end carries the complete arguments: they replace whatever the start and deltas said.
          const call = callFor(event.id);
          call.input = event.input;
          if (event.raw_input === undefined) delete call.raw_input;
          else call.raw_input = event.raw_input;
          argumentText.delete(event.id);
          break;
        }
        case "approval_request":
          approval = { id: event.id, tool_calls: event.tool_calls };
          break;
        case "memory_update": {
          const { type: _type, ...update } = event;
          memoryUpdates.push(update);
          break;
        }
        case "error":
          error ??= event;
          break;
        case "done":
          done = event;
          break;
      }
      if (done) break;
    }
  } catch (thrown) {
    // An unguarded source that throws: keep what it produced on a typed error.
    if (OpenHarnessError.isInstance(thrown) && thrown.partial === undefined) thrown.partial = result();
    throw thrown;
  }

  const partial = result();
  const runId = typeof partial.metadata.run_id === "string" ? partial.metadata.run_id : undefined;
  if (error) throw errorFromEvent(error, { partial });
  if (!done) throw new StreamInterruptedError({ message: "The stream ended without a final event.", runId, partial });
  if (done.stop_reason === "cancelled")
    throw new CancelledError({ message: "The execution was cancelled.", runId, partial });
  if (done.stop_reason === "error") {
    const raw = done.raw_stop_reason === undefined ? "" : ` (raw stop reason: ${done.raw_stop_reason})`;
    throw new HarnessApiError({
      message: `The execution stopped with an error the harness did not describe${raw}.`,
      partial,
    });
  }
  return partial;
}
