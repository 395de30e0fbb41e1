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
  adapter: { short: HeapGrowth; long: HeapGrowth };
  raw: { short: HeapGrowth; long: HeapGrowth };
  /** Extra peak heap per extra frame of the long stream, adapter (bytes/frame); ~0 when flat. */
  bytesPerFrame: number;
  flat: boolean;
}

/**
 * 3a. Peak live heap while `executeStream` is read to its end and every event dropped, for a
 * short and a long stream; the raw SDK the same way for reference. Flat means the long stream
 * costs at most 10 bytes per extra frame (1 MB per 100,000 frames) more than the short one.
 */
export async function streamMemory(shortFrames: number, longFrames: number, every = 1000): Promise<StreamMemoryResult> {
  const streams = { short: recordedStream(shortFrames, MIXED), long: recordedStream(longFrames, MIXED) };
  let current: RecordedStream = streams.short;
  const { client, adapter } = contestants(streamingFetch(() => current));
  // Warm-up: compiled code and the clients' lazily created state are not part of the growth.
  await consumeRaw(client);
  await consumeAdapter(adapter);

  const measure = async (who: "raw" | "adapter", stream: RecordedStream): Promise<HeapGrowth> => {
    current = stream;
    const heap = sampler(every);
    const onItem = (index: number) => heap.tick(index);
    await (who === "raw" ? consumeRaw(client, undefined, onItem) : consumeAdapter(adapter, undefined, onItem));
    return heap.finish();
  };
  const adapterShort = await measure("adapter", streams.short);
  const adapterLong = await measure("adapter", streams.long);
  const rawShort = await measure("raw", streams.short);
  const rawLong = await measure("raw", streams.long);
  const bytesPerFrame = (adapterLong.peak - adapterShort.peak) / (streams.long.frames - streams.short.frames);
  return {
    frames: { short: streams.short.frames, long: streams.long.frames },
    adapter: { short: adapterShort, long: adapterLong },
    raw: { short: rawShort, long: rawLong },
    bytesPerFrame,
    flat: bytesPerFrame <= 10,
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
  const { client, adapter } = contestants(streamingFetch(() => stream, (index) => onPull(index)));
  const request = { message: "Write it all out.", agent_id: AGENT_ID };
  const rawJoin = async () => {
    let output = "";
    for await (const item of await openRaw(client)) {
      if (item.message_type === "assistant_message" && typeof item.content === "string") output += item.content;
    }
    return output;
  };
  // Warm-up.
  await adapter.execute(request, { streamTokens: true });
  await rawJoin();

  let heap = sampler(every);
  onPull = (index) => heap.tick(index);
  let result: unknown = await adapter.execute(request, { streamTokens: true });
  const adapterGrowth = heap.finish();
  const output = (result as { output: string }).output;
  if (output.length !== stream.textChars) throw new Error(`execute() returned ${output.length} characters, expected ${stream.textChars}`);
  result = undefined;

  heap = sampler(every);
  onPull = (index) => heap.tick(index);
  let joined: string | undefined = await rawJoin();
  const rawGrowth = heap.finish();
  if (joined.length !== stream.textChars) throw new Error("raw join lost text");
  joined = undefined;
  onPull = () => {};

  return {
    outputBytes: stream.textChars,
    frames: stream.frames,
    adapter: adapterGrowth,
    raw: rawGrowth,
    peakPerOutputByte: adapterGrowth.peak / stream.textChars,
    retainedPerOutputByte: adapterGrowth.retained / stream.textChars,
  };
}
