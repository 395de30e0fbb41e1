import type { DoneEvent, ExecutionEvent } from "@openharness/types";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CancelledError, RateLimitError } from "@openharness/types/errors";
import {
  guardEventStream,
  type HarnessEvent,
  type HarnessStreamMapper,
  type StreamSnapshot,
} from "./guard-event-stream";

const usage = { input_tokens: 3, output_tokens: 4, total_tokens: 7 };
const done: DoneEvent = { type: "done", usage, stop_reason: "end_turn" };

async function* from(events: HarnessEvent[], thenThrow?: unknown): AsyncGenerator<HarnessEvent> {
  for (const event of events) yield event;
  if (thenThrow !== undefined) throw thenThrow;
}

async function drain(stream: AsyncIterable<ExecutionEvent>): Promise<ExecutionEvent[]> {
  const events: ExecutionEvent[] = [];
  for await (const event of stream) events.push(event);
  // Every case must end with exactly one done, last.
  expect(events.filter((event) => event.type === "done")).toHaveLength(1);
  expect(events.at(-1)?.type).toBe("done");
  return events;
}

/** A source that yields `first`, then waits forever on the next read (a silent connection). */
/** A source that never ends; with `rejectAfterAbort`, its pending read fails just after that signal aborts. */
function hanging(first: HarnessEvent[] = [], options: { rejectAfterAbort?: AbortSignal } = {}) {
  let index = 0;
  const source = {
    next: vi.fn((): Promise<IteratorResult<HarnessEvent>> => {
      if (index < first.length) return Promise.resolve({ done: false, value: first[index++]! });
      const signal = options.rejectAfterAbort;
      if (signal) {
        return new Promise((_, reject) => {
          const fail = () => setTimeout(() => reject(new Error("late failure")), 0);
          if (signal.aborted) fail();
          else signal.addEventListener("abort", fail, { once: true });
        });
      }
      return new Promise(() => {});
    }),
    return: vi.fn(async (): Promise<IteratorResult<HarnessEvent>> => ({ done: true, value: undefined })),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return source;
}

const withTimeout = <T>(promise: Promise<T>, ms = 500): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still pending after ${ms}ms`)), ms)),
  ]);

type Process = {
  on(event: string, fn: (reason: unknown) => void): void;
  off(event: string, fn: (reason: unknown) => void): void;
};
const processRef = (globalThis as unknown as { process: Process }).process;
let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(() => {
  unhandled = [];
  processRef.on("unhandledRejection", onUnhandled);
});

afterEach(async () => {
  // Late rejections (a source failing after an abort) surface a few ticks later.
  await new Promise((resolve) => setTimeout(resolve, 30));
  processRef.off("unhandledRejection", onUnhandled);
  expect(unhandled).toEqual([]);
});

/** A mapper that passes events through and reports `snapshot` for the done the guard writes. */
const passThrough = (snapshot: () => StreamSnapshot): HarnessStreamMapper<HarnessEvent> => ({
  push: (event) => [event],
  finish: () => [],
  snapshot,
});

describe("guardEventStream", () => {
  it("passes a well-formed stream through unchanged", async () => {
    const events: ExecutionEvent[] = [
      { type: "thinking", thinking: "hmm" },
      { type: "tool_call_start", id: "t1", name: "search", input: {} },
      { type: "tool_call_delta", id: "t1", input_delta: { partial_json: '{"q":1}' } },
      { type: "tool_result", id: "t1", success: true, output: "found" },
      { type: "tool_call_end", id: "t1", input: { q: 1 } },
      { type: "text", content: "Hi" },
      done,
    ];
    expect(await drain(guardEventStream(from(events)))).toEqual(events);
  });

  it("gives every tool_call_end the call's complete parsed arguments when the adapter left them out", async () => {
    const events = await drain(
      guardEventStream(
        from([
          { type: "tool_call_start", id: "streamed", name: "search", input: {} },
          { type: "tool_call_delta", id: "streamed", input_delta: { partial_json: '{"query":"ca' } },
          { type: "tool_call_delta", id: "streamed", input_delta: { partial_json: 'ts","n":2}' } },
          { type: "tool_call_end", id: "streamed" },
          { type: "tool_call_start", id: "whole", name: "calc", input: { x: 1 } },
          { type: "tool_call_end", id: "whole" },
          { type: "tool_call_start", id: "shell", name: "sh", input: {} },
          { type: "tool_call_delta", id: "shell", input_delta: { partial_json: "ls -la" } },
          { type: "tool_call_end", id: "shell" },
          { type: "tool_call_start", id: "given", name: "calc", input: {} },
          { type: "tool_call_delta", id: "given", input_delta: { partial_json: '{"x":' } },
          { type: "tool_call_end", id: "given", input: { x: 3 } },
          { type: "tool_call_start", id: "open", name: "search", input: {} },
          { type: "tool_call_delta", id: "open", input_delta: { partial_json: '{"q":"left open"}' } },
          done,
        ]),
      ),
    );
    const ends = events.filter((event) => event.type === "tool_call_end");
    expect(ends).toEqual([
      { type: "tool_call_end", id: "streamed", input: { query: "cats", n: 2 } },
      { type: "tool_call_end", id: "whole", input: { x: 1 } },
      { type: "tool_call_end", id: "shell", input: {}, raw_input: "ls -la" },
      { type: "tool_call_end", id: "given", input: { x: 3 } },
      { type: "tool_call_end", id: "open", input: { q: "left open" } },
    ]);
  });

  it("turns a throwing source into error + done{error}, keeping what came before", async () => {
    const events = await drain(guardEventStream(from([{ type: "text", content: "Hel" }], new Error("socket hang up"))));
    expect(events).toEqual([
      { type: "text", content: "Hel" },
      { type: "error", code: "harness_error", message: "socket hang up", recoverable: false },
      { type: "done", usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 }, stop_reason: "error" },
    ]);
  });

  it("keeps a thrown OpenHarnessError's code and retryability, and uses the snapshot for done", async () => {
    const snapshot = () => ({ usage, metadata: { run_id: "run-1" } });
    const events = await drain(
      guardEventStream(from([], new RateLimitError({ message: "slow down", retryAfterMs: 100 })), {
        mapper: passThrough(snapshot),
      }),
    );
    expect(events[0]).toMatchObject({
      type: "error",
      code: "rate_limited",
      recoverable: true,
      details: { retry_after_ms: 100 },
    });
    expect(events[1]).toEqual({ type: "done", usage, stop_reason: "error", metadata: { run_id: "run-1" } });
  });

  it("treats a thrown CancelledError as a cancellation, not a failure", async () => {
    const events = await drain(
      guardEventStream(from([{ type: "text", content: "a" }], new CancelledError({ message: "stop" }))),
    );
    expect(events.map((event) => event.type)).toEqual(["text", "done"]);
    expect(events.at(-1)).toMatchObject({ stop_reason: "cancelled" });
  });

  it("reports a source that ends without done as stream_interrupted", async () => {
    const snapshot = () => ({ usage, raw_stop_reason: "cut", metadata: { run_id: "run-9" } });
    const events = await drain(
      guardEventStream(from([{ type: "text", content: "Hel" }]), { mapper: passThrough(snapshot) }),
    );
    expect(events.slice(1)).toEqual([
      {
        type: "error",
        code: "stream_interrupted",
        message: expect.any(String),
        recoverable: true,
        details: { run_id: "run-9" },
      },
      { type: "done", usage, stop_reason: "error", raw_stop_reason: "cut", metadata: { run_id: "run-9" } },
    ]);
  });

  it("does not add stream_interrupted when the source already reported its error", async () => {
    const error: ExecutionEvent = { type: "error", code: "harness_error", message: "boom", recoverable: false };
    const events = await drain(guardEventStream(from([error])));
    expect(events.map((event) => event.type)).toEqual(["error", "done"]);
  });

  it("ignores events after done and closes the source", async () => {
    const source = hanging([{ type: "text", content: "a" }, done, { type: "text", content: "late" }, done]);
    const events = await drain(guardEventStream(source));
    expect(events).toEqual([{ type: "text", content: "a" }, done]);
    expect(source.return).toHaveBeenCalledTimes(1);
  });

  it("repairs duplicate and out-of-order tool events", async () => {
    const events = await drain(
      guardEventStream(
        from([
          { type: "tool_call_start", id: "a", name: "search", input: {} },
          { type: "tool_call_start", id: "a", name: "search", input: {} },
          { type: "tool_result", id: "a", success: true, output: 1 },
          { type: "tool_call_delta", id: "a", input_delta: { partial_json: "{}" } },
          { type: "tool_result", id: "a", success: false, error: "again" },
          { type: "tool_call_end", id: "a" },
          { type: "tool_call_end", id: "a" },
          { type: "tool_result", id: "a", success: true },
          { type: "tool_result", id: "b", success: true, output: "orphan" },
          done,
        ]),
      ),
    );
    expect(events).toEqual([
      { type: "tool_call_start", id: "a", name: "search", input: {} },
      { type: "tool_result", id: "a", success: true, output: 1 },
      { type: "tool_call_end", id: "a", input: {} },
      { type: "tool_call_start", id: "b", name: "unknown", input: {} },
      { type: "tool_result", id: "b", success: true, output: "orphan" },
      { type: "tool_call_end", id: "b", input: {} },
      done,
    ]);
  });

  it("closes tool calls still open before done, whoever ends the stream", async () => {
    const start: HarnessEvent = { type: "tool_call_start", id: "x", name: "run", input: {} };
    for (const source of [from([start, done]), from([start]), from([start], new Error("boom"))]) {
      const events = await drain(guardEventStream(source));
      const end = events.findIndex((event) => event.type === "tool_call_end");
      expect(end).toBeGreaterThan(0);
      expect(end).toBeLessThan(events.length - 1);
    }
  });

  it("ends promptly with done{cancelled} when aborted while the source hangs, and closes the source", async () => {
    const controller = new AbortController();
    const source = hanging([
      { type: "text", content: "partial" },
      { type: "tool_call_start", id: "t", name: "slow", input: {} },
    ]);
    const snapshot = () => ({ usage, raw_stop_reason: "aborted", metadata: { run_id: "run-5" } });
    const stream = guardEventStream(source, { signal: controller.signal, mapper: passThrough(snapshot) });
    setTimeout(() => controller.abort(), 10);
    const events = await withTimeout(drain(stream));
    expect(events).toEqual([
      { type: "text", content: "partial" },
      { type: "tool_call_start", id: "t", name: "slow", input: {} },
      { type: "tool_call_end", id: "t", input: {} },
      { type: "done", usage, stop_reason: "cancelled", raw_stop_reason: "aborted", metadata: { run_id: "run-5" } },
    ]);
    expect(source.return).toHaveBeenCalledTimes(1);
  });

  it("does not leak a rejection from a source that fails after the abort", async () => {
    const controller = new AbortController();
    const source = hanging([], { rejectAfterAbort: controller.signal });
    controller.abort();
    const stream = guardEventStream(source, { signal: controller.signal });
    // Already aborted: the source is never read, so start it by hand to get a late rejection too.
    source.next().catch(() => {});
    const events = await drain(stream);
    expect(events).toEqual([
      { type: "done", usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 }, stop_reason: "cancelled" },
    ]);

    const second = new AbortController();
    const late = hanging([], { rejectAfterAbort: second.signal });
    const pending = drain(guardEventStream(late, { signal: second.signal }));
    await new Promise((resolve) => setTimeout(resolve, 1));
    second.abort();
    expect((await pending).at(-1)).toMatchObject({ stop_reason: "cancelled" });
  });

  it("with a signal aborted before the start, reads nothing and ends with done{cancelled}", async () => {
    const source = hanging([{ type: "text", content: "never" }]);
    const events = await drain(guardEventStream(source, { signal: AbortSignal.abort() }));
    expect(events).toEqual([
      { type: "done", usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 }, stop_reason: "cancelled" },
    ]);
    expect(source.next).not.toHaveBeenCalled();
    expect(source.return).toHaveBeenCalledTimes(1);
  });

  it("ends with the cancellation when aborted between two reads", async () => {
    const controller = new AbortController();
    const seen: ExecutionEvent[] = [];
    for await (const event of guardEventStream(
      from([{ type: "text", content: "a" }, { type: "text", content: "b" }, done]),
      { signal: controller.signal },
    )) {
      seen.push(event);
      controller.abort();
    }
    expect(seen).toEqual([
      { type: "text", content: "a" },
      { type: "done", usage: expect.any(Object), stop_reason: "cancelled" },
    ]);
  });

  it("calls the source's return when the consumer breaks", async () => {
    const source = hanging([
      { type: "text", content: "a" },
      { type: "text", content: "b" },
    ]);
    for await (const _ of guardEventStream(source)) break;
    expect(source.return).toHaveBeenCalledTimes(1);

    let closed = false;
    async function* generator(): AsyncGenerator<ExecutionEvent> {
      try {
        yield { type: "text", content: "a" };
        yield done;
      } finally {
        closed = true;
      }
    }
    for await (const _ of guardEventStream(generator())) break;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(closed).toBe(true);
  });

  it("survives a source whose return() throws or rejects", async () => {
    for (const failing of [
      () => {
        throw new Error("sync");
      },
      () => Promise.reject(new Error("async")),
    ]) {
      const source = hanging([{ type: "text", content: "a" }, done]);
      source.return.mockImplementation(failing as () => Promise<IteratorResult<ExecutionEvent>>);
      expect(await drain(guardEventStream(source))).toEqual([{ type: "text", content: "a" }, done]);
    }
    // Not a spy (a spy handles the promises it returns): the guard itself must handle the rejection.
    const plain = {
      next: async (): Promise<IteratorResult<HarnessEvent>> => ({ done: false, value: done }),
      return: () => Promise.reject(new Error("close failed")),
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    await drain(guardEventStream(plain));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(unhandled).toEqual([]);
  });

  it("does not close a source that failed (it is over), nor call onAbort without an abort", async () => {
    const onAbort = vi.fn();
    const source = hanging();
    source.next.mockImplementation(() => Promise.reject(new Error("reset")));
    const events = await drain(guardEventStream(source, { signal: new AbortController().signal, onAbort }));
    expect(events.map((event) => event.type)).toEqual(["error", "done"]);
    expect(source.return).not.toHaveBeenCalled();
    await drain(
      guardEventStream(from([{ type: "text", content: "cut" }]), { signal: new AbortController().signal, onAbort }),
    );
    expect(onAbort).not.toHaveBeenCalled();
  });

  it("leaves no abort listener on the caller's signal, and no timer, once the stream ends", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const controller = new AbortController();
      const added = vi.spyOn(controller.signal, "addEventListener");
      const removed = vi.spyOn(controller.signal, "removeEventListener");
      await drain(guardEventStream(from([{ type: "text", content: "a" }, done]), { signal: controller.signal }));
      expect(added).toHaveBeenCalledOnce();
      expect(removed).toHaveBeenCalledWith("abort", added.mock.calls[0]?.[1]);
      controller.abort();
      await drain(guardEventStream(hanging(), { signal: controller.signal, onAbort: () => undefined }));
      // onAbort settled at once: its 10 s deadline is cleared, not left to hold the process.
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("drops a frame that arrives in the same moment as the abort", async () => {
    const controller = new AbortController();
    const source = hanging();
    source.next.mockImplementation(() => {
      const step = Promise.resolve({ done: false as const, value: { type: "text", content: "late" } as HarnessEvent });
      // The frame is read first; the abort lands before the guard gets to it.
      step.then(() => queueMicrotask(() => controller.abort()));
      return step;
    });
    const events = await drain(guardEventStream(source, { signal: controller.signal }));
    expect(events).toEqual([
      { type: "done", usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 }, stop_reason: "cancelled" },
    ]);
  });

  it("writes its own done and error with only the fields it knows", async () => {
    const events = await drain(guardEventStream(from([])));
    expect(events).toStrictEqual([
      {
        type: "error",
        code: "stream_interrupted",
        message: "The stream ended without a final event.",
        recoverable: true,
      },
      { type: "done", usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 }, stop_reason: "error" },
    ]);
  });

  it("forgets an ended call after 256 later ones (memory stays flat), dropping its late events until then", async () => {
    const call = (id: string, output: string): HarnessEvent[] => [
      { type: "tool_call_start", id, name: "t", input: {} },
      { type: "tool_result", id, success: true, output },
      { type: "tool_call_end", id, input: {} },
    ];
    const others = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => call(`o${from + i}`, "x")).flat();
    const events = await drain(
      guardEventStream(
        from([
          ...call("c0", "first"),
          ...others(0, 255),
          { type: "tool_result", id: "c0", success: true, output: "late" },
          ...others(255, 256),
          ...call("c0", "second"),
          done,
        ]),
      ),
    );
    const c0 = events.filter((event) => "id" in event && event.id === "c0");
    expect(c0.map((event) => [event.type, "output" in event ? event.output : undefined])).toEqual([
      ["tool_call_start", undefined],
      ["tool_result", "first"],
      ["tool_call_end", undefined],
      ["tool_call_start", undefined],
      ["tool_result", "second"],
      ["tool_call_end", undefined],
    ]);
  });

  it("still writes done when the snapshot throws, or the source is not iterable", async () => {
    const snapshot = () => {
      throw new Error("no figures");
    };
    expect((await drain(guardEventStream(from([]), { mapper: passThrough(snapshot) }))).at(-1)).toMatchObject({
      stop_reason: "error",
      usage: { total_tokens: 0 },
    });
    const broken = {
      [Symbol.asyncIterator]: () => {
        throw new TypeError("not a stream");
      },
    } as unknown as AsyncIterable<ExecutionEvent>;
    expect(await drain(guardEventStream(broken))).toMatchObject([
      { type: "error", message: "not a stream" },
      { type: "done", stop_reason: "error" },
    ]);
  });

  it("finishes onAbort (e.g. cancelling the run on the harness) before the cancelled done", async () => {
    const controller = new AbortController();
    const order: string[] = [];
    const stream = guardEventStream(hanging([{ type: "text", content: "a" }]), {
      signal: controller.signal,
      onAbort: async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        order.push("cancelled on harness");
      },
    });
    const events: ExecutionEvent[] = [];
    for await (const event of stream) {
      events.push(event);
      if (event.type === "text") controller.abort();
      if (event.type === "done") order.push("done");
    }
    expect(order).toEqual(["cancelled on harness", "done"]);
    expect(events.at(-1)).toMatchObject({ type: "done", stop_reason: "cancelled" });
  });

  it("does not let a failing or hanging onAbort hold the stream", async () => {
    const controller = new AbortController();
    controller.abort();
    const failing = guardEventStream(hanging(), {
      signal: controller.signal,
      onAbort: () => Promise.reject(new Error("409")),
    });
    expect((await withTimeout(drain(failing))).at(-1)).toMatchObject({ stop_reason: "cancelled" });
    const hangingAbort = guardEventStream(hanging(), {
      signal: controller.signal,
      onAbort: () => new Promise(() => {}),
      abortTimeoutMs: 30,
    });
    expect((await withTimeout(drain(hangingAbort))).at(-1)).toMatchObject({ stop_reason: "cancelled" });
  });

  it("maps raw harness frames with the mapper's push and closes with its finish, in one layer", async () => {
    async function* frames() {
      yield { say: "Hel" };
      yield { say: "lo", tool: "t1" };
    }
    const events = await drain(
      guardEventStream(frames(), {
        mapper: {
          push: (frame: { say: string; tool?: string }) => [
            { type: "text", content: frame.say },
            ...(frame.tool ? [{ type: "tool_result" as const, id: frame.tool, success: true }] : []),
          ],
          finish: () => [done],
          snapshot: () => ({}),
        },
      }),
    );
    expect(events).toEqual([
      { type: "text", content: "Hel" },
      { type: "text", content: "lo" },
      { type: "tool_call_start", id: "t1", name: "unknown", input: {} },
      { type: "tool_result", id: "t1", success: true },
      { type: "tool_call_end", id: "t1", input: {} },
      done,
    ]);
  });

  it("treats a throwing finish (e.g. no stop reason arrived) as a failure", async () => {
    const events = await drain(
      guardEventStream(from([{ type: "text", content: "a" }]), {
        mapper: {
          ...passThrough(() => ({})),
          finish: () => {
            throw new RateLimitError({ message: "slow down" });
          },
        },
      }),
    );
    expect(events.map((e) => e.type)).toEqual(["text", "error", "done"]);
    expect(events[1]).toMatchObject({ code: "rate_limited" });
  });
});
