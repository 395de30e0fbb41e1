import { type ExecutionEvent, ExecutionEventSchema, formatIssues, validate } from "@openharness/types";
import { ToolCallArguments } from "../tool-call-arguments";

type ToolState = "started" | "streaming" | "result" | "ended";

/**
 * Throws, naming the first offending event, unless `events` is a complete OpenHarness stream:
 * every event valid; exactly one `done`, last; per tool id `tool_call_start` → `tool_call_delta`*
 * → `tool_result`? → `tool_call_end`, each id used for one call and every call ended before
 * `done`; usage counters non-negative integers; and a `done` with `stop_reason: "error"`
 * preceded by the `error` event that explains it; every `tool_call_end` carrying the call's
 * complete arguments (what its start and deltas said); and a `done` with `stop_reason:
 * "requires_approval"` preceded by the `approval_request` it waits on.
 */
export function assertStreamInvariants(events: readonly unknown[]): asserts events is ExecutionEvent[] {
  const tools = new Map<string, ToolState>();
  let sawError = false;
  let sawApproval = false;
  const args = new ToolCallArguments();
  let doneAt = -1;

  const fail = (index: number, message: string): never => {
    const event = events[index] as { type?: unknown; id?: unknown } | undefined;
    const what =
      event && typeof event === "object"
        ? ` (${String(event.type)}${event.id === undefined ? "" : ` "${String(event.id)}"`})`
        : "";
    throw new Error(`Stream invariant violated at event #${index}${what}: ${message}`);
  };

  if (events.length === 0)
    throw new Error("Stream invariant violated: the stream is empty; it must end with exactly one done event.");

  events.forEach((raw, index) => {
    const parsed = validate(ExecutionEventSchema, raw);
    if (!parsed.success) fail(index, `not a valid ExecutionEvent: ${formatIssues(parsed.issues)}`);
    if (doneAt >= 0) fail(index, `an event after done (done was event #${doneAt}); done must be last and only once`);
    const event = raw as ExecutionEvent;
    switch (event.type) {
      case "tool_call_start":
        if (tools.has(event.id))
          fail(index, `tool call id "${event.id}" started twice; ids must be unique within a stream`);
        tools.set(event.id, "started");
        args.start(event.id, event);
        break;
      case "tool_call_delta":
      case "tool_result":
      case "tool_call_end": {
        const state = tools.get(event.id);
        if (state === undefined) fail(index, `no tool_call_start before it for id "${event.id}"`);
        if (state === "ended") fail(index, `tool call "${event.id}" already ended`);
        if (event.type === "tool_call_delta" && state === "result")
          fail(index, `tool_call_delta after the tool_result of "${event.id}"`);
        if (event.type === "tool_result" && state === "result") fail(index, `second tool_result for "${event.id}"`);
        tools.set(
          event.id,
          event.type === "tool_call_delta" ? "streaming" : event.type === "tool_result" ? "result" : "ended",
        );
        if (event.type === "tool_call_delta") args.delta(event.id, event.input_delta.partial_json);
        if (event.type === "tool_call_end") {
          const expected = args.complete(event.id);
          const got = { input: event.input, ...(event.raw_input === undefined ? {} : { raw_input: event.raw_input }) };
          if (!sameJson(got, expected)) {
            fail(
              index,
              `tool_call_end must carry the call's complete arguments: expected ${JSON.stringify(expected)} (from its start and deltas), got ${JSON.stringify(got)}`,
            );
          }
        }
        break;
      }
      case "error":
        sawError = true;
        break;
      case "approval_request":
        sawApproval = true;
        break;
      case "done": {
        // Usage counters are non-negative integers by the event's schema, checked above.
        doneAt = index;
        const open = [...tools].filter(([, state]) => state !== "ended").map(([id]) => `"${id}"`);
        if (open.length > 0)
          fail(index, `tool calls still open at done: ${open.join(", ")}; each needs a tool_call_end first`);
        if (event.stop_reason === "error" && !sawError)
          fail(index, `stop_reason "error" without an error event before it`);
        if (event.stop_reason === "requires_approval" && !sawApproval)
          fail(index, `stop_reason "requires_approval" without an approval_request event before it`);
        break;
      }
    }
  });

  if (doneAt < 0) fail(events.length - 1, "the stream ended without a done event; it must end with exactly one");
}

/** Deep equality of JSON values, whatever the key order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every(
      (key) =>
        Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}
