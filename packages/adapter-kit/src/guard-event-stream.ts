import { type DoneEvent, type ErrorEvent, type ExecutionEvent, emptyUsage, type JsonObject, type Usage } from "@openharness/types";
import { toErrorEvent } from "./to-error-event";

/** What the guard knows when it has to write the final `done` itself. */
export interface StreamSnapshot {
  usage?: Usage;
  raw_stop_reason?: string;
  metadata?: JsonObject;
}

/** Options of {@link guardEventStream}. */
export interface GuardEventStreamOptions {
  /** Aborting stops reading the source at once and ends the stream with `stop_reason: "cancelled"`. */
  signal?: AbortSignal;
  /** Usage and metadata gathered so far, for a `done` the guard writes (cancelled, failed, cut). */
  snapshot?: () => StreamSnapshot;
}

const aborted = Symbol("aborted");

/**
 * Wraps an adapter's raw event source so the stream contract always holds:
 * - per tool call: `tool_call_start` → `tool_call_delta`* → `tool_result`? → `tool_call_end`,
 *   one id throughout; calls still open at the end are closed;
 * - a thrown source becomes an `error` event; a source that ends without `done` becomes a
 *   `stream_interrupted` error;
 * - exactly one `done`, last, whatever happens, including an abort mid-wait.
 */
export async function* guardEventStream(
  source: AsyncIterable<ExecutionEvent>,
  options: GuardEventStreamOptions = {},
): AsyncGenerator<ExecutionEvent, void, undefined> {
  const { signal } = options;
  const open = new Set<string>();
  const withResult = new Set<string>();
  const ended = new Set<string>();
  let done: DoneEvent | undefined;
  let failure: ErrorEvent | undefined;
  let exhausted = false;

  let onAbort: (() => void) | undefined;
  const abortion = signal
    ? new Promise<typeof aborted>((resolve) => {
        onAbort = () => resolve(aborted);
        signal.addEventListener("abort", onAbort, { once: true });
      })
    : undefined;

  const iterator = source[Symbol.asyncIterator]();

  function* admit(event: ExecutionEvent): Generator<ExecutionEvent> {
    if (event.type === "tool_call_start") {
      if (open.has(event.id) || ended.has(event.id)) return;
      open.add(event.id);
      yield event;
      return;
    }
    if (event.type === "tool_call_delta" || event.type === "tool_result" || event.type === "tool_call_end") {
      if (ended.has(event.id)) return;
      if (!open.has(event.id)) {
        open.add(event.id);
        yield { type: "tool_call_start", id: event.id, name: "unknown", input: {} };
      }
      if (event.type === "tool_call_delta" && withResult.has(event.id)) return;
      if (event.type === "tool_result") {
        if (withResult.has(event.id)) return;
        withResult.add(event.id);
      }
      if (event.type === "tool_call_end") {
        open.delete(event.id);
        ended.add(event.id);
      }
    }
    yield event;
  }

  try {
    while (!signal?.aborted) {
      const next = iterator.next();
      // An abort may win the race; the source's late failure must not go unhandled.
      next.catch(() => {});
      const step = abortion ? await Promise.race([next, abortion]) : await next;
      if (step === aborted || signal?.aborted) break;
      if (step.done) {
        exhausted = true;
        break;
      }
      if (step.value.type === "done") {
        done = step.value;
        break;
      }
      yield* admit(step.value);
    }
  } catch (error) {
    exhausted = true;
    if (!signal?.aborted) failure = toErrorEvent(error);
  } finally {
    if (onAbort) signal?.removeEventListener("abort", onAbort);
    if (!exhausted) Promise.resolve(iterator.return?.()).catch(() => {});
  }

  for (const id of open) yield { type: "tool_call_end", id };

  const snapshot = options.snapshot?.() ?? {};
  const finish = (stop_reason: DoneEvent["stop_reason"]): DoneEvent => {
    const event: DoneEvent = { type: "done", usage: done?.usage ?? snapshot.usage ?? emptyUsage(), stop_reason };
    const raw = done?.raw_stop_reason ?? snapshot.raw_stop_reason;
    if (raw !== undefined) event.raw_stop_reason = raw;
    const metadata = done?.metadata ?? snapshot.metadata;
    if (metadata !== undefined) event.metadata = metadata;
    return event;
  };

  if (done) {
    yield done;
  } else if (signal?.aborted) {
    yield finish("cancelled");
  } else if (failure) {
    yield failure;
    yield finish("error");
  } else {
    const runId = snapshot.metadata?.run_id;
    yield {
      type: "error",
      code: "stream_interrupted",
      message: "The stream ended without a final event.",
      recoverable: true,
      ...(typeof runId === "string" ? { details: { run_id: runId } } : {}),
    };
    yield finish("error");
  }
}
