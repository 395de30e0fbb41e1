import Letta from "@letta-ai/letta-client";
import { LettaAdapter } from "@openharness/letta";
import { AGENT_ID, MIXED, recordedStream, streamingFetch } from "/work/main/tooling/benchmarks/src/fixture.ts";

const stream = recordedStream(10_000, MIXED, Number(process.env.CHUNK ?? 0));
console.log(stream.frames, stream.bytes);
const fetch = streamingFetch(() => stream);
const client = new Letta({ apiKey: "k", baseURL: "http://localhost:8283", fetch });
const adapter = new LettaAdapter({ apiKey: "k", baseUrl: "http://localhost:8283", fetch });

async function raw() {
  const s = await client.agents.messages.create(AGENT_ID, { messages: [{ role: "user", content: "hi" }], streaming: true, stream_tokens: true, include_pings: true });
  let n = 0, chars = 0;
  for await (const item of s as AsyncIterable<any>) { n++; if (item.message_type === "assistant_message") chars += item.content.length; }
  return n;
}
async function adapt() {
  let n = 0, chars = 0;
  for await (const e of adapter.executeStream({ message: "hi", agent_id: AGENT_ID })) { n++; if (e.type === "text") chars += e.content.length; }
  return n;
}
for (let r = 0; r < 8; r++) {
  let t = performance.now(); const a = await raw(); const tr = performance.now() - t;
  t = performance.now(); const b = await adapt(); const ta = performance.now() - t;
  console.log(r, a, b, tr.toFixed(1), ta.toFixed(1), (ta / tr).toFixed(3));
}
