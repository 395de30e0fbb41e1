import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import os from "node:os";
import path from "node:path";
import { consumeAdapter, consumeRaw, contestants } from "./clients.ts";
import { MIXED, recordedStream, streamingFetch } from "./fixture.ts";
import { collectGarbage } from "./stats.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a sampled function lives: the package that owns it, or a V8/Node bucket. */
function owner(url: string, name: string): string {
  if (url === "") return name.startsWith("(") ? name : "(native)";
  if (url.includes("@letta-ai/letta-client")) return "@letta-ai/letta-client";
  for (const pkg of ["letta", "adapter-kit", "types"])
    if (url.includes(`/packages/${pkg}/`)) return `@openharness/${pkg}`;
  if (url.includes("/zod/")) return "zod";
  if (url.startsWith("node:internal/timers") || url === "node:timers") return "node timers";
  if (url.startsWith("node:")) return "node (streams, fetch, other)";
  return "benchmark harness";
}

interface SelfTime {
  byOwner: Map<string, number>;
  byFunction: Map<string, number>;
  totalMs: number;
}

function selfTimes(profile: CpuProfile, runs: number): SelfTime {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = nodes.get(id);
    const dt = (profile.timeDeltas[i] ?? 0) / 1000 / runs;
    if (!node || node.callFrame.functionName === "(idle)") return;
    total += dt;
    const { url, functionName, lineNumber } = node.callFrame;
    const who = owner(url, functionName);
    byOwner.set(who, (byOwner.get(who) ?? 0) + dt);
    if (who.startsWith("@openharness") || who === "node timers") {
      const key = `${functionName || "(anonymous)"}  ${who}:${lineNumber + 1}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + dt);
    }
  });
  return { byOwner, byFunction, totalMs: total };
}

async function profileRuns(work: () => Promise<unknown>, runs: number): Promise<CpuProfile> {
  for (let i = 0; i < 3; i++) await work();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  collectGarbage();
  await session.post("Profiler.start");
  for (let i = 0; i < runs; i++) await work();
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();
  return profile as unknown as CpuProfile;
}

/**
 * `--profile`: samples the raw SDK and the adapter reading the throughput stream, and prints
 * self time per stream by owner (SDK, adapter, kit, timers, GC…) and the adapter's hottest
 * functions. The `.cpuprofile` files (for Chrome DevTools) go to the OS temp directory.
 */
export async function profileStreams(tokenFrames = 10_000, runs = 20): Promise<void> {
  const stream = recordedStream(tokenFrames, MIXED);
  const { client, adapter } = contestants(streamingFetch(() => stream));
  const raw = await profileRuns(() => consumeRaw(client), runs);
  const adapted = await profileRuns(() => consumeAdapter(adapter), runs);
  const files = {
    raw: path.join(os.tmpdir(), "openharness-bench-raw.cpuprofile"),
    adapter: path.join(os.tmpdir(), "openharness-bench-adapter.cpuprofile"),
  };
  writeFileSync(files.raw, JSON.stringify(raw));
  writeFileSync(files.adapter, JSON.stringify(adapted));

  const r = selfTimes(raw, runs);
  const a = selfTimes(adapted, runs);
  const owners = [...new Set([...r.byOwner.keys(), ...a.byOwner.keys()])].sort(
    (x, y) => (a.byOwner.get(y) ?? 0) - (a.byOwner.get(x) ?? 0),
  );
  const fmt = (v: number | undefined) => (v ?? 0).toFixed(2).padStart(8);
  console.log(
    `\nCPU profile: self time per stream of ${stream.frames.toLocaleString("en-US")} frames (ms, mean of ${runs} runs, 100 µs sampling)`,
  );
  console.log(`${"owner".padEnd(32)}${"raw".padStart(8)}${"adapter".padStart(8)}${"extra".padStart(8)}`);
  for (const who of owners) {
    const extra = (a.byOwner.get(who) ?? 0) - (r.byOwner.get(who) ?? 0);
    console.log(`${who.padEnd(32)}${fmt(r.byOwner.get(who))}${fmt(a.byOwner.get(who))}${fmt(extra)}`);
  }
  console.log(`${"total".padEnd(32)}${fmt(r.totalMs)}${fmt(a.totalMs)}${fmt(a.totalMs - r.totalMs)}`);
  console.log("\nAdapter-side functions by self time (ms per stream):");
  for (const [name, ms] of [...a.byFunction].sort((x, y) => y[1] - x[1]).slice(0, 15))
    console.log(`${ms.toFixed(2).padStart(8)}  ${name}`);
  console.log(`\nProfiles: ${files.raw}, ${files.adapter}`);
}
