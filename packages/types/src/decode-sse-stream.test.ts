import { describe, expect, it } from "vitest";
import { decodeSseStream } from "./decode-sse-stream";
import { encodeSseEvent } from "./encode-sse-event";
import type { ExecutionEvent } from "./execution-event";
import { exampleStream } from "./fixtures/example-events";
import { SseDecodeError } from "./sse-decode-error";

const wire = exampleStream.map((event) => encodeSseEvent(event)).join("");
const bad = "data: {nope\n\n";
const ok = 'data: {"type":"text","content":"ok"}\n\n';

async function collect(source: AsyncIterable<ExecutionEvent>): Promise<ExecutionEvent[]> {
  const events: ExecutionEvent[] = [];
  for await (const event of source) events.push(event);
  return events;
}

/** A byte stream of `chunks` that records whether the consumer cancelled it. */
function trackedStream(chunks: string[]) {
  const state = { cancelled: false };
  const encoder = new TextEncoder();
  let index = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(encoder.encode(chunk));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

describe("decodeSseStream", () => {
  it("decodes a fetch Response body", async () => {
    const response = new Response(wire, { headers: { "content-type": "text/event-stream" } });
    expect(await collect(decodeSseStream(response.body!))).toEqual(exampleStream);
  });

  it("decodes a text stream piped through TextDecoderStream", async () => {
    const body = new Response(wire).body!.pipeThrough(new TextDecoderStream());
    expect(await collect(decodeSseStream(body))).toEqual(exampleStream);
  });

  it("decodes an async iterable of string and byte chunks, dispatching a final frame without blank line", async () => {
    const bytes = new TextEncoder().encode(wire.slice(0, -1));
    async function* chunks() {
      yield bytes.subarray(0, 101);
      yield new TextDecoder().decode(bytes.subarray(101, 500));
      yield bytes.subarray(500);
    }
    expect(await collect(decodeSseStream(chunks()))).toEqual(exampleStream);
  });

  it("yields the events before a malformed frame, then throws and cancels the source", async () => {
    const { stream, state } = trackedStream([ok + ok + bad + ok, ok]);
    const events: ExecutionEvent[] = [];
    let caught: unknown;
    try {
      for await (const event of decodeSseStream(stream)) events.push(event);
    } catch (error) {
      caught = error;
    }
    expect(events).toHaveLength(2);
    expect(SseDecodeError.isInstance(caught)).toBe(true);
    expect((caught as SseDecodeError).reason).toBe("invalid JSON");
    expect(state.cancelled).toBe(true);
  });

  it("skips malformed frames with onMalformed: skip", async () => {
    const { stream } = trackedStream([ok, bad, ok]);
    expect(await collect(decodeSseStream(stream, { onMalformed: "skip" }))).toHaveLength(2);
  });

  it("cancels a ReadableStream when the consumer stops early, aborting the request", async () => {
    const { stream, state } = trackedStream([ok, ok, ok]);
    for await (const _event of decodeSseStream(stream)) break;
    expect(state.cancelled).toBe(true);
    expect(stream.locked).toBe(false);
  });

  it("does not cancel a stream it read to the end", async () => {
    const { stream, state } = trackedStream([ok]);
    expect(await collect(decodeSseStream(stream))).toHaveLength(1);
    expect(state.cancelled).toBe(false);
  });

  it("passes on the source's own error", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.error(new Error("connection reset"));
      },
    });
    await expect(collect(decodeSseStream(stream))).rejects.toThrow("connection reset");
  });
});
