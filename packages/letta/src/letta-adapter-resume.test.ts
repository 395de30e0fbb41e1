import Letta from "@letta-ai/letta-client";
import { type OpenHarnessError, StreamInterruptedError } from "@openharness/adapter-kit";
import type { LettaExchange, LettaFault } from "@openharness/letta-emulator";
import type { ExecutionEvent } from "@openharness/types";
import { describe, expect, it } from "vitest";
import { collect, rejection, TEST_API_KEY, useLettaEmulator } from "../test/support/emulator-fixture";
import type { LettaAdapterOptions } from "./index";
import { openLettaTurn } from "./open-letta-turn";

// Keepalives every 20 ms, so an idle watchdog of 150 ms tells a stalled stream from a quiet one.
const exchanges: LettaExchange[] = [];
const { emulator, newAdapter } = useLettaEmulator({
  keepaliveMs: 20,
  onExchange: (exchange) => exchanges.push(exchange),
});

// A turn with every kind of output: token-streamed reasoning, a tool call and its return, a memory
// change, token-streamed text, the stop reason and the usage.
const SCRIPT = [
  {
    reasoning: "Sam's name goes in memory",
    toolCalls: [{ name: "memory_insert", arguments: { label: "human", new_str: "Name: Sam" } }],
  },
  { assistant: "Nice to meet you, Sam." },
];

/** The events with what differs from run to run (ids, clock) taken out. */
const comparable = (events: readonly ExecutionEvent[]) =>
  JSON.parse(
    JSON.stringify(events)
      .replace(/call_[0-9a-f]+/g, "call")
      .replace(/(run|agent)-[0-9a-f-]{36}/g, "$1")
      .replace(/\\"time\\": \\"[^\\]*\\"/g, "time"),
  );

interface Turn {
  events: ExecutionEvent[];
  /** `POST …/messages` requests: the message was sent this many times. */
  sends: number;
  /** Re-attach requests (`…/stream`). */
  reattaches: number;
  /** User messages Letta took in. */
  received: number;
}

async function turn(faults: LettaFault[] = [], options: LettaAdapterOptions = {}, streamTokens = true): Promise<Turn> {
  const adapter = newAdapter(options);
  const agentId = await adapter.createAgent({});
  const before = emulator.requests.length;
  emulator.script(SCRIPT);
  for (const fault of faults) emulator.inject(fault);
  const events = await collect(
    adapter.executeStream({ message: "My name is Sam", agent_id: agentId }, { streamTokens }),
  );
  await emulator.idle();
  const posts = emulator.requests.slice(before).filter((r) => r.method === "POST");
  return {
    events,
    sends: posts.filter((r) => r.path.endsWith("/messages")).length,
    reattaches: posts.filter((r) => r.path.endsWith("/stream")).length,
    received: (emulator.state.messages[agentId] ?? []).filter((m) => m.message_type === "user_message").length,
  };
}

/** The uncut turn, and what its send answered with: Letta's frames, the usage frame's position. */
async function wholeTurn(streamTokens = true): Promise<{ whole: Turn; frames: number; usageAt: number }> {
  const whole = await turn([], {}, streamTokens);
  expect(whole.events.filter((e) => e.type === "error")).toEqual([]);
  const frames = exchanges.filter((e) => e.request.path.endsWith("/messages")).at(-1)?.response.frames ?? [];
  const usageAt = frames.findIndex((f) => f.data.includes('"usage_statistics"'));
  expect(usageAt).toBeGreaterThan(5);
  return { whole, frames: frames.length, usageAt };
}

