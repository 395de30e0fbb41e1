import { getHeapSpaceStatistics } from "node:v8";
import { AGENT_ID, MIXED, type RecordedStream, recordedStream, streamingFetch, TEXT_ONLY } from "./fixture.ts";
import { consumeAdapter, consumeRaw, contestants, openRaw } from "./clients.ts";
import { collectGarbage, median, shuffled } from "./stats.ts";

/**
 * The live heap without V8's code spaces: the JIT compiles a function when it gets hot, not per
 * frame, and those 50–250 KB landing at a different moment in each run made the fitted slope noise.
 */
const heapUsed = () => {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) if (!space.space_name.startsWith("code")) used += space.space_used_size;
  return used;
};

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

/** Peak live heap growth at one stream length (the median of its repetitions). */
export interface StreamMemoryPoint {
  frames: number;
  toolCalls: number;
  adapter: number;
  raw: number;
}

export interface StreamMemoryResult {
  points: StreamMemoryPoint[];
  /** Least-squares slope of the adapter's peak heap over the frames (bytes per frame); ~0 when flat. */
  bytesPerFrame: number;
  /** The same growth divided by tool calls instead (an upper bound: it charges all growth to them). */
  bytesPerToolCall: number;
  /** The raw SDK's own slope, for reference (the same noise floor). */
  rawBytesPerFrame: number;
  flat: boolean;
}

/** Flat: at most 1 byte per frame and 16 bytes per tool call. */
const FLAT_BYTES_PER_FRAME = 1;
const FLAT_BYTES_PER_TOOL_CALL = 16;

/** Least-squares slope of `y` over `x`. */
function slope(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += ((x[i] as number) - mx) * ((y[i] as number) - my);
    den += ((x[i] as number) - mx) ** 2;
  }
  return num / den;
}

/**
 * 3a. Peak live heap while `executeStream` is read to its end and every event dropped, at each of
 * `lengths` (token frames of the same mixed stream as the throughput test), `repeats` times each in
 * a shuffled order, the raw SDK the same way for reference; the live heap is sampled after a full
 * GC 25 times per stream. The result is the fitted slope over the medians.
 */
export async function streamMemory(lengths: readonly number[], repeats: number): Promise<StreamMemoryResult> {
  const streams = lengths.map((frames) => recordedStream(frames, MIXED));
  let current: RecordedStream = streams[0] as RecordedStream;
  const { client, adapter } = contestants(streamingFetch(() => current));
  // Warm-up, over every length: compiled code (which V8 keeps adding for a while, and more of for
  // longer runs) is not part of the stream's cost.
  for (const stream of streams) {
    current = stream;
    await discard(() => consumeRaw(client));
    await discard(() => consumeAdapter(adapter));
  }

  const measure = async (who: "raw" | "adapter", stream: RecordedStream): Promise<number> => {
    current = stream;
    const heap = sampler(Math.ceil(stream.frames / 25));
    const onItem = (index: number) => heap.tick(index);
    await (who === "raw" ? consumeRaw(client, undefined, onItem) : consumeAdapter(adapter, undefined, onItem));
    return heap.finish().peak;
  };
  const samples = streams.map(() => ({ raw: [] as number[], adapter: [] as number[] }));
  const runs = streams.flatMap((_, i) => (["raw", "adapter"] as const).map((who) => ({ i, who })));
  for (let r = 0; r < repeats; r++) {
    for (const { i, who } of shuffled(runs)) samples[i]?.[who].push(await measure(who, streams[i] as RecordedStream));
  }
  const points = streams.map((stream, i) => ({
    frames: stream.frames,
    toolCalls: stream.toolCalls,
    adapter: median(samples[i]?.adapter ?? []),
    raw: median(samples[i]?.raw ?? []),
  }));
  const frames = points.map((p) => p.frames);
  const bytesPerFrame = slope(
    frames,
    points.map((p) => p.adapter),
  );
  const bytesPerToolCall = slope(
    points.map((p) => p.toolCalls),
    points.map((p) => p.adapter),
  );
  return {
    points,
    bytesPerFrame,
    bytesPerToolCall,
    rawBytesPerFrame: slope(
      frames,
      points.map((p) => p.raw),
    ),
    flat: bytesPerFrame <= FLAT_BYTES_PER_FRAME && bytesPerToolCall <= FLAT_BYTES_PER_TOOL_CALL,
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
