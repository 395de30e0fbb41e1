import { Stream } from "@letta-ai/letta-client/core/streaming";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LettaSseFrames } from "./letta-sse-frames";

/** A response whose body arrives as exactly these chunks. */
function responseOf(chunks: Uint8Array[]): Response {
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream" } });
}

/** Every frame an iterator yields, then how it ended: `done`, or the error's class and text. */
async function outcome(iterator: AsyncIterator<unknown>): Promise<{ frames: unknown[]; end: string }> {
  const frames: unknown[] = [];
  try {
    for (;;) {
      const step = await iterator.next();
      if (step.done) return { frames, end: "done" };
      frames.push(step.value);
    }
  } catch (error) {
    const { name, message } = error as Error;
    return { frames, end: `${(error as object).constructor.name} ${name}: ${message}` };
  }
}

const sdk = (chunks: Uint8Array[]) =>
  outcome(Stream.fromSSEResponse<unknown>(responseOf(chunks), new AbortController())[Symbol.asyncIterator]());
const ours = (chunks: Uint8Array[]) => outcome(new LettaSseFrames(responseOf(chunks)));

/** Splits `bytes` at the given cut points (positions anywhere, multibyte characters included). */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    if (point > start) chunks.push(bytes.slice(start, point));
    start = Math.max(start, point);
  }
  return chunks;
}

const frame = (data: unknown) => `data: ${JSON.stringify(data)}`;
const pieces = fc.oneof(
  fc.constant(frame({ message_type: "ping", run_id: "run-1" })),
  fc
    .string({ unit: "grapheme", maxLength: 12 })
    .map((text) => frame({ message_type: "assistant_message", content: `é🙂${text}` })),
  fc.constant(": keepalive comment"),
  fc.constant("event: ping"),
  fc.constant("event: error"),
  fc.constant('data: {"message_type":"error_message","error_type":"llm_error"}'),
  fc.constant("data: [DONE]"),
  fc.constant("data:"),
  fc.constant("data: {not json"),
  fc.constant("id: 7"),
  fc.constant("retry: 10"),
  fc.constant(""),
);
const lineBreak = fc.constantFrom("\n", "\r\n", "\r");

describe("LettaSseFrames reads a body exactly as the SDK's Stream does", () => {
  it("for any lines, line breaks and chunk splits (frames, then the same end or the same error)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(pieces, lineBreak), { maxLength: 14 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (lines, cuts) => {
          const text = lines.map(([line, end]) => line + end).join("");
          const chunks = split(new TextEncoder().encode(text), cuts);
          expect(await ours(chunks)).toEqual(await sdk(chunks));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("a typical Letta turn, one byte at a time", async () => {
    const text = [
      frame({ message_type: "ping", run_id: "run-1" }),
      frame({ message_type: "assistant_message", content: "Olá 🙂" }),
      frame({ message_type: "stop_reason", stop_reason: "end_turn" }),
      "data: [DONE]",
      "",
    ].join("\n\n");
    const bytes = new TextEncoder().encode(text);
    const chunks = Array.from(bytes, (byte) => Uint8Array.of(byte));
    const result = await ours(chunks);
    expect(result).toEqual(await sdk(chunks));
    expect(result.frames).toHaveLength(3);
    expect(result.end).toBe("done");
  });
});

/** A body whose chunks the test sends one by one; `cancelled` says whether the reader gave it up. */
function liveBody() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const state = { cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      state.cancelled = true;
    },
  });
  const send = (text: string) => controller.enqueue(new TextEncoder().encode(text));
  return { response: new Response(body), send, error: (e: unknown) => controller.error(e), state };
}

const settledYet = async (promise: Promise<unknown>) => {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 5));
  return settled;
};

describe("LettaSseFrames while a read waits for the body", () => {
  it("return(): the waiting read ends done, the body is cancelled, onEnd says it ended normally", async () => {
    const { response, state } = liveBody();
    const ends: unknown[][] = [];
    const frames = new LettaSseFrames(response, { onEnd: (...args) => void ends.push(args) });
    const waiting = frames.next();
    expect(await settledYet(waiting)).toBe(false);
    await frames.return();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(state.cancelled).toBe(true);
    expect(ends).toEqual([[]]);
    expect(await frames.next()).toEqual({ done: true, value: undefined });
  });

  it("fail(): the waiting read and every later one reject with what onEnd made of the error", async () => {
    const { response, state } = liveBody();
    const cause = new Error("idle");
    const frames = new LettaSseFrames(response, { onEnd: (error) => ({ mapped: error }) });
    const waiting = frames.next();
    frames.fail(cause);
    await expect(waiting).rejects.toEqual({ mapped: cause });
    await expect(frames.next()).rejects.toEqual({ mapped: cause });
    // The request's abort releases the body, not the frames.
    expect(state.cancelled).toBe(false);
  });

  it("finish(): the waiting read ends done; a chunk arriving afterwards is not read", async () => {
    const { response, send } = liveBody();
    const frames = new LettaSseFrames(response);
    const waiting = frames.next();
    frames.finish();
    send(`${frame({ message_type: "usage_statistics" })}\n\n`);
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(await frames.next()).toEqual({ done: true, value: undefined });
  });

  it("a connection that fails mid-body: the frames before it, then onEnd's error, told it dropped", async () => {
    const { response, send, error } = liveBody();
    const ends: unknown[][] = [];
    const frames = new LettaSseFrames(response, {
      onEnd: (...args) => {
        ends.push(args);
        return args[0];
      },
    });
    send(`${frame({ message_type: "ping" })}\n\n`);
    expect(await frames.next()).toEqual({ done: false, value: { message_type: "ping" } });
    const reset = new TypeError("terminated");
    const waiting = frames.next();
    error(reset);
    await expect(waiting).rejects.toBe(reset);
    expect(ends).toEqual([[reset, true]]);
  });

  it("an aborted request ends the frames quietly, as the SDK's stream does", async () => {
    const { response, error } = liveBody();
    const frames = new LettaSseFrames(response);
    const waiting = frames.next();
    error(new DOMException("stopped", "AbortError"));
    expect(await waiting).toEqual({ done: true, value: undefined });
  });
});