describe("a dropped stream is resumed: the same events, one done, the message sent once", () => {
  for (const streamTokens of [true, false]) {
    for (const type of ["stream-reset", "stream-cut"] as const) {
      it(`${type} at every frame position (${streamTokens ? "token" : "step"} streaming)`, async () => {
        const { whole, frames, usageAt } = await wholeTurn(streamTokens);
        for (let at = 0; at <= frames; at++) {
          const cut = await turn([{ type, afterFrames: at, match: { path: /\/messages$/ } }], {}, streamTokens);
          const where = `${type} after ${at} frames`;
          expect(comparable(cut.events), where).toEqual(comparable(whole.events));
          expect(
            cut.events.filter((e) => e.type === "done"),
            where,
          ).toHaveLength(1);
          expect([cut.sends, cut.received], where).toEqual([1, 1]);
          // Re-attached whenever the usage had not been written; after it, only when a reset lost the
          // last frames in flight (a clean cut loses nothing).
          if (at <= usageAt) expect(cut.reattaches, where).toBe(1);
          else expect(cut.reattaches, where).toBeLessThanOrEqual(type === "stream-reset" ? 1 : 0);
        }
      });
    }
  }

  it("a re-attached stream that drops too is re-attached again, from where it broke", async () => {
    const { whole } = await wholeTurn();
    const cut = await turn([
      { type: "stream-reset", afterFrames: 4, match: { path: /\/messages$/ } },
      { type: "stream-reset", afterFrames: 3, match: { path: /\/stream$/ }, times: 2 },
    ]);
    expect(comparable(cut.events)).toEqual(comparable(whole.events));
    expect([cut.sends, cut.reattaches, cut.received]).toEqual([1, 3, 1]);
  });

  it("pings on either side of the terminal frames change nothing, on the first stream or a re-attached one (wire fact 7)", async () => {
    const { whole, usageAt } = await wholeTurn();
    const pinged = await turn([{ type: "terminal-pings", match: { path: /\/messages$/ } }]);
    expect(comparable(pinged.events)).toEqual(comparable(whole.events));
    const resumed = await turn([
      { type: "stream-cut", afterFrames: usageAt, match: { path: /\/messages$/ } },
      { type: "terminal-pings", match: { path: /\/stream$/ } },
    ]);
    expect(comparable(resumed.events)).toEqual(comparable(whole.events));
    expect(resumed.reattaches).toBe(1);
  });

  it("a stalled stream is re-attached after the idle timeout instead of failing", async () => {
    const { whole } = await wholeTurn();
    const cut = await turn([{ type: "stall", afterFrames: 3, match: { path: /\/messages$/ } }], { idleTimeoutMs: 150 });
    expect(comparable(cut.events)).toEqual(comparable(whole.events));
    expect([cut.sends, cut.reattaches]).toEqual([1, 1]);
  });

  it("gives up after resumeAttempts failed re-attaches in a row: stream_interrupted with the run id, one done", async () => {
    const cut = await turn(
      [
        { type: "stream-reset", afterFrames: 3, match: { path: /\/messages$/ } },
        { type: "status", status: 503, match: { path: /\/stream$/ }, times: 5 },
      ],
      { resumeAttempts: 2 },
    );
    expect(cut.reattaches).toBe(2);
    expect(cut.events.at(-2)).toMatchObject({
      type: "error",
      code: "stream_interrupted",
      recoverable: true,
      details: { run_id: expect.stringMatching(/^run-/) },
    });
    expect(cut.events.at(-2)).toMatchObject({ message: expect.stringMatching(/Re-attaching to run run-.* failed/) });
    expect(cut.events.filter((e) => e.type === "done")).toHaveLength(1);
    expect([cut.sends, cut.received]).toEqual([1, 1]);
  });

  it("execute resumes too: the whole answer, usage counted once", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    emulator.script(SCRIPT);
    const whole = await adapter.execute({ message: "My name is Sam", agent_id: agentId });
    const other = await adapter.createAgent({});
    emulator.script(SCRIPT);
    emulator.inject({ type: "stream-reset", afterFrames: 5, match: { path: /\/messages$/ } });
    const resumed = await adapter.execute({ message: "My name is Sam", agent_id: other });
    expect(resumed.output).toBe(whole.output);
    expect(resumed.usage).toEqual(whole.usage);
  });

  it("a session's turn resumes on its conversation", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    const session = await adapter.sessions.create(agentId);
    emulator.script(SCRIPT);
    emulator.inject({ type: "stream-reset", afterFrames: 0, match: { path: /\/messages$/ } });
    const result = await adapter.execute({ message: "My name is Sam", agent_id: agentId, session_id: session.id });
    expect(result.output).toBe("Nice to meet you, Sam.");
    const history = await adapter.sessions.history(session.id);
    expect(history.filter((m) => m.role === "user")).toHaveLength(1);
  });

  it("without background streams (resumeAttempts: 0) a drop is reported, not resumed", async () => {
    const cut = await turn([{ type: "stream-reset", afterFrames: 3, match: { path: /\/messages$/ } }], {
      resumeAttempts: 0,
    });
    expect(cut.reattaches).toBe(0);
    expect(cut.events.at(-2)).toMatchObject({ type: "error", code: "stream_interrupted", recoverable: true });
    const send = emulator.requests.filter((r) => r.path.endsWith("/messages")).at(-1);
    expect(send?.body).not.toHaveProperty("background");
  });

  it("rejects a resumeAttempts that is not a whole number, naming the option", () => {
    const error = (() => {
      try {
        newAdapter({ resumeAttempts: 1.5 });
      } catch (e) {
        return e;
      }
    })();
    expect(String((error as Error).message)).toMatch(/resumeAttempts: expected a whole number/);
  });
});

