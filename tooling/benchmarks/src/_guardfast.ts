// Scratch prototype of a cheaper guardEventStream (same contract, hot path reworked).
import { CancelledError, toErrorEvent, type GuardEventStreamOptions, type StreamSnapshot } from "@openharness/adapter-kit";
import { type DoneEvent, type ErrorEvent, type ExecutionEvent, emptyUsage } from "@openharness/types";
const aborted = Symbol("aborted");
export async function* guardFast(source: AsyncIterable<ExecutionEvent>, options: GuardEventStreamOptions = {}): AsyncGenerator<ExecutionEvent, void, undefined> {
  const { signal } = options;
  const open = new Set<string>(); const withResult = new Set<string>(); const ended = new Set<string>();
  let done: DoneEvent | undefined; let failure: ErrorEvent | undefined; let cancelled = false; let sawError = false; let exhausted = false;
  let iterator: AsyncIterator<ExecutionEvent> | undefined;
  let wake: ((v: typeof aborted) => void) | undefined;
  const onAbort = () => wake?.(aborted);
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    iterator = source[Symbol.asyncIterator]();
    while (!signal?.aborted) {
      let step: IteratorResult<ExecutionEvent> | typeof aborted;
      if (signal) {
        const next = iterator.next();
        step = await new Promise<IteratorResult<ExecutionEvent> | typeof aborted>((resolve, reject) => { wake = resolve; next.then(resolve, reject); });
        wake = undefined;
      } else step = await iterator.next();
      if (step === aborted || signal?.aborted) break;
      if (step.done) { exhausted = true; break; }
      const event = step.value;
      switch (event.type) {
        case "done": done = event; break;
        case "tool_call_start":
          if (open.has(event.id) || ended.has(event.id)) continue;
          open.add(event.id); yield event; continue;
        case "tool_call_delta": case "tool_result": case "tool_call_end":
          if (ended.has(event.id)) continue;
          if (!open.has(event.id)) { open.add(event.id); yield { type: "tool_call_start", id: event.id, name: "unknown", input: {} }; }
          if (event.type === "tool_call_delta" && withResult.has(event.id)) continue;
          if (event.type === "tool_result") { if (withResult.has(event.id)) continue; withResult.add(event.id); }
          if (event.type === "tool_call_end") { open.delete(event.id); ended.add(event.id); }
          yield event; continue;
        case "error": sawError = true; yield event; continue;
        default: yield event; continue;
      }
      break;
    }
  } catch (error) {
    exhausted = true;
    if (!signal?.aborted) { if (CancelledError.isInstance(error)) cancelled = true; else failure = toErrorEvent(error); }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    if (iterator && !exhausted) { try { const c = iterator.return?.(); c?.then(undefined, () => {}); } catch {} }
  }
  for (const id of open) yield { type: "tool_call_end", id };
  if (done) { yield done; return; }
  let snapshot: StreamSnapshot = {};
  try { snapshot = options.snapshot?.() ?? {}; } catch {}
  const finish = (stop_reason: DoneEvent["stop_reason"]): DoneEvent => ({ type: "done", usage: snapshot.usage ?? emptyUsage(), stop_reason });
  if (signal?.aborted || cancelled) yield finish("cancelled");
  else if (failure) { yield failure; yield finish("error"); }
  else { if (!sawError) yield { type: "error", code: "stream_interrupted", message: "x", recoverable: true }; yield finish("error"); }
}
