import Letta from "@letta-ai/letta-client";
import { LettaAdapter, LettaEventMapper } from "@openharness/letta";
import { guardEventStream } from "@openharness/adapter-kit";
import { guardFast } from "./_guardfast.ts";
import { AGENT_ID, MIXED, recordedStream, streamingFetch } from "./fixture.ts";
const stream = recordedStream(10_000, MIXED, Number(process.env.CHUNK ?? 0));
const fetch = streamingFetch(() => stream);
const client = new Letta({ apiKey: "k", baseURL: "http://localhost:8283", fetch });
const adapter = new LettaAdapter({ apiKey: "k", baseUrl: "http://localhost:8283", fetch });
const params = { messages: [{ role: "user" as const, content: "hi" }], streaming: true as const, stream_tokens: true, include_pings: true };
const open = async () => (await client.agents.messages.create(AGENT_ID, params)) as AsyncIterable<any>;
const stages: Record<string, () => Promise<number>> = {
  raw: async () => { let n = 0; for await (const _ of await open()) n++; return n; },
  mapper: async () => { const m = new LettaEventMapper(); let n = 0; for await (const it of await open()) for (const _ of m.push(it)) n++; return n; },
  gen: async () => {
    const m = new LettaEventMapper();
    async function* g() { for await (const it of await open()) yield* m.push(it); yield* m.finish(); }
    let n = 0; for await (const _ of g()) n++; return n;
  },
  genTimer: async () => {
    const m = new LettaEventMapper(); let timer: any;
    const arm = () => { clearTimeout(timer); timer = setTimeout(() => {}, 65000); };
    async function* g() { try { arm(); for await (const it of await open()) { arm(); yield* m.push(it); } yield* m.finish(); } finally { clearTimeout(timer); } }
    let n = 0; for await (const _ of g()) n++; return n;
  },
  genTimerGuard: async () => {
    const m = new LettaEventMapper(); let timer: any;
    const arm = () => { clearTimeout(timer); timer = setTimeout(() => {}, 65000); };
    async function* g() { try { arm(); for await (const it of await open()) { arm(); yield* m.push(it); } yield* m.finish(); } finally { clearTimeout(timer); } }
    let n = 0; for await (const _ of guardEventStream(g(), { snapshot: () => m.snapshot() })) n++; return n;
  },
  genGuard: async () => {
    const m = new LettaEventMapper();
    async function* g() { for await (const it of await open()) yield* m.push(it); yield* m.finish(); }
    let n = 0; for await (const _ of guardEventStream(g(), { snapshot: () => m.snapshot() })) n++; return n;
  },
  genFor: async () => {
    const m = new LettaEventMapper();
    async function* g() { for await (const it of await open()) for (const e of m.push(it)) yield e; for (const e of m.finish()) yield e; }
    let n = 0; for await (const _ of g()) n++; return n;
  },
  genForStamp: async () => {
    const m = new LettaEventMapper(); let last = 0; let timer: any;
    const check = () => { const idle = performance.now() - last; timer = idle >= 65000 ? undefined : setTimeout(check, 65000 - idle); };
    async function* g() { try { last = performance.now(); timer = setTimeout(check, 65000); for await (const it of await open()) { last = performance.now(); for (const e of m.push(it)) yield e; } for (const e of m.finish()) yield e; } finally { clearTimeout(timer); } }
    let n = 0; for await (const _ of g()) n++; return n;
  },
  allFixed: async () => {
    const m = new LettaEventMapper(); let last = 0; let timer: any;
    const check = () => { const idle = performance.now() - last; timer = idle >= 65000 ? undefined : setTimeout(check, 65000 - idle); };
    async function* g() { try { last = performance.now(); timer = setTimeout(check, 65000); for await (const it of await open()) { last = performance.now(); for (const e of m.push(it)) yield e; } for (const e of m.finish()) yield e; } finally { clearTimeout(timer); } }
    let n = 0; for await (const _ of guardFast(g(), { snapshot: () => m.snapshot() })) n++; return n;
  },
  allFixedSig: async () => {
    const ac = new AbortController();
    const m = new LettaEventMapper(); let last = 0; let timer: any;
    const check = () => { const idle = performance.now() - last; timer = idle >= 65000 ? undefined : setTimeout(check, 65000 - idle); };
    async function* g() { try { last = performance.now(); timer = setTimeout(check, 65000); for await (const it of await open()) { last = performance.now(); for (const e of m.push(it)) yield e; } for (const e of m.finish()) yield e; } finally { clearTimeout(timer); } }
    let n = 0; for await (const _ of guardFast(g(), { signal: ac.signal, snapshot: () => m.snapshot() })) n++; return n;
  },
  adapterSig: async () => { let n = 0; const ac = new AbortController(); for await (const _ of adapter.executeStream({ message: "hi", agent_id: AGENT_ID }, { signal: ac.signal })) n++; return n; },
  adapter: async () => { let n = 0; for await (const _ of adapter.executeStream({ message: "hi", agent_id: AGENT_ID })) n++; return n; },
};
const names = Object.keys(stages);
const times: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
for (let r = 0; r < Number(process.env.R ?? 20); r++) {
  for (const k of r % 2 ? [...names].reverse() : names) {
    (globalThis as any).gc?.();
    const c = process.cpuUsage(); await stages[k]!(); const cu = process.cpuUsage(c); const dt = (cu.user + cu.system) / 1000;
    if (r >= 2) times[k]!.push(dt);
  }
}
const med = (a: number[]) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]!; };
const base = med(times.raw!);
for (const k of names) console.log(k.padEnd(14), med(times[k]!).toFixed(1).padStart(7), (med(times[k]!) / base).toFixed(3));
