import { type Consumed, consumeAdapter, consumeRaw, contestants, firstTextAdapter, firstTextRaw } from "./clients.ts";
import { MIXED, type RecordedStream, recordedStream, streamingFetch, TEXT_ONLY } from "./fixture.ts";
import { collectGarbage, cpuSince, pairedRatio, pairedRatioIqr, type Summary, shuffled, summarize } from "./stats.ts";

/** Raw SDK against adapter on one workload: wall and CPU ms per round. */
export interface Comparison {
  raw: Summary;
  adapter: Summary;
  /** Median of the per-round ratios adapter/raw (wall clock). */
  ratio: number;
  /** Interquartile range of those ratios. */
  ratioIqr: [number, number];
  /** The same from process CPU time: steadier when other processes compete for the cores. */
  cpuRatio: number;
}

export interface ThroughputResult extends Comparison {
  frames: number;
  bytes: number;
  /** Chunks the body arrives in: one per frame, or fewer when coalesced. */
  chunks: number;
  /** Adapter events per raw frame (the mapping emits no event for pings, stop reason, usage). */
  events: number;
  /** The physical floor (read the body, split frames, `JSON.parse`) over the raw SDK, per round. */
  floorRatio: number;
}

interface RoundOptions {
  warmup: number;
  rounds: number;
}

type Who = "raw" | "adapter" | "floor";

/**
 * Runs `work` for both contestants, in a random order each round (a fixed alternation can beat in
 * step with periodic noise), a garbage collection before each run; keeps wall and CPU time of the
 * rounds after the warm-up.
 */
async function alternate(
  options: RoundOptions,
  work: (who: Who) => Promise<void>,
  who: readonly Who[] = ["raw", "adapter"],
): Promise<Comparison & { wall: Record<Who, number[]> }> {
  const wall: Record<Who, number[]> = { raw: [], adapter: [], floor: [] };
  const cpu: Record<Who, number[]> = { raw: [], adapter: [], floor: [] };
  for (let round = 0; round < options.warmup + options.rounds; round++) {
    const order = shuffled(who);
    for (const who of order) {
      collectGarbage();
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      await work(who);
      const elapsed = performance.now() - start;
      const cpuMs = cpuSince(cpuStart);
      if (round >= options.warmup) {
        wall[who].push(elapsed);
        cpu[who].push(cpuMs);
      }
    }
  }
  return {
    raw: summarize(wall.raw),
    adapter: summarize(wall.adapter),
    ratio: pairedRatio(wall.adapter, wall.raw),
    ratioIqr: pairedRatioIqr(wall.adapter, wall.raw),
    cpuRatio: pairedRatio(cpu.adapter, cpu.raw),
    wall,
  };
}

/** The floor: the same body read, split into frames and `JSON.parse`d, with nothing else. */
async function consumeFloor(fetch: typeof globalThis.fetch): Promise<Consumed> {
  const response = await fetch("https://bench.invalid/v1/agents/a/messages", { method: "POST", body: "{}" });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let items = 0;
  let textChars = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    buffer += decoder.decode(chunk.value, { stream: true });
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (!frame.startsWith("data: ") || frame.startsWith("data: [DONE]")) continue;
      const item = JSON.parse(frame.slice(6)) as { message_type?: string; content?: unknown };
      items++;
      if (item.message_type === "assistant_message" && typeof item.content === "string")
        textChars += item.content.length;
    }
  }
  return { items, textChars };
}

/** Both sides must have read the whole answer (the adapter puts a blank line between messages). */
function check(stream: RecordedStream, seen: Consumed, who: Who): void {
  const expected = stream.textChars + (who === "adapter" ? 2 * Math.max(0, stream.textMessages - 1) : 0);
  if (seen.textChars !== expected)
    throw new Error(`${who} read ${seen.textChars} answer characters, expected ${expected}`);
}

/** 1. The same recorded token stream, to its end, through the raw SDK and through `executeStream`. */
export async function throughput(
  tokenFrames: number,
  options: RoundOptions & { signal?: boolean; chunkBytes?: number },
): Promise<ThroughputResult> {
  const stream = recordedStream(tokenFrames, MIXED, options.chunkBytes);
  const fetch = streamingFetch(() => stream);
  const { client, adapter } = contestants(fetch);
  let events = 0;
  const { wall, ...comparison } = await alternate(
    options,
    async (who) => {
      const signal = options.signal ? new AbortController().signal : undefined;
      const seen =
        who === "raw"
          ? await consumeRaw(client, signal)
          : who === "adapter"
            ? await consumeAdapter(adapter, signal)
            : await consumeFloor(fetch);
      check(stream, seen, who);
      if (who === "adapter") events = seen.items;
    },
    ["raw", "adapter", "floor"],
  );
  const floorRatio = pairedRatio(wall.floor, wall.raw);
  return {
    ...comparison,
    frames: stream.frames,
    bytes: stream.bytes,
    chunks: stream.chunks.length,
    events,
    floorRatio,
  };
}

/** 2. From the call to the first answer text (a plain answer: ping, then text deltas). */
export async function timeToFirstText(options: RoundOptions): Promise<Comparison> {
  const stream = recordedStream(200, TEXT_ONLY);
  const { client, adapter } = contestants(streamingFetch(() => stream));
  const wall = { raw: [] as number[], adapter: [] as number[] };
  // From a collected heap, as every other measure starts: what earlier rows left is not this row's.
  collectGarbage();
  for (let i = 0; i < options.warmup + options.rounds; i++) {
    for (const who of shuffled(["raw", "adapter"] as const)) {
      const ms = who === "raw" ? await firstTextRaw(client) : await firstTextAdapter(adapter);
      if (i >= options.warmup) wall[who].push(ms);
      // An abandoned stream finishes aborting in the background: let it settle before the next
      // sample, or its clean-up is timed as part of the other side's first text.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return {
    raw: summarize(wall.raw),
    adapter: summarize(wall.adapter),
    ratio: pairedRatio(wall.adapter, wall.raw),
    ratioIqr: pairedRatioIqr(wall.adapter, wall.raw),
    cpuRatio: Number.NaN,
  };
}

export interface ConcurrencyResult extends Comparison {
  streams: number;
  framesPerStream: number;
}

/** 6. `streams` streams at once, each to its end; total time of the batch. */
export async function concurrency(
  streams: number,
  tokenFrames: number,
  options: RoundOptions,
): Promise<ConcurrencyResult> {
  const stream = recordedStream(tokenFrames, MIXED);
  const { client, adapter } = contestants(streamingFetch(() => stream));
  const { wall: _wall, ...comparison } = await alternate(options, async (who) => {
    const all = await Promise.all(
      Array.from({ length: streams }, () => (who === "raw" ? consumeRaw(client) : consumeAdapter(adapter))),
    );
    for (const seen of all) check(stream, seen, who);
  });
  return { ...comparison, streams, framesPerStream: stream.frames };
}
