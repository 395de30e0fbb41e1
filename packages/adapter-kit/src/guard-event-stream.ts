import {
  type DoneEvent,
  type ExecutionErrorEvent,
  type ExecutionEvent,
  emptyUsage,
  type JsonObject,
  type ToolCallEndEvent,
  type Usage,
} from "@openharness/types";
import { CancelledError, toErrorEvent } from "@openharness/types/errors";
import { ToolCallArguments } from "./tool-call-arguments";

const aborted = Symbol("aborted");

/**
 * An event as an adapter hands it to the guard: an {@link ExecutionEvent}, except that
 * `tool_call_end` may leave out the call's complete `input`, which the guard then fills in from
 * the call's `tool_call_start` and `tool_call_delta`s.
 */
export type HarnessEvent =
  | Exclude<ExecutionEvent, ToolCallEndEvent>
  | (Omit<ToolCallEndEvent, "input"> & { input?: JsonObject });

type ToolEvent = Extract<
  HarnessEvent,
  { type: "tool_call_start" | "tool_call_delta" | "tool_result" | "tool_call_end" }
>;

/** What the guard knows when it has to write the final `done` itself. */
export interface StreamSnapshot {
  usage?: Usage;
  raw_stop_reason?: string;
  metadata?: JsonObject;
}

/** Turns a harness's raw frames into OpenHarness events; driven by {@link guardEventStream}. */
export interface HarnessStreamMapper<Frame> {
  /** The events for one frame, synchronously (the guard stays the only async layer per frame). */
  push(frame: Frame): Iterable<HarnessEvent>;
  /** The events after the source ended normally, usually ending in `done`; a throw counts as a failure. */
  finish(): Iterable<HarnessEvent>;
  /** Usage and metadata gathered so far, for a `done` the guard writes itself (cancelled, failed, cut). */
  snapshot(): StreamSnapshot;
}

/** Options of {@link guardEventStream}. */
export interface GuardEventStreamOptions<Frame = HarnessEvent> {
  /** Maps the source's frames to events. Without one, the source's frames are the events. */
  mapper?: HarnessStreamMapper<Frame>;
  /** Aborting stops reading the source at once and ends the stream with `stop_reason: "cancelled"`. */
  signal?: AbortSignal;
  /**
   * Work to finish after an abort and before the cancelled `done`, such as cancelling the run on
   * the harness, so that when the stream ends the harness has stopped too. Its failure is ignored
   * (the stream is cancelled either way); it may take up to `abortTimeoutMs`.
   */
  onAbort?: () => unknown;
  /** How long `onAbort` may take, in ms. Default 10 000. */
  abortTimeoutMs?: number;
}

/** How many ended tool-call ids the guard remembers to drop their late events. */
const ENDED_IDS_KEPT = 256;

/**
 * Wraps an adapter's raw source (events, or the harness's own frames with a `mapper`) so the
 * stream contract always holds:
 * - per tool call: `tool_call_start` → `tool_call_delta`* → `tool_result`? → `tool_call_end`,
 *   one id throughout; duplicates and late events are dropped, a missing start is supplied, and
 *   calls still open at the end are closed; every `tool_call_end` carries the call's complete
 *   parsed `input` (the adapter's, or else the start's input and the deltas joined and parsed);
 * - a thrown source (or mapper) becomes an `error` event that remembers the thrown error, so
 *   `collectResult` rethrows that very object (a thrown `CancelledError` is a cancellation); a
 *   source that ends without `done` becomes a `stream_interrupted` error, unless it sent an error;
 * - exactly one `done`, last, whatever happens, including an abort while the source hangs.
 *
 * The source's `return()` is called whenever the guard stops reading it early (abort, `done`
 * received, consumer `break`); it is not awaited, so a source that hangs cannot hang the caller.
 */
