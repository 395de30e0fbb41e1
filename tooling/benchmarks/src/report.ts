import type { ExecuteMemoryResult, StreamMemoryResult } from "./bench-memory.ts";
import type { BundleSize, ImportTime } from "./bench-size.ts";
import type { Comparison, ConcurrencyResult, ThroughputResult } from "./bench-stream.ts";
import { kb, mb, ms, ratio, round, type Summary } from "./stats.ts";

/** Everything one run measured; a section is absent when it was not run (`--only`). */
export interface Results {
  throughput?: ThroughputResult;
  throughputWithSignal?: ThroughputResult;
  throughputCoalesced?: ThroughputResult;
  timeToFirstText?: Comparison;
  concurrency?: ConcurrencyResult;
  streamMemory?: StreamMemoryResult;
  executeMemory?: ExecuteMemoryResult;
  bundles?: BundleSize[];
  imports?: ImportTime[];
}

export const TARGETS = {
  streamRatio: 0.6,
  firstTextRatio: 1.05,
  concurrencyRatio: 0.7,
  typesGzip: 5 * 1024,
  /** Cold import of `@openharness/letta` over the SDK's own, ms. */
  importExtraMs: 40,
} as const;

type Row = [measure: string, raw: string, adapter: string, result: string, target: string, verdict: string];

const iqr = (c: Comparison) => `IQR ${c.ratioIqr[0].toFixed(2)}–${c.ratioIqr[1].toFixed(2)}`;
const spread = (s: Summary) => `${ms(s.median)} ms (${ms(s.min)}–${ms(s.max)})`;
const verdict = (ok: boolean) => (ok ? "ok" : "MISS");
const count = (n: number) => n.toLocaleString("en-US");

function rows(results: Results): Row[] {
  const out: Row[] = [];
  const stream = (label: string, r: ThroughputResult) =>
    out.push([
      `${label}, ${count(r.frames)} frames (${mb(r.bytes)}) in ${count(r.chunks)} chunks`,
      spread(r.raw),
      spread(r.adapter),
      `${ratio(r.ratio)} (${iqr(r)}; cpu ${ratio(r.cpuRatio)}; floor ${ratio(r.floorRatio)})`,
      `≤ ${ratio(TARGETS.streamRatio)}`,
      verdict(r.ratio <= TARGETS.streamRatio),
    ]);
  if (results.throughputWithSignal) stream("Stream with an AbortSignal", results.throughputWithSignal);
  if (results.throughput) stream("Same, without a signal", results.throughput);
  if (results.throughputCoalesced) stream("With a signal, chunks coalesced", results.throughputCoalesced);
  const first = results.timeToFirstText;
  if (first) {
    out.push([
      "Time to first text event",
      spread(first.raw),
      spread(first.adapter),
      `${ratio(first.ratio)} (${iqr(first)})`,
      `≤ ${ratio(TARGETS.firstTextRatio)}`,
      verdict(first.ratio <= TARGETS.firstTextRatio),
    ]);
  }
  const conc = results.concurrency;
  if (conc) {
    out.push([
      `${conc.streams} concurrent streams × ${count(conc.framesPerStream)} frames`,
      spread(conc.raw),
      spread(conc.adapter),
      `${ratio(conc.ratio)} (${iqr(conc)}; cpu ${ratio(conc.cpuRatio)})`,
      `≤ ${ratio(TARGETS.concurrencyRatio)}`,
      verdict(conc.ratio <= TARGETS.concurrencyRatio),
    ]);
  }
  const heap = results.streamMemory;
  if (heap) {
    heap.points.forEach((point, i) => {
      const last = i === heap.points.length - 1;
      out.push([
        `Peak heap growth, executeStream ${count(point.frames)} frames (${count(point.toolCalls)} tool calls)`,
        mb(point.raw),
        mb(point.adapter),
        last
          ? `slope ${heap.bytesPerFrame.toFixed(2)} B/frame, ${heap.bytesPerToolCall.toFixed(1)} B/tool call (raw ${heap.rawBytesPerFrame.toFixed(2)} B/frame)`
          : "",
        last ? "≤ 1 B/frame, ≤ 16 B/tool call" : "",
        last ? verdict(heap.flat) : "",
      ]);
    });
  }
  const exec = results.executeMemory;
  if (exec) {
    out.push([
      `execute() of a ${mb(exec.outputBytes)} answer: peak / retained heap growth`,
      `${mb(exec.raw.peak)} / ${mb(exec.raw.retained)}`,
      `${mb(exec.adapter.peak)} / ${mb(exec.adapter.retained)}`,
      `${ratio(exec.peakPerOutputByte)} / ${ratio(exec.retainedPerOutputByte)} the output`,
      "∝ output",
      // Proportional: a small constant factor of the output (string headers and rope nodes of the fragments).
      verdict(exec.peakPerOutputByte <= 4),
    ]);
  }
  for (const bundle of results.bundles ?? []) {
    const target = bundle.name === "@openharness/types" ? TARGETS.typesGzip : undefined;
    const what = bundle.name.endsWith("dependencies")
      ? ""
      : bundle.name === "@openharness/letta"
        ? " as shipped (zod, types and kit inside; the SDK external)"
        : " (deps external)";
    out.push([
      `${bundle.name} min+gz${what}`,
      "",
      kb(bundle.gzipped),
      `${kb(bundle.minified)} min`,
      target ? `< ${kb(target)}` : "–",
      target ? verdict(bundle.gzipped < target) : "",
    ]);
  }
  const imports = results.imports;
  if (imports && imports.length === 2) {
    const [client, letta] = imports as [ImportTime, ImportTime];
    out.push([
      `Cold import (fresh process, ${letta.ms.n} runs)`,
      `${client.specifier}: ${spread(client.ms)}`,
      `${letta.specifier}: ${spread(letta.ms)}`,
      `+${ms(letta.ms.median - client.ms.median)} ms`,
      `≤ +${TARGETS.importExtraMs} ms`,
      verdict(letta.ms.median - client.ms.median <= TARGETS.importExtraMs),
    ]);
  }
  return out;
}

