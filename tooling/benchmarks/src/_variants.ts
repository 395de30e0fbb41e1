import Letta from "@letta-ai/letta-client";
import { LettaAdapter } from "@openharness/letta";
import { AGENT_ID, MIXED, recordedStream, streamingFetch } from "./fixture.ts";
const stream = recordedStream(10_000, MIXED, 0);
const fetch = streamingFetch(() => stream);
const client = new Letta({ apiKey: "k", baseURL: "http://localhost:8283", fetch });
const params = { messages: [{ role: "user" as const, content: "hi" }], streaming: true as const, stream_tokens: true, include_pings: true };
const SIG = process.env.SIG === "1";
const runs: Record<string, () => Promise<number>> = {
  raw: async () => { let n = 0; for await (const it of (await client.agents.messages.create(AGENT_ID, params)) as AsyncIterable<any>) { if (it.message_type === "assistant_message") n += it.content.length; } return n; },
};
const mk = (A: typeof LettaAdapter) => { const a = new A({ apiKey: "k", baseUrl: "http://localhost:8283", fetch }); return async () => { let n = 0; const opts = SIG ? { signal: new AbortController().signal } : {}; for await (const e of a.executeStream({ message: "hi", agent_id: AGENT_ID }, opts)) { if (e.type === "text") n += e.content.length; } return n; }; };
runs.adapter = mk(LettaAdapter);
for (const v of (process.env.V ?? "v0,v1,v2,v3,v4,v5").split(",")) runs[v] = mk((await import(`/tmp/bp/patched/${v}/letta/index.js`)).LettaAdapter);
const names = Object.keys(runs);
const cpu: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
const R = Number(process.env.R ?? 25);
for (let r = 0; r < R; r++) for (const k of r % 2 ? [...names].reverse() : names) {
  (globalThis as any).gc();
  const c = process.cpuUsage(); await runs[k]!(); const u = process.cpuUsage(c);
  if (r >= 3) cpu[k]!.push((u.user + u.system) / 1000);
}
const med = (a: number[]) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]!; };
const base = med(cpu.raw!);
const mn = (a: number[]) => Math.min(...a); const bmin = mn(cpu.raw!);
for (const k of names) console.log(k.padEnd(9), med(cpu[k]!).toFixed(1).padStart(7), (med(cpu[k]!) / base).toFixed(3), "min", mn(cpu[k]!).toFixed(1).padStart(7), (mn(cpu[k]!) / bmin).toFixed(3));
