import { AGENT_ID, MIXED, type RecordedStream, recordedStream, streamingFetch, TEXT_ONLY } from "./fixture.ts";
import { consumeAdapter, consumeRaw, contestants, openRaw } from "./clients.ts";
import { collectGarbage } from "./stats.ts";

const heapUsed = () => process.memoryUsage().heapUsed;

/** Live heap above the baseline: the peak seen while the work ran, and what stayed after it. */
export interface HeapGrowth {
  /** Highest live heap (sampled after a full GC) above the baseline while running. */
  peak: number;
  /** Live heap above the baseline once the work finished (its result still held). */
  retained: number;
}

async function discard(work: () => Promise<unknown>): Promise<void> {
  await work();
}

/** Samples the live heap (after a full GC) every `every` calls of the returned hook. */
function sampler(every: number) {
  collectGarbage();
  const base = heapUsed();
  let peak = 0;
  return {
    tick(index: number) {
      if (index % every !== 0) return;
      collectGarbage();
      peak = Math.max(peak, heapUsed() - base);
    },
    finish(): HeapGrowth {
      collectGarbage();
      const retained = heapUsed() - base;
      return { peak: Math.max(peak, retained), retained };
    },
  };
}

export interface StreamMemoryResult {
  frames: { short: number; long: number };
  toolCalls: { short: number; long: number };
  adapter: { short: HeapGrowth; long: HeapGrowth };
  raw: { short: HeapGrowth; long: HeapGrowth };
  /** Extra peak heap per extra frame of the long stream, adapter (bytes/frame); ~0 when flat. */
  bytesPerFrame: number;
  /** The same growth per extra tool call (what the adapter keeps per call for its ordering checks). */
  bytesPerToolCall: number;
  flat: boolean;
}

/** Flat: the long stream costs at most 1 byte per extra frame (100 KB per 100,000 frames) more. */
const FLAT_BYTES_PER_FRAME = 1;

/**
 * 3a. Peak live heap while `executeStream` is read to its end and every event dropped, for a
 * short and a long stream (the same mixed token stream as the throughput test); the raw SDK the
 * same way for reference. The live heap is sampled after a full GC 25 times per stream.
 */
export async function streamMemory(shortFrames: number, longFrames: number): Promise<StreamMemoryResult> {
  const streams = { short: recordedStream(shortFrames, MIXED), long: recordedStream(longFrames, MIXED) };
  let current: RecordedStream = streams.short;
  const { client, adapter } = contestants(streamingFetch(() => current));
  // Warm-up: compiled code (which V8 keeps adding for a while) is not part of the stream's cost.
  for (let i = 0; i < 3; i++) {
    await discard(() => consumeRaw(client));
    await discard(() => consumeAdapter(adapter));
  }

  const measure = async (who: "raw" | "adapter", stream: RecordedStream): Promise<HeapGrowth> => {
    current = stream;
    const heap = sampler(Math.ceil(stream.frames / 25));
    const onItem = (index: number) => heap.tick(index);
    await (who === "raw" ? consumeRaw(client, undefined, onItem) : consumeAdapter(adapter, undefined, onItem));
    return heap.finish();
  };
  const adapterShort = await measure("adapter", streams.short);
  const adapterLong = await measure("adapter", streams.long);
  const rawShort = await measure("raw", streams.short);
  const rawLong = await measure("raw", streams.long);
  const extra = adapterLong.peak - adapterShort.peak;
  const bytesPerFrame = extra / (streams.long.frames - streams.short.frames);
  return {
    frames: { short: streams.short.frames, long: streams.long.frames },
    toolCalls: { short: streams.short.toolCalls, long: streams.long.toolCalls },
    adapter: { short: adapterShort, long: adapterLong },
    raw: { short: rawShort, long: rawLong },
    bytesPerFrame,
    bytesPerToolCall: extra / (streams.long.toolCalls - streams.short.toolCalls),
    flat: bytesPerFrame <= FLAT_BYTES_PER_FRAME,
  };
}

export interface ExecuteMemoryResult {
  outputBytes: number;
  frames: number;
  adapter: HeapGrowth;
  /** A hand-written loop over the raw SDK stream that joins the answer text. */
  raw: HeapGrowth;
  /** Adapter peak growth / output size. */
  peakPerOutputByte: number;
  retainedPerOutputByte: number;
}

/**
 * 3b. `execute()` of a turn whose answer is `outputBytes` of text (100-character token frames):
 * peak and retained live heap relative to the output size.
 */
export async function executeMemory(outputBytes: number, every = 500): Promise<ExecuteMemoryResult> {
  const fragment = 100;
  const stream = recordedStream(Math.ceil(outputBytes / fragment), { ...TEXT_ONLY, assistantFragmentChars: fragment });
  let onPull = (_index: number) => {};
  const { client, adapter } = contestants(
    streamingFetch(
      () => stream,
      (index) => onPull(index),
    ),
  );
  const request = { message: "Write it all out.", agent_id: AGENT_ID };
  const rawJoin = async () => {
    let output = "";
    for await (const item of await openRaw(client)) {
      if (item.message_type === "assistant_message" && typeof item.content === "string") output += item.content;
    }
    return output;
  };
  const adapterJoin = async () => (await adapter.execute(request, { streamTokens: true, memoryEvents: false })).output;
  // Warm-up, in its own frame: a finished call's output must not linger in a register of this one.
  await discard(adapterJoin);
  await discard(rawJoin);
  const measure = async (join: () => Promise<string>): Promise<HeapGrowth> => {
    const heap = sampler(every);
    onPull = (index) => heap.tick(index);
    const output = await join();
    const growth = heap.finish(); // the output is still referenced here
    onPull = () => {};
    if (output.length !== stream.textChars)
      throw new Error(`read ${output.length} answer characters, expected ${stream.textChars}`);
    return growth;
  };
  const adapterGrowth = await measure(adapterJoin);
  const rawGrowth = await measure(rawJoin);

  return {
    outputBytes: stream.textChars,
    frames: stream.frames,
    adapter: adapterGrowth,
    raw: rawGrowth,
    peakPerOutputByte: adapterGrowth.peak / stream.textChars,
    retainedPerOutputByte: adapterGrowth.retained / stream.textChars,
  };
}
