import Letta from "@letta-ai/letta-client";
import { LettaAdapter } from "@openharness/letta";
import { AGENT_ID, MIXED, recordedStream, streamingFetch } from "./fixture.ts";
const stream = recordedStream(10_000, MIXED, Number(process.env.CHUNK ?? 0));
const fetch = streamingFetch(() => stream);
const client = new Letta({ apiKey: "k", baseURL: "http://localhost:8283", fetch });
const adapter = new LettaAdapter({ apiKey: "k", baseUrl: "http://localhost:8283", fetch });
async function raw() {
  const s = await client.agents.messages.create(AGENT_ID, { messages: [{ role: "user", content: "hi" }], streaming: true, stream_tokens: true, include_pings: true });
  let n = 0;
  for await (const item of s as AsyncIterable<any>) { n++; }
  return n;
}
async function adapt() {
  let n = 0;
  for await (const e of adapter.executeStream({ message: "hi", agent_id: AGENT_ID })) { n++; }
  return n;
}
const which = process.env.WHICH;
const t = performance.now();
for (let r = 0; r < Number(process.env.R ?? 20); r++) await (which === "raw" ? raw() : adapt());
console.log(which, ((performance.now() - t) / 20).toFixed(1));
