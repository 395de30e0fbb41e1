import { expectTypeOf, test } from "vitest";
import {
  decodeSseStream,
  encodeSseEvent,
  type ExecutionEvent,
  SseDecodeError,
  type SseDecodeOptions,
  SseEventDecoder,
  type SseSource,
} from "./index";

test("encodeSseEvent takes only events", () => {
  expectTypeOf(encodeSseEvent).returns.toEqualTypeOf<string>();
  // @ts-expect-error the spec's `thinking.content` is not an OpenHarness event
  encodeSseEvent({ type: "thinking", content: "hmm" });
  // @ts-expect-error an id is a string
  encodeSseEvent({ type: "text", content: "a" }, { id: 1 });
});

test("the decoder returns typed events", () => {
  const decoder = new SseEventDecoder({ onMalformed: (error) => expectTypeOf(error).toEqualTypeOf<SseDecodeError>() });
  expectTypeOf(decoder.push).parameter(0).toEqualTypeOf<string | Uint8Array>();
  expectTypeOf(decoder.push("")).toEqualTypeOf<ExecutionEvent[]>();
  expectTypeOf(decoder.end()).toEqualTypeOf<ExecutionEvent[]>();
  expectTypeOf<SseDecodeOptions["onMalformed"]>().extract<string>().toEqualTypeOf<"throw" | "skip">();
  // @ts-expect-error only the documented policies
  new SseEventDecoder({ onMalformed: "ignore" });
});

test("decodeSseStream reads fetch bodies, text streams and async iterables", async () => {
  const response = await fetch("https://example.invalid");
  expectTypeOf(response.body!).toExtend<SseSource>();
  expectTypeOf(response.body!.pipeThrough(new TextDecoderStream())).toExtend<SseSource>();
  expectTypeOf<AsyncGenerator<string>>().toExtend<SseSource>();
  expectTypeOf(decodeSseStream(response.body!)).toEqualTypeOf<AsyncGenerator<ExecutionEvent, void, undefined>>();
  expectTypeOf<ReadableStream<number>>().not.toExtend<SseSource>();
});

test("SseDecodeError exposes the frame, the reason and the events before it", () => {
  expectTypeOf<SseDecodeError>().toExtend<Error>();
  expectTypeOf<SseDecodeError["frame"]>().toEqualTypeOf<string>();
  expectTypeOf<SseDecodeError["reason"]>().toEqualTypeOf<string>();
  expectTypeOf<SseDecodeError["events"]>().toEqualTypeOf<ExecutionEvent[]>();
  const unknownError: unknown = null;
  if (SseDecodeError.isInstance(unknownError)) expectTypeOf(unknownError).toEqualTypeOf<SseDecodeError>();
});
