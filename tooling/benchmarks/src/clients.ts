import Letta from "@letta-ai/letta-client";
import { LettaAdapter } from "@openharness/letta";
import { AGENT_ID } from "./fixture.ts";

const BASE_URL = "http://localhost:8283";
const API_KEY = "bench-key";
const MESSAGE = "What's my favourite colour?";

/** The two contestants, on the same `fetch` (the same in-process stream source). */
export interface Contestants {
  client: Letta;
  adapter: LettaAdapter;
}

/** A raw SDK client as a user would create it, and the adapter, both on `fetch`. */
export function contestants(fetch: typeof globalThis.fetch): Contestants {
  return {
    client: new Letta({ apiKey: API_KEY, baseURL: BASE_URL, fetch }),
    adapter: new LettaAdapter({ apiKey: API_KEY, baseUrl: BASE_URL, fetch }),
  };
}

/** What one consumer saw: items (raw frames or adapter events) and answer characters. */
export interface Consumed {
  items: number;
  textChars: number;
}

type RawItem = { message_type?: string; content?: unknown };

/** Opens the raw SDK token stream, exactly as a hand-written integration would. */
export function openRaw(client: Letta, signal?: AbortSignal): Promise<AsyncIterable<RawItem>> {
  return client.agents.messages.create(
    AGENT_ID,
    { messages: [{ role: "user", content: MESSAGE }], streaming: true, stream_tokens: true, include_pings: true },
    signal ? { signal } : undefined,
  ) as unknown as Promise<AsyncIterable<RawItem>>;
}

/** The adapter's stream, doing the raw SDK's work: memory events (extra reads per tool return) off. */
export function openAdapter(adapter: LettaAdapter, signal?: AbortSignal) {
  return adapter.executeStream(
    { message: MESSAGE, agent_id: AGENT_ID },
    signal ? { signal, memoryEvents: false } : { memoryEvents: false },
  );
}

/** Reads the raw stream to its end, keeping a count of frames and answer characters (and nothing else). */
export async function consumeRaw(
  client: Letta,
  signal?: AbortSignal,
  onItem?: (index: number) => void,
): Promise<Consumed> {
  let items = 0;
  let textChars = 0;
  for await (const item of await openRaw(client, signal)) {
    if (item.message_type === "assistant_message" && typeof item.content === "string") textChars += item.content.length;
    const index = items++;
    onItem?.(index);
  }
  return { items, textChars };
}

/** Reads the adapter's event stream to its end, likewise. */
export async function consumeAdapter(
  adapter: LettaAdapter,
  signal?: AbortSignal,
  onItem?: (index: number) => void,
): Promise<Consumed> {
  let items = 0;
  let textChars = 0;
  for await (const event of openAdapter(adapter, signal)) {
    if (event.type === "text") textChars += event.content.length;
    const index = items++;
    onItem?.(index);
  }
  return { items, textChars };
}

/** ms from the call to the first answer text, raw SDK (the stream is then abandoned with `break`). */
export async function firstTextRaw(client: Letta): Promise<number> {
  const start = performance.now();
  for await (const item of await openRaw(client)) {
    if (item.message_type === "assistant_message") return performance.now() - start;
  }
  throw new Error("raw stream had no assistant_message");
}

/** ms from the call to the first `text` event, adapter. */
export async function firstTextAdapter(adapter: LettaAdapter): Promise<number> {
  const start = performance.now();
  for await (const event of openAdapter(adapter)) {
    if (event.type === "text") return performance.now() - start;
  }
  throw new Error("adapter stream had no text event");
}
