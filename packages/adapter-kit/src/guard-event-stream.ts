import { type DoneEvent, type ErrorEvent, type ExecutionEvent, emptyUsage, type JsonObject, type Usage } from "@openharness/types";
import { CancelledError } from "./errors/cancelled-error";
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
  /**
   * Work to finish after an abort and before the cancelled `done`, such as cancelling the run on
   * the harness, so that when the stream ends the harness has stopped too. Its failure is ignored
   * (the stream is cancelled either way); it may take up to `abortTimeoutMs`.
   */
  onAbort?: () => Promise<unknown> | unknown;
  /** How long `onAbort` may take, in ms. Default 10 000. */
  abortTimeoutMs?: number;
}

const aborted = Symbol("aborted");

/**
 * Wraps an adapter's raw event source so the stream contract always holds:
 * - per tool call: `tool_call_start` → `tool_call_delta`* → `tool_result`? → `tool_call_end`,
 *   one id throughout; duplicates and late events are dropped, a missing start is supplied, and
 *   calls still open at the end are closed;
 * - a thrown source becomes an `error` event (a thrown `CancelledError` a cancellation); a source
 *   that ends without `done` becomes a `stream_interrupted` error, unless it already sent an error;
 * - exactly one `done`, last, whatever happens, including an abort while the source hangs.
 *
 * The source's `return()` is called whenever the guard stops reading it early (abort, `done`
 * received, consumer `break`); it is not awaited, so a source that hangs cannot hang the caller.
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
  let cancelled = false;
  let sawError = false;
  let exhausted = false;
  let iterator: AsyncIterator<ExecutionEvent> | undefined;

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
    if (event.type === "error") sawError = true;
    yield event;
  }

  try {
    iterator = source[Symbol.asyncIterator]();
    while (!signal?.aborted) {
      const step = await nextOrAbort(iterator, signal);
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
    if (!signal?.aborted) {
      if (CancelledError.isInstance(error)) cancelled = true;
      else failure = toErrorEvent(error);
    }
  } finally {
    if (iterator && !exhausted) closeQuietly(iterator);
  }

  for (const id of open) yield { type: "tool_call_end", id };

  if (done) {
    yield done;
    return;
  }

  if (signal?.aborted && options.onAbort) await settleWithin(options.onAbort, options.abortTimeoutMs ?? 10_000);

  let snapshot: StreamSnapshot = {};
  try {
    snapshot = options.snapshot?.() ?? {};
  } catch {
    // The final `done` matters more than the figures in it; fall back to empty usage.
  }
  const finish = (stop_reason: DoneEvent["stop_reason"]): DoneEvent => {
    const event: DoneEvent = { type: "done", usage: snapshot.usage ?? emptyUsage(), stop_reason };
    if (snapshot.raw_stop_reason !== undefined) event.raw_stop_reason = snapshot.raw_stop_reason;
    if (snapshot.metadata !== undefined) event.metadata = snapshot.metadata;
    return event;
  };

  if (signal?.aborted || cancelled) {
    yield finish("cancelled");
  } else if (failure) {
    yield failure;
    yield finish("error");
  } else {
    if (!sawError) {
      const runId = snapshot.metadata?.run_id;
      yield {
        type: "error",
        code: "stream_interrupted",
        message: "The stream ended without a final event.",
        recoverable: true,
        ...(typeof runId === "string" ? { details: { run_id: runId } } : {}),
      };
    }
    yield finish("error");
  }
}

/**
 * The source's next step, or `aborted` as soon as the signal fires. The listener lives for one
 * step only: racing every step against one long-lived promise would keep every step reachable.
 */
function nextOrAbort(
  iterator: AsyncIterator<ExecutionEvent>,
  signal: AbortSignal | undefined,
): Promise<IteratorResult<ExecutionEvent> | typeof aborted> {
  const next = Promise.resolve(iterator.next());
  if (!signal) return next;
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(aborted);
    signal.addEventListener("abort", onAbort, { once: true });
    next.then(
      (step) => {
        signal.removeEventListener("abort", onAbort);
        resolve(step);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        // After an abort nobody awaits this any more; rejecting a settled promise is a no-op, not an unhandled rejection.
        reject(error);
      },
    );
  });
}

/** Runs `work`, waiting for it at most `ms`; its outcome does not matter, only that it had its chance. */
async function settleWithin(work: () => unknown, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([Promise.resolve().then(work).then(undefined, () => {}), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function closeQuietly(iterator: AsyncIterator<ExecutionEvent>): void {
  try {
    const closing = iterator.return?.();
    if (closing && typeof closing.then === "function") closing.then(undefined, () => {});
  } catch {
    // A source that fails to close has nothing more to tell the consumer.
  }
}
