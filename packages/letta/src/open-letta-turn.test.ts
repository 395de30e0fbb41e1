import { HarnessApiError, StreamInterruptedError } from "@openharness/adapter-kit";
import type { ExecutionEvent } from "@openharness/types";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { rejection } from "@openharness/vitest-config/test-helpers";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LettaAdapter } from "./index";

// A Letta that never finishes: its stream sends one ping, then nothing, never ends and ignores
// cancellation, so only the adapter's own watchdog can end the turn.
const BASE_URL = "https://letta.test";
const AGENT = "agent-00000000-0000-4000-8000-000000000001";
const RUN = "run-stuck-1";
const MESSAGES = `${BASE_URL}/v1/agents/${AGENT}/messages`;
const ping = `data: ${JSON.stringify({ id: "ping-1", date: "2026-06-10T12:00:00+00:00", message_type: "ping", run_id: RUN })}\n\n`;

// An agent with empty memory: each turn reads it to report memory_update events.
const server = setupServer(
  http.get(`${BASE_URL}/v1/agents/${AGENT}/core-memory/blocks`, () => HttpResponse.json([])),
  http.get(`${BASE_URL}/v1/agents/${AGENT}/archival-memory`, () => HttpResponse.json([])),
);
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function stuckLetta(): void {
  server.use(
    http.post(MESSAGES, () => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(ping));
        },
        cancel() {
          // Deliberately ignored: the body never ends, whatever the client does.
        },
      });
      return new HttpResponse(body, { headers: { "content-type": "text/event-stream" } });
    }),
  );
}

// The request is not abortable either: the SDK's stream cannot end when the adapter aborts it.
const deafFetch: typeof fetch = (input, init) => fetch(input, { ...init, signal: null });
const adapter = (idleTimeoutMs: number) =>
  // Without resume: what is tested is the watchdog ending the turn (re-attaching is tested in letta-adapter-resume).
  new LettaAdapter({
    apiKey: "test-key",
    baseUrl: BASE_URL,
    env: {},
    idleTimeoutMs,
    resumeAttempts: 0,
    fetch: deafFetch,
  });

describe("the idle watchdog", () => {
  it("ends a silent turn itself, with a recoverable StreamInterruptedError naming the run, even if the stream never settles", async () => {
    stuckLetta();
    const error = await rejection(adapter(100).execute({ message: "hi", agent_id: AGENT }));
    expect(StreamInterruptedError.isInstance(error), String(error)).toBe(true);
    const interrupted = error as StreamInterruptedError;
    expect(interrupted.runId).toBe(RUN);
    expect(interrupted.retryable).toBe(true);
    expect(interrupted.message).toMatch(/sent nothing for 100 ms.*run run-stuck-1 may still be running/);
  });

  it("ends the stream with one stream_interrupted error and one done", async () => {
    stuckLetta();
    const events: ExecutionEvent[] = [];
    for await (const event of adapter(100).executeStream({ message: "hi", agent_id: AGENT })) events.push(event);
    expect(events).toEqual([
      {
        type: "error",
        code: "stream_interrupted",
        message: expect.stringMatching(/100 ms/),
        recoverable: true,
        details: expect.objectContaining({ run_id: RUN }),
      },
      expect.objectContaining({ type: "done", stop_reason: "error", metadata: { run_id: RUN } }),
    ]);
  });
});

describe("execute errors", () => {
  it("rejects with the typed error whose cause is the SDK's APIError", async () => {
    const { APIError } = await import("@letta-ai/letta-client");
    server.use(http.post(MESSAGES, () => HttpResponse.json({ detail: "boom" }, { status: 500 })));
    const error = await adapter(60_000)
      .execute({ message: "hi", agent_id: AGENT })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(HarnessApiError.isInstance(error), String(error)).toBe(true);
    expect((error as HarnessApiError).status).toBe(500);
    expect((error as Error).cause).toBeInstanceOf(APIError);
  });
});
