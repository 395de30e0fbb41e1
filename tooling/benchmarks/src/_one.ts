import Letta from "@letta-ai/letta-client";
import { AGENT_ID, MIXED, recordedStream, streamingFetch } from "./fixture.ts";
const stream = recordedStream(10_000, MIXED, 0);
const fetch = streamingFetch(() => stream);
const client = new Letta({ apiKey: "k", baseURL: "http://localhost:8283", fetch });
const params = { messages: [{ role: "user" as const, content: "hi" }], streaming: true as const, stream_tokens: true, include_pings: true };
const V = process.env.V ?? "raw";
let run: () => Promise<number>;
if (V === "raw") run = async () => { let n = 0; for await (const it of (await client.agents.messages.create(AGENT_ID, params)) as AsyncIterable<any>) { if (it.message_type === "assistant_message") n += it.content.length; } return n; };
else {
  const { LettaAdapter } = await import(V === "adapter" ? "@openharness/letta" : `/tmp/bp/patched/${V}/letta/index.js`);
  const a = new LettaAdapter({ apiKey: "k", baseUrl: "http://localhost:8283", fetch });
  run = async () => { let n = 0; for await (const e of a.executeStream({ message: "hi", agent_id: AGENT_ID })) { if (e.type === "text") n += e.content.length; } return n; };
}
for (let r = 0; r < 5; r++) await run();
const { Session } = await import("node:inspector/promises");
const s = new Session(); s.connect();
await s.post("Profiler.enable"); await s.post("Profiler.setSamplingInterval", { interval: 100 }); await s.post("Profiler.start");
const c = process.cpuUsage();
for (let r = 0; r < Number(process.env.R ?? 30); r++) await run();
const u = process.cpuUsage(c);
const { profile } = await s.post("Profiler.stop");
(await import("node:fs")).writeFileSync(`/tmp/bp/prof-${V}.cpuprofile`, JSON.stringify(profile));
console.log(V, "cpu ms/run", ((u.user + u.system) / 1000 / Number(process.env.R ?? 30)).toFixed(1));
