import { createChatAgent, type LettaConnection } from "@openharness/example-support";
import { LettaAdapter } from "@openharness/letta";
import { startLettaEmulator } from "@openharness/letta-emulator";
import { decodeSseStream, type ExecutionEvent } from "@openharness/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebApp } from "../src/server/web-app";

// The server's handlers as a browser meets them (Request → Response), on an emulator that wants a key.
const KEY = "sk-let-memory-web-secret-0123456789";
let close: () => Promise<void>;
let handle: (request: Request) => Promise<Response>;
/** Every body the browser was sent (read alongside: a turn's stream ends later), to look for the key in. */
const seen: Array<Promise<string>> = [];

beforeAll(async () => {
  const started = await startLettaEmulator({ apiKey: KEY });
  close = started.close;
  const adapter = new LettaAdapter({ apiKey: KEY, baseUrl: started.emulator.baseUrl, env: {} });
  const connection: LettaConnection = {
    adapter,
    kind: "server",
    where: adapter.baseUrl,
    announcement: [],
    save: () => {},
    close: async () => {},
  };
  const app = createWebApp({
    connection,
    agentId: await createChatAgent(adapter),
    asset: async (path) => (path === "/" ? { body: "<!doctype html>", type: "text/html" } : undefined),
  });
  handle = async (request) => {
    const response = await app(request);
    seen.push(response.clone().text());
    return response;
  };
});
afterAll(async () => {
  await close?.();
});

const post = (path: string, body: unknown) =>
  handle(
    new Request(`http://app.test${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
const get = (path: string) => handle(new Request(`http://app.test${path}`));

async function turn(body: Record<string, unknown>): Promise<ExecutionEvent[]> {
  const response = await post("/api/turns", body);
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const events: ExecutionEvent[] = [];
  for await (const event of decodeSseStream(response.body as ReadableStream<Uint8Array>)) events.push(event);
  return events;
}

describe("the memory-web server", () => {
  it("streams a turn as OpenHarness SSE that the contract's decoder reads, with the memory change", async () => {
    const session = (await (await post("/api/sessions", {})).json()) as { id: string };
    const events = await turn({ message: "My name is Sam", turn_id: "t-1", session_id: session.id });
    expect(events.at(-1)).toMatchObject({ type: "done", stop_reason: "end_turn" });
    expect(events).toContainEqual(expect.objectContaining({ type: "memory_update", label: "human" }));
    const history = (await (await get(`/api/sessions/${session.id}/history`)).json()) as Array<{ content: string }>;
    expect(history.map((m) => m.content)).toContain("My name is Sam");
  });

  it("answers an approval in the same stream, and says when nothing waits for one", async () => {
    await handle(
      new Request("http://app.test/api/settings/ask-before-memory-edits", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ on: true }),
      }),
    );
    const response = await post("/api/turns", { message: "I live in Lisbon", turn_id: "t-2" });
    const events: ExecutionEvent[] = [];
    for await (const event of decodeSseStream(response.body as ReadableStream<Uint8Array>)) {
      events.push(event);
      if (event.type === "approval_request") await post(`/api/approvals/${event.id}`, { approve: false });
    }
    expect(events.map((e) => e.type)).toContain("approval_request");
    expect(events.at(-1)).toMatchObject({ type: "done" });
    const blocks = (await (await get("/api/blocks")).json()) as Array<{ label: string; value: string }>;
    expect(blocks.find((b) => b.label === "human")?.value).not.toContain("Lisbon");
    const nothing = await post("/api/approvals/message-nope", { approve: true });
    expect(nothing.status).toBe(404);
  });

  it("refuses bad input before running anything, naming the field", async () => {
    const cases: Array<[Response, RegExp]> = [
      [await post("/api/turns", "{not json"), /JSON/],
      [await post("/api/turns", { turn_id: "t" }), /^message: /],
      [await post("/api/turns", { message: "hi" }), /^turn_id: /],
      [await post("/api/approvals/x", { approve: "yes" }), /^approve: /],
    ];
    for (const [response, message] of cases) {
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(message);
    }
    expect((await get("/api/nope")).status).toBe(404);
    expect((await handle(new Request("http://app.test/api/state", { method: "DELETE" }))).status).toBe(405);
  });

  it("never sends the API key to the browser", async () => {
    await get("/api/state");
    await get("/api/blocks");
    await get("/api/sessions");
    await get("/api/sessions/conv-00000000-0000-4000-8000-000000000000/history");
    expect(seen.length).toBeGreaterThan(8);
    for (const body of await Promise.all(seen)) expect(body).not.toContain(KEY);
  });
});