describe("the run is found when the drop came before Letta announced it", () => {
  it("a send that fails before any answer is re-attached by the message's otid, never sent again", async () => {
    const { whole } = await wholeTurn();
    const cut = await turn([{ type: "stream-reset", afterFrames: 0, match: { path: /\/messages$/ } }]);
    expect(comparable(cut.events)).toEqual(comparable(whole.events));
    const reattach = emulator.requests.filter((r) => r.path.endsWith("/stream")).at(-1);
    expect(reattach?.path).toBe("/v1/conversations/default/stream");
    expect(reattach?.body).toMatchObject({ otid: expect.any(String), agent_id: expect.stringMatching(/^agent-/) });
    expect([cut.sends, cut.received]).toEqual([1, 1]);
  });

  it("a send that never reached Letta fails with its own connection error, not sent again", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    emulator.inject({ type: "network-error", match: { path: /\/messages$/ } });
    const error = await rejection<OpenHarnessError>(adapter.execute({ message: "hi", agent_id: agentId }));
    expect(error.code).toBe("connection_error");
    const posts = emulator.requests.filter((r) => r.method === "POST");
    expect(posts.filter((r) => r.path.endsWith("/messages"))).toHaveLength(1);
    expect(posts.filter((r) => r.path.endsWith("/stream"))).toHaveLength(1);
    expect(StreamInterruptedError.isInstance(error)).toBe(false);
  });
});

describe("the frames of a resumed run", () => {
  const client = () => new Letta({ apiKey: TEST_API_KEY, baseURL: emulator.baseUrl, maxRetries: 0, logLevel: "off" });

  async function frames(agentId: string, fault?: LettaFault): Promise<Array<string | undefined>> {
    emulator.script(SCRIPT);
    if (fault) emulator.inject(fault);
    let runId: string | undefined;
    let stopReason: string | undefined;
    const turn = openLettaTurn({
      client: client(),
      agentId,
      params: { messages: [{ role: "user", content: "hi", otid: crypto.randomUUID() }], streaming: true },
      idleTimeoutMs: 5_000,
      resumeAttempts: 3,
      backgroundStreams: { available: true },
      runId: () => runId,
      finished: () => stopReason !== undefined,
      mapError: (error) => error,
    });
    const read: Array<string | undefined> = [];
    for await (const frame of turn.frames) {
      if ("run_id" in frame && typeof frame.run_id === "string") runId = frame.run_id;
      if (frame.message_type === "stop_reason") stopReason = frame.stop_reason;
      if (frame.message_type !== "ping") read.push(frame.message_type);
    }
    return read;
  }

  it("holds each of Letta's frames once, even those Letta does not number (stop reason, usage)", async () => {
    const agentId = await newAdapter().createAgent({});
    const whole = await frames(agentId);
    const stopAt = exchanges.at(-1)?.response.frames?.findIndex((f) => f.data.includes('"stop_reason"')) ?? -1;
    expect(stopAt).toBeGreaterThan(0);
    // Cut right after the stop reason: the re-attached stream starts at the last numbered chunk, before it.
    const cut = await frames(agentId, { type: "stream-cut", afterFrames: stopAt + 1, match: { path: /\/messages$/ } });
    expect(cut).toEqual(whole);
    expect(whole.filter((type) => type === "stop_reason")).toHaveLength(1);
  });
});
