import { LettaEventMapper } from "@openharness/letta";
import { buildFrames, MIXED } from "./fixture.ts";
const { frames } = buildFrames(10_000, MIXED);
const items = frames.map((f) => JSON.parse(f));
let sink = 0;
const ts: number[] = [];
for (let r = 0; r < 60; r++) { const t = performance.now(); const m = new LettaEventMapper(); for (const it of items) sink += m.push(it).length; sink += m.finish().length; ts.push(performance.now() - t); }
console.log(ts.map((t) => t.toFixed(1)).join(" "));
const kinds: Record<string, any[]> = {};
for (const it of items) (kinds[it.message_type] ??= []).push(it);
for (const [k, list] of Object.entries(kinds)) {
  const t = performance.now();
  for (let r = 0; r < 20; r++) { const m = new LettaEventMapper(); for (const it of list) sink += m.push(it).length; }
  console.log(k, list.length, (((performance.now() - t) / 20 / list.length) * 1000).toFixed(2), "µs/item");
}
