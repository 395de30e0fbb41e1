import { StreamInterruptedError } from "@openharness/adapter-kit";
import type { ExecutionEvent } from "@openharness/types";
import { rejection } from "@openharness/vitest-config/test-helpers";
import { describe, expect, it } from "vitest";
import { LettaAdapter } from "./index";

// Letta's transport facts (letta-wire-facts.md 1 and 2), at the network boundary: a body held open
// after the turn finished, and a connection that drops mid-run.
const BASE_URL = "https://letta.test";
const AGENT = "agent-00000000-0000-4000-8000-000000000002";
const RUN = "run-transport-1";
const base = { date: "2026-06-10T12:00:00+00:00", run_id: RUN, otid: "o-1" };
const frame = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;
const PING = frame({ ...base, id: "ping-1", message_type: "ping" });
const ANSWER = frame({ ...base, id: "message-1", message_type: "assistant_message", content: "Hello, Sam." });
const STOP = frame({ message_type: "stop_reason", stop_reason: "end_turn" });
const USAGE = frame({
  message_type: "usage_statistics",
  prompt_tokens: 10,
  completion_tokens: 3,
  total_tokens: 13,
  step_count: 1,
});
const DONE = "data: [DONE]\n\n";

let sends = 0;
let reattaches = 0;
let answer: { frames: string[]; ending: "hold" | "drop" } = { frames: [], ending: "hold" };
/** Letta answering the next send with `frames`, then holding the body open or resetting the connection. */
function letta(frames: string[], ending: "hold" | "drop"): void {
  sends = 0;
  reattaches = 0;
  answer = { frames, ending };
}

// The network boundary is `fetch` itself: msw turns an errored body into a clean end, and a reset
// is exactly what must not look clean. Memory reads (for memory events) see an empty agent.
const lettaFetch: typeof fetch = async (input, init) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  if (url.endsWith("/messages/cancel")) return Response.json({});
  if ((init?.method ?? "GET") === "GET") return Response.json([]);
  if (url.endsWith("/stream")) {
    // Re-attaching: this Letta no longer has the run's stream (`runs.py`: 410 after 3 hours).
    reattaches += 1;
    return Response.json({ detail: "Run was created more than 3 hours ago, and is now expired." }, { status: 410 });
  }
  sends += 1;
  const { frames, ending } = answer;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const text of frames) controller.enqueue(new TextEncoder().encode(text));
      // What undici reports when the socket is torn down mid-body.
      if (ending === "drop") setTimeout(() => controller.error(new TypeError("terminated")), 10);
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream" } });
};

const adapter = (idleTimeoutMs = 60_000, resumeAttempts = 3) =>
  new LettaAdapter({
    apiKey: "test-key",
    baseUrl: BASE_URL,
    env: {},
    idleTimeoutMs,
    resumeAttempts,
    fetch: lettaFetch,
  });

async function events(idleTimeoutMs = 60_000): Promise<ExecutionEvent[]> {
  const out: ExecutionEvent[] = [];
  for await (const event of adapter(idleTimeoutMs).executeStream({ message: "hi", agent_id: AGENT })) out.push(event);
  return out;
}

describe("a finished turn is never reported as failed", () => {
  it("[DONE] with the body held open: the turn ends at once, as finished", async () => {
    letta([PING, ANSWER, STOP, USAGE, DONE], "hold");
    const result = await adapter().execute({ message: "hi", agent_id: AGENT });
    expect(result.output).toBe("Hello, Sam.");
    expect(result.stop_reason).toBe("end_turn");
    expect(result.usage.total_tokens).toBe(13);
  });

  it("stop reason and usage, then neither [DONE] nor a close: finished after a short grace, not the idle timeout", async () => {
    letta([PING, ANSWER, STOP, USAGE], "hold");
    const all = await events(300);
    expect(all.filter((e) => e.type === "error")).toEqual([]);
    expect(all.at(-1)).toMatchObject({ type: "done", stop_reason: "end_turn" });
  });

  it("the connection drops after the stop reason: the turn is still finished", async () => {
    letta([PING, ANSWER, STOP, USAGE], "drop");
    const result = await adapter().execute({ message: "hi", agent_id: AGENT });
    expect(result.output).toBe("Hello, Sam.");
    expect(result.stop_reason).toBe("end_turn");
  });
});

/** What `execute` fails with: a recoverable StreamInterruptedError naming the run (the test fails on anything else). */
async function interruption(on: LettaAdapter): Promise<StreamInterruptedError> {
  const error = await rejection(on.execute({ message: "hi", agent_id: AGENT }));
  expect(StreamInterruptedError.isInstance(error), String(error)).toBe(true);
  const interrupted = error as StreamInterruptedError;
  expect(interrupted.runId).toBe(RUN);
  expect(interrupted.retryable).toBe(true);
  return interrupted;
}

describe("a dropped turn is reported with its run id", () => {
  it("execute: a recoverable StreamInterruptedError naming the run, never a bare 'terminated'; sent once", async () => {
    letta([PING, ANSWER], "drop");
    const interrupted = await interruption(adapter(60_000, 0));
    expect(interrupted.message).toMatch(/connection to Letta dropped before the turn finished.*run run-transport-1/);
    expect(sends).toBe(1);
    expect(reattaches).toBe(0);
  });

  it("a re-attach Letta refuses (410) ends the turn at once with the drop and the refusal; sent once, asked once", async () => {
    letta([PING, ANSWER], "drop");
    const interrupted = await interruption(adapter());
    expect(interrupted.message).toMatch(
      /dropped before the turn finished.*Re-attaching to run run-transport-1 failed: 410/,
    );
    expect([sends, reattaches]).toEqual([1, 1]);
  });

  it("executeStream: the text so far, one stream_interrupted error with the run id, one done", async () => {
    letta([PING, ANSWER], "drop");
    const all = await events();
    expect(all.map((e) => e.type)).toEqual(["text", "error", "done"]);
    expect(all[1]).toMatchObject({ code: "stream_interrupted", recoverable: true, details: { run_id: RUN } });
    expect(all[2]).toMatchObject({ type: "done", metadata: { run_id: RUN } });
  });
});
