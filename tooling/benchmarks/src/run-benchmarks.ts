/**
 * `pnpm bench`: the Letta adapter against the raw `@letta-ai/letta-client`, in one run, on one
 * machine, on the same in-process stream source. Prints a table, then one parseable line; writes
 * `results/latest.json` and `results/latest.md` (full runs only).
 *
 *   node --expose-gc src/run-benchmarks.ts [--quick] [--only=stream,signal,coalesced,ttfe,concurrency,memory,size,import] [--no-write]
 *   node --expose-gc src/run-benchmarks.ts --profile   (where the adapter's extra time goes; nothing else)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { VERSION as SDK_VERSION } from "@letta-ai/letta-client/version";
import { VERSION } from "@openharness/letta";
import { executeMemory, streamMemory } from "./bench-memory.ts";
import { bundleSize, coldImports } from "./bench-size.ts";
import { concurrency, throughput, timeToFirstText } from "./bench-stream.ts";
import { profileStreams } from "./profile.ts";
import { jsonResults, markdownTable, type Results, summaryLine, textTable } from "./report.ts";
import { hasGc } from "./stats.ts";

const SECTIONS = ["stream", "signal", "coalesced", "ttfe", "concurrency", "memory", "size", "import"] as const;
type Section = (typeof SECTIONS)[number];

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const onlyArg = args.find((a) => a.startsWith("--only="));
const only = onlyArg ? new Set(onlyArg.slice("--only=".length).split(",")) : undefined;
for (const name of only ?? [])
  if (!SECTIONS.includes(name as Section)) throw new Error(`unknown section "${name}" (one of ${SECTIONS.join(", ")})`);
const write = !args.includes("--no-write") && !quick && !only;
const runs = (section: Section) => !only || only.has(section);

const PLAN = quick
  ? {
      frames: 10_000,
      rounds: 3,
      warmup: 1,
      signalRounds: 3,
      ttfe: 40,
      ttfeWarmup: 10,
      streams: 20,
      framesPerStream: 500,
      concRounds: 1,
      memoryLengths: [10_000, 20_000, 30_000],
      memoryRepeats: 1,
      imports: 3,
    }
  : {
      frames: 10_000,
      rounds: 31,
      warmup: 3,
      signalRounds: 31,
      ttfe: 500,
      ttfeWarmup: 1000,
      streams: 1000,
      framesPerStream: 100,
      concRounds: 9,
      memoryLengths: [20_000, 170_000, 320_000],
      memoryRepeats: 3,
      imports: 11,
    };

/** Chunk size of the coalesced row: what a buffering proxy or a busy socket hands over at once. */
const COALESCED_BYTES = 16 * 1024;

const log = (message: string) => process.stdout.write(`  … ${message}\n`);

async function main(): Promise<void> {
  if (!hasGc()) {
    console.error("run with `node --expose-gc` (pnpm bench does): memory figures need a full GC before each sample");
    process.exitCode = 1;
    return;
  }
  if (args.includes("--profile")) {
    await profileStreams();
    return;
  }
  const started = performance.now();
  const cpus = os.cpus();
  const context = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: `${cpus.length} × ${cpus[0]?.model ?? "unknown"}`,
    load_average_at_start: os.loadavg().map((l) => Number(l.toFixed(2))),
    adapter_version: VERSION,
    sdk_version: SDK_VERSION,
    quick,
  };
  console.log(
    `OpenHarness Letta adapter vs @letta-ai/letta-client ${context.sdk_version}: Node ${context.node}, ${context.cpus}, load ${context.load_average_at_start.join(" ")}`,
  );

  const results: Results = {};
  if (runs("stream")) {
    log(
      `stream throughput: ${PLAN.frames.toLocaleString("en-US")} token frames, ${PLAN.warmup} warm-up + ${PLAN.rounds} rounds each`,
    );
    results.throughput = await throughput(PLAN.frames, { warmup: PLAN.warmup, rounds: PLAN.rounds });
  }
  if (runs("signal")) {
    log("stream throughput with an AbortSignal (both sides)");
    results.throughputWithSignal = await throughput(PLAN.frames, {
      warmup: PLAN.warmup,
      rounds: PLAN.signalRounds,
      signal: true,
    });
  }
  if (runs("coalesced")) {
    log(
      `the same with an AbortSignal, the body coalesced into ${COALESCED_BYTES / 1024} KB chunks (a buffering proxy)`,
    );
    results.throughputCoalesced = await throughput(PLAN.frames, {
      warmup: PLAN.warmup,
      rounds: PLAN.signalRounds,
      signal: true,
      chunkBytes: COALESCED_BYTES,
    });
  }
  if (runs("ttfe")) {
    log(`time to first text: ${PLAN.ttfe} samples each`);
    results.timeToFirstText = await timeToFirstText({ warmup: PLAN.ttfeWarmup, rounds: PLAN.ttfe });
  }
  if (runs("concurrency")) {
    log(`${PLAN.streams} concurrent streams × ${PLAN.framesPerStream} frames, ${PLAN.concRounds} rounds each`);
    results.concurrency = await concurrency(PLAN.streams, PLAN.framesPerStream, { warmup: 1, rounds: PLAN.concRounds });
  }
  if (runs("memory")) {
    log(
      `heap: executeStream at ${PLAN.memoryLengths.map((n) => n.toLocaleString("en-US")).join(", ")} frames, ${PLAN.memoryRepeats} times each; execute() of a 1 MB answer`,
    );
    results.streamMemory = await streamMemory(PLAN.memoryLengths, PLAN.memoryRepeats);
    results.executeMemory = await executeMemory(1024 * 1024);
  }
  if (runs("size")) {
    log("bundle sizes (esbuild, minified, gzip -9)");
    results.bundles = [];
    for (const name of ["@openharness/types", "@openharness/adapter-kit", "@openharness/letta"])
      results.bundles.push(await bundleSize(name));
    results.bundles.push(await bundleSize("@openharness/letta", true));
  }
  if (runs("import")) {
    log(`cold import: ${PLAN.imports} fresh processes each`);
    results.imports = coldImports(["@letta-ai/letta-client", "@openharness/letta"], PLAN.imports);
  }

  const seconds = (performance.now() - started) / 1000;
  const runtime = `Measured ${context.date.slice(0, 10)} on Node ${context.node}, ${context.cpus} (load ${context.load_average_at_start.join(" ")} at start), @letta-ai/letta-client ${context.sdk_version}, @openharness/letta ${VERSION}; ${seconds.toFixed(0)} s. Times: median (min–max); ratios: median of per-round adapter/raw ratios.`;
  console.log("");
  console.log(textTable(results));
  console.log("");
  console.log(runtime);
  if (write) {
    const dir = fileURLToPath(new URL("../results/", import.meta.url));
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      `${dir}latest.json`,
      `${JSON.stringify(jsonResults(results, { ...context, runtime_seconds: Number(seconds.toFixed(1)) }), null, 2)}\n`,
    );
    writeFileSync(`${dir}latest.md`, markdownTable(results, runtime));
    console.log("wrote results/latest.json and results/latest.md");
  }
  console.log(summaryLine(results));
}

await main();