const HEADER: Row = ["Measure", "Raw SDK", "Adapter", "Result", "Target", ""];

/** A plain-text table for the terminal. */
export function textTable(results: Results): string {
  const all = [HEADER, ...rows(results)];
  const widths = HEADER.map((_, c) => Math.max(...all.map((row) => row[c]?.length ?? 0)));
  const line = (row: Row) =>
    row
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(HEADER), widths.map((w) => "-".repeat(w)).join("  "), ...rows(results).map(line)].join("\n");
}

/** The same table in Markdown, for the README's performance section. */
export function markdownTable(results: Results, context: string): string {
  const cell = (s: string) => s.replaceAll("|", "\\|");
  const body = rows(results).map((row) => `| ${row.map(cell).join(" | ")} |`);
  return [`| ${HEADER.join(" | ")} |`, `|${HEADER.map(() => "---").join("|")}|`, ...body, "", context, ""].join("\n");
}

/** One line a script can parse. */
export function summaryLine(results: Results): string {
  const parts: string[] = [];
  if (results.throughput) parts.push(`stream ${ratio(results.throughput.ratio)} raw`);
  if (results.throughputWithSignal) parts.push(`signal ${ratio(results.throughputWithSignal.ratio)} raw`);
  if (results.throughputCoalesced) parts.push(`coalesced ${ratio(results.throughputCoalesced.ratio)} raw`);
  if (results.timeToFirstText) parts.push(`ttfe ${ratio(results.timeToFirstText.ratio)} raw`);
  if (results.concurrency) parts.push(`concurrent ${ratio(results.concurrency.ratio)} raw`);
  const heap = results.streamMemory;
  if (heap) {
    parts.push(`heap ${heap.bytesPerToolCall.toFixed(0)} B/tool-call ${heap.bytesPerFrame.toFixed(1)} B/frame`);
  }
  const size = (name: string) => results.bundles?.find((b) => b.name === name);
  const types = size("@openharness/types");
  const letta = size("@openharness/letta");
  if (types) parts.push(`types ${kb(types.gzipped)}`);
  if (letta) parts.push(`letta ${kb(letta.gzipped)}`);
  if (results.executeMemory) parts.push(`execute ${ratio(results.executeMemory.peakPerOutputByte)} output`);
  if (results.imports?.length === 2) {
    const [client, adapter] = results.imports as [ImportTime, ImportTime];
    parts.push(`import +${ms(adapter.ms.median - client.ms.median)} ms`);
  }
  if (results.throughput) parts.push(`floor ${ratio(results.throughput.floorRatio)} raw`);
  return `bench: ${parts.join(", ")}`;
}

