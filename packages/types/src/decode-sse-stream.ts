import type { ExecutionEvent } from "./execution-event";
import { SseDecodeError } from "./sse-decode-error";
import { type SseDecodeOptions, SseEventDecoder } from "./sse-event-decoder";

/**
 * What {@link decodeSseStream} reads: a `fetch` response body (bytes, or text after a
 * `TextDecoderStream`), or any async iterable of chunks such as a Node request.
 */
export type SseSource = AsyncIterable<string | Uint8Array> | ReadableStream<string | Uint8Array>;

/**
 * Decodes an OpenHarness SSE stream into validated events, with the rules of
 * {@link SseEventDecoder}. In `"throw"` mode it yields every event before a malformed frame, then
 * throws the {@link SseDecodeError}. Stopping early (`break`) or a throw cancels a `ReadableStream`
 * source, which aborts the underlying `fetch`.
 *
 * @example
 * const response = await fetch("/v1/execute/stream", { method: "POST", body });
 * for await (const event of decodeSseStream(response.body!)) handle(event);
 */
export async function* decodeSseStream(
  source: SseSource,
  options?: SseDecodeOptions,
): AsyncGenerator<ExecutionEvent, void, undefined> {
  const decoder = new SseEventDecoder(options);
  for await (const chunk of chunksOf(source)) yield* drain(() => decoder.push(chunk));
  yield* drain(() => decoder.end());
}

function* drain(decode: () => ExecutionEvent[]): Generator<ExecutionEvent, void, undefined> {
  let events: ExecutionEvent[];
  try {
    events = decode();
  } catch (error) {
    if (SseDecodeError.isInstance(error)) yield* error.events;
    throw error;
  }
  yield* events;
}

async function* chunksOf(source: SseSource): AsyncGenerator<string | Uint8Array, void, undefined> {
  // Read through a reader rather than `for await`: not every browser makes ReadableStream iterable.
  if (!isReadableStream(source)) {
    yield* source;
    return;
  }
  const reader = source.getReader();
  let finished = false;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function isReadableStream(source: SseSource): source is ReadableStream<string | Uint8Array> {
  return typeof (source as { getReader?: unknown }).getReader === "function";
}
