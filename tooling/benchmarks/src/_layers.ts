import Letta from "@letta-ai/letta-client";
import { LettaEventMapper } from "@openharness/letta";
import { AGENT_ID, MIXED, recordedStream, streamingFetch } from "./fixture.ts";
const stream = recordedStream(10_000, MIXED, 0);
const fetch = streamingFetch(() => stream);
const client = new Letta({ apiKey: "k", baseURL: "http://localhost:8283", fetch });
const params = { messages: [{ role: "user" as const, content: "hi" }], streaming: true as const, stream_tokens: true, include_pings: true };
const open = async () => (await client.agents.messages.create(AGENT_ID, params)) as AsyncIterable<any>;
async function* pass<T>(src: AsyncIterable<T>) { for await (const x of src) yield x; }
async function* passAwait<T>(src: AsyncIterable<T>) { const it = src[Symbol.asyncIterator](); while (true) { const s = await it.next(); if (s.done) return; yield s.value; } }
function manual<T>(src: AsyncIterable<T>): AsyncIterable<T> {
  const it = src[Symbol.asyncIterator]();
  return { [Symbol.asyncIterator]() { return { next: () => it.next(), return: (v?: any) => it.return ? it.return(v) : Promise.resolve({ done: true, value: v }) } as AsyncIterator<T>; } };
}
function manualThen<T>(src: AsyncIterable<T>): AsyncIterable<T> {
  const it = src[Symbol.asyncIterator]();
  return { [Symbol.asyncIterator]() { return { next: () => it.next().then((s) => s) } as AsyncIterator<T>; } };
}
async function* mapGen(src: AsyncIterable<any>) { const m = new LettaEventMapper(); for await (const x of src) for (const e of m.push(x)) yield e; }
const consume = async (src: AsyncIterable<any>) => { let n = 0; for await (const x of src) { if (x.message_type === "assistant_message" || x.type === "text") n++; } return n; };
const runs: Record<string, () => Promise<number>> = {
  raw: async () => consume(await open()),
  pass1: async () => consume(pass(await open())),
  pass2: async () => consume(pass(pass(await open()))),
  passAwait1: async () => consume(passAwait(await open())),
  manual1: async () => consume(manual(await open())),
  manualThen1: async () => consume(manualThen(await open())),
  mapGen: async () => consume(mapGen(await open())),
  mapGenPass: async () => consume(pass(mapGen(await open()))),
};
const names = Object.keys(runs);
const cpu: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
const R = Number(process.env.R ?? 30);
for (let r = 0; r < R; r++) for (const k of r % 2 ? [...names].reverse() : names) {
  (globalThis as any).gc();
  const c = process.cpuUsage(); await runs[k]!(); const u = process.cpuUsage(c);
  if (r >= 3) cpu[k]!.push((u.user + u.system) / 1000);
}
const med = (a: number[]) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]!; };
const mn = (a: number[]) => Math.min(...a);
for (const k of names) console.log(k.padEnd(12), med(cpu[k]!).toFixed(1).padStart(7), (med(cpu[k]!) / med(cpu.raw!)).toFixed(3), "min", mn(cpu[k]!).toFixed(1).padStart(7), (mn(cpu[k]!) / mn(cpu.raw!)).toFixed(3));
