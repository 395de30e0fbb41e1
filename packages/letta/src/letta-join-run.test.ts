import { AgentBusyError, InvalidRequestError } from "@openharness/adapter-kit";
import type { ExecutionEvent } from "@openharness/types";
import { describe, expect, it } from "vitest";
import { collect, rejection, useLettaEmulator } from "../test/support/emulator-fixture";

const { emulator, newAdapter } = useLettaEmulator({ keepaliveMs: 20 });

const SCRIPT = [
  {
    reasoning: "A fact to keep.",
    toolCalls: [{ name: "memory_insert", arguments: { label: "human", new_str: "Name: Sam" } }],
  },
  { assistant: "Nice to meet you, Sam." },
];
const posts = (suffix: string) => emulator.requests.filter((r) => r.method === "POST" && r.path.endsWith(suffix));
const runIdOf = (events: readonly ExecutionEvent[]) => {
  const done = events.at(-1);
  return done?.type === "done" ? String(done.metadata?.run_id) : "";
};
const kinds = (events: readonly ExecutionEvent[]) => events.map((e) => e.type);

describe("joinRun: following a turn in flight without sending anything", () => {
  it("a busy session is joined, not re-sent: the second process sees the whole turn, Letta takes the message once", async () => {
    const first = newAdapter();
    const second = newAdapter();
    const agentId = await first.createAgent({});
    const session = await first.sessions.create(agentId);
    emulator.script(SCRIPT);
    // The first turn takes a while before its output, so it is still running when the second process comes.
    emulator.inject({ type: "ping-only", durationMs: 150 });
    const running = collect(
      first.executeStream({ message: "My name is Sam", agent_id: agentId, session_id: session.id }),
    );
    while (posts("/messages").length === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    const busy = await rejection(
      second.execute({ message: "My name is Sam", agent_id: agentId, session_id: session.id }),
    );
    expect(AgentBusyError.isInstance(busy), String(busy)).toBe(true);
    const runId = (busy as AgentBusyError).runId as string;
    expect(runId).toMatch(/^run-/);

    const joined = await collect(second.joinRun({ agent_id: agentId, session_id: session.id, run_id: runId }));
    const original = await running;
    expect(kinds(joined)).toEqual(kinds(original));
    expect(
      joined
        .filter((e) => e.type === "text")
        .map((e) => (e as { content: string }).content)
        .join(""),
    ).toBe("Nice to meet you, Sam.");
    expect(joined.at(-1)).toMatchObject({ type: "done", stop_reason: "end_turn", metadata: { run_id: runId } });
    const history = await first.sessions.history(session.id);
    expect(history.filter((m) => m.role === "user").map((m) => m.content)).toEqual(["My name is Sam"]);
    // One accepted send and one refused (409): the join itself sends nothing.
    expect(posts("/messages")).toHaveLength(2);
    expect(posts(`/v1/runs/${runId}/stream`)).toHaveLength(1);
  });

  it("a finished run is read whole, as long as Letta keeps its stream", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    emulator.script(SCRIPT);
    const turn = await collect(adapter.executeStream({ message: "My name is Sam", agent_id: agentId }));
    const runId = runIdOf(turn);
    const again = await collect(adapter.joinRun({ agent_id: agentId, run_id: runId }, { memoryEvents: false }));
    expect(kinds(again)).toEqual(kinds(turn).filter((kind) => kind !== "memory_update"));
  });

  it("a run Letta keeps no stream of is a typed error naming it; a bad run id is refused before anything is sent", async () => {
    const plain = newAdapter({ resumeAttempts: 0 });
    const agentId = await plain.createAgent({});
    const turn = await collect(plain.executeStream({ message: "hi", agent_id: agentId }));
    const runId = runIdOf(turn);
    const refused = await collect(plain.joinRun({ agent_id: agentId, run_id: runId }));
    expect(refused.map((e) => e.type)).toEqual(["error", "done"]);
    expect(refused[0]).toMatchObject({
      code: "invalid_request",
      message: expect.stringMatching(/not created in background mode/),
    });

    const before = emulator.requests.length;
    // Bad input throws at the call, as executeStream's does.
    expect(() => plain.joinRun({ agent_id: agentId, run_id: "conv-1" })).toThrow(InvalidRequestError);
    expect(() => plain.joinRun({ agent_id: agentId, run_id: "conv-1" })).toThrow(/run_id/);
    expect(emulator.requests.length).toBe(before);
  });
});