/** Results for `results/latest.json`: rounded, small, stable keys. */
export function jsonResults(results: Results, context: Record<string, unknown>): unknown {
  const summary = (s: Summary) => ({ median: round(s.median, 3), min: round(s.min, 3), max: round(s.max, 3), n: s.n });
  const comparison = (c: Comparison) => ({
    raw_ms: summary(c.raw),
    adapter_ms: summary(c.adapter),
    ratio: round(c.ratio, 3),
    ratio_iqr: c.ratioIqr.map((r) => round(r, 3)),
    ...(Number.isNaN(c.cpuRatio) ? {} : { cpu_ratio: round(c.cpuRatio, 3) }),
  });
  const throughput = (t: ThroughputResult) => ({
    frames: t.frames,
    bytes: t.bytes,
    chunks: t.chunks,
    adapter_events: t.events,
    floor_ratio: round(t.floorRatio, 3),
    ...comparison(t),
  });
  const heap = results.streamMemory;
  const exec = results.executeMemory;
  return {
    ...context,
    targets: TARGETS,
    ...(results.throughput ? { stream_throughput: throughput(results.throughput) } : {}),
    ...(results.throughputWithSignal
      ? { stream_throughput_with_signal: throughput(results.throughputWithSignal) }
      : {}),
    ...(results.throughputCoalesced ? { stream_throughput_coalesced: throughput(results.throughputCoalesced) } : {}),
    ...(results.timeToFirstText ? { time_to_first_text: comparison(results.timeToFirstText) } : {}),
    ...(results.concurrency
      ? {
          concurrency: {
            streams: results.concurrency.streams,
            frames_per_stream: results.concurrency.framesPerStream,
            ...comparison(results.concurrency),
          },
        }
      : {}),
    ...(heap
      ? {
          stream_memory: {
            points: heap.points.map((p) => ({
              frames: p.frames,
              tool_calls: p.toolCalls,
              adapter_peak_bytes: p.adapter,
              raw_peak_bytes: p.raw,
            })),
            bytes_per_frame: round(heap.bytesPerFrame, 2),
            bytes_per_tool_call: round(heap.bytesPerToolCall, 1),
            raw_bytes_per_frame: round(heap.rawBytesPerFrame, 2),
            flat: heap.flat,
          },
        }
      : {}),
    ...(exec
      ? {
          execute_memory: {
            output_bytes: exec.outputBytes,
            frames: exec.frames,
            adapter: exec.adapter,
            raw_join: exec.raw,
            peak_per_output_byte: round(exec.peakPerOutputByte, 3),
            retained_per_output_byte: round(exec.retainedPerOutputByte, 3),
          },
        }
      : {}),
    ...(results.bundles
      ? {
          bundles: results.bundles.map((b) => ({
            name: b.name,
            minified: b.minified,
            gzipped: b.gzipped,
            external: b.external,
          })),
        }
      : {}),
    ...(results.imports
      ? { cold_import_ms: Object.fromEntries(results.imports.map((i) => [i.specifier, summary(i.ms)])) }
      : {}),
    summary: summaryLine(results),
  };
}