export async function* guardEventStream<Frame = HarnessEvent>(
  source: AsyncIterable<Frame>,
  options: GuardEventStreamOptions<Frame> = {},
): AsyncGenerator<ExecutionEvent, void, undefined> {
  const { signal } = options;
  const open = new Set<string>();
  const withResult = new Set<string>();
  const ended = new Set<string>();
  let done: DoneEvent | undefined;
  let failure: ExecutionErrorEvent | undefined;
  let cancelled = false;
  let sawError = false;
  let exhausted = false;
  let iterator: AsyncIterator<Frame> | undefined;
  const { mapper } = options;
  const args = new ToolCallArguments();

  /** The tool-call events that keep the per-id order, for one tool event of the source. */
  function admitTool(event: ToolEvent): ExecutionEvent[] {
    if (event.type === "tool_call_start") {
      if (open.has(event.id) || ended.has(event.id)) return [];
      open.add(event.id);
      args.start(event.id, event);
      return [event];
    }
    if (ended.has(event.id)) return [];
    const out: ExecutionEvent[] = [];
    if (!open.has(event.id)) {
      open.add(event.id);
      out.push({ type: "tool_call_start", id: event.id, name: "unknown", input: {} });
    }
    if (event.type === "tool_call_delta") {
      if (withResult.has(event.id)) return out;
      args.delta(event.id, event.input_delta.partial_json);
    }
    if (event.type === "tool_result") {
      if (withResult.has(event.id)) return out;
      withResult.add(event.id);
    }
    if (event.type === "tool_call_end") {
      open.delete(event.id);
      withResult.delete(event.id);
      ended.add(event.id);
      // Late events come right after the end, not thousands of calls later: remembering the
      // newest ids keeps a long turn's memory flat.
      if (ended.size > ENDED_IDS_KEPT) ended.delete(ended.values().next().value as string);
      const complete = args.complete(event.id);
      out.push(event.input === undefined ? { ...event, ...complete } : (event as ToolCallEndEvent));
      return out;
    }
    out.push(event);
    return out;
  }

  // One abort listener for the whole stream; it wakes whichever read is pending.
  let wake: ((value: typeof aborted) => void) | undefined;
  const onAbort = () => wake?.(aborted);
  signal?.addEventListener("abort", onAbort, { once: true });
  const next = (it: AsyncIterator<Frame>): Promise<IteratorResult<Frame> | typeof aborted> => {
    if (!signal) return it.next();
    return new Promise((resolve, reject) => {
      wake = resolve;
      it.next().then(resolve, reject);
    });
  };

  try {
    iterator = source[Symbol.asyncIterator]();
    read: while (!signal?.aborted) {
      const step = await next(iterator);
      wake = undefined;
      if (step === aborted || signal?.aborted) break;
      let events: Iterable<HarnessEvent>;
      if (step.done) {
        exhausted = true;
        if (!mapper) break;
        events = mapper.finish();
      } else {
        events = mapper ? mapper.push(step.value) : [step.value as HarnessEvent];
      }
      for (const event of events) {
        switch (event.type) {
          case "done":
            done = event;
            break read;
          case "tool_call_start":
          case "tool_call_delta":
          case "tool_result":
          case "tool_call_end":
            for (const admitted of admitTool(event)) yield admitted;
            break;
          case "error":
            sawError = true;
            yield event;
            break;
          default:
            yield event;
        }
      }
      if (exhausted) break;
    }
  } catch (error) {
    exhausted = true;
    if (!signal?.aborted) {
      if (CancelledError.isInstance(error)) cancelled = true;
      else failure = toErrorEvent(error);
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    if (iterator && !exhausted) closeQuietly(iterator);
  }

  for (const id of open) yield { type: "tool_call_end", id, ...args.complete(id) };

  if (done) {
    yield done;
    return;
  }

  if (signal?.aborted && options.onAbort) await settleWithin(options.onAbort, options.abortTimeoutMs ?? 10_000);

  let snapshot: StreamSnapshot = {};
  try {
    snapshot = mapper?.snapshot() ?? {};
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

/** Runs `work`, waiting for it at most `ms`; its outcome does not matter, only that it had its chance. */
async function settleWithin(work: () => unknown, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([
      Promise.resolve()
        .then(work)
        .then(undefined, () => {}),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function closeQuietly(iterator: AsyncIterator<unknown>): void {
  try {
    const closing = iterator.return?.();
    if (closing && typeof closing.then === "function") closing.then(undefined, () => {});
  } catch {
    // A source that fails to close has nothing more to tell the consumer.
  }
}
