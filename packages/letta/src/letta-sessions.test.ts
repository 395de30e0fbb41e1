import { InvalidRequestError, NotFoundError, UnsupportedFeatureError } from "@openharness/adapter-kit";
import type { ExecutionEvent } from "@openharness/types";
import { describe, expect, it } from "vitest";
import { rejection, useLettaEmulator } from "../test/support/emulator-fixture";
import type { LettaAdapter } from "./letta-adapter";

const { emulator, newAdapter } = useLettaEmulator();

async function say(letta: LettaAdapter, agent_id: string, session_id: string, message: string) {
  return (await letta.execute({ message, agent_id, session_id })).output;
}

describe("sessions: Letta conversations", () => {
  it("two sessions of one agent keep separate histories and share the agent's memory", async () => {
    const letta = newAdapter();
    const agentId = await letta.createAgent({});
    const a = await letta.sessions.create(agentId, { name: "support" });
    const b = await letta.sessions.create(agentId);
    expect(a).toMatchObject({ agent_id: agentId, name: "support", id: expect.stringMatching(/^conv-/) });

    await say(letta, agentId, a.id, "My name is Sam");
    expect(await say(letta, agentId, b.id, "What's my name?")).toBe("Your name is Sam.");

    const historyA = await letta.sessions.history(a.id);
    const historyB = await letta.sessions.history(b.id);
    const said = (history: typeof historyA) => history.filter((m) => m.role === "user").map((m) => m.content);
    expect(said(historyA)).toEqual([expect.stringContaining("My name is Sam")]);
    expect(said(historyB)).toEqual([expect.stringContaining("What's my name?")]);
    expect(historyB.filter((m) => m.role === "assistant").at(-1)?.content).toBe("Your name is Sam.");
    // The agent's own conversation saw neither.
    const direct = await letta.execute({ message: "What's my name?", agent_id: agentId });
    expect(direct.output).toBe("Your name is Sam.");
    expect(said(await letta.sessions.history(a.id))).toHaveLength(1);
  });

  it("history is oldest first, with tool calls and their results, and pages with limit and after", async () => {
    const letta = newAdapter();
    const agentId = await letta.createAgent({});
    const session = await letta.sessions.create(agentId);
    emulator.script([
      {
        reasoning: "Look it up.",
        toolCalls: [{ name: "lookup", arguments: { q: "tea" }, id: "call_1", result: "oolong" }],
      },
      { assistant: "You like oolong." },
    ]);
    await say(letta, agentId, session.id, "What tea do I like?");
    const history = await letta.sessions.history(session.id);
    const turn = history.slice(history.findIndex((m) => m.role === "user"));
    expect(turn.map((m) => m.role)).toEqual(["user", "assistant", "tool", "assistant"]);
    expect(turn[1]).toMatchObject({
      thinking: "Look it up.",
      tool_calls: [{ id: "call_1", name: "lookup", input: { q: "tea" } }],
    });
    expect(turn[2]).toMatchObject({ role: "tool", tool_call_id: "call_1", content: expect.stringContaining("oolong") });
    expect(turn[3]).toMatchObject({ role: "assistant", content: "You like oolong." });

    const first = await letta.sessions.history(session.id, { limit: 1 });
    const next = await letta.sessions.history(session.id, { limit: 2, after: first[0]?.id });
    expect([...first, ...next].map((m) => m.id)).toEqual(history.slice(0, 3).map((m) => m.id));
  });

  it("lists every session of the agent, forks one with its history, and deleting one keeps the agent", async () => {
    const letta = newAdapter();
    const agentId = await letta.createAgent({});
    const other = await letta.createAgent({});
    const a = await letta.sessions.create(agentId);
    const b = await letta.sessions.create(agentId);
    await letta.sessions.create(other);
    await say(letta, agentId, a.id, "I live in Porto");

    const fork = await letta.sessions.fork(a.id);
    expect(fork.agent_id).toBe(agentId);
    const userLines = async (id: string) =>
      (await letta.sessions.history(id)).filter((m) => m.role === "user").map((m) => m.content);
    expect(await userLines(fork.id)).toEqual(await userLines(a.id));

    expect((await letta.sessions.list(agentId)).map((s) => s.id).sort()).toEqual([a.id, b.id, fork.id].sort());
    await letta.sessions.delete(a.id);
    expect(await rejection(letta.sessions.get(a.id))).toBeInstanceOf(NotFoundError);
    expect((await letta.sessions.list(agentId)).map((s) => s.id).sort()).toEqual([b.id, fork.id].sort());
    expect((await letta.getAgent(agentId)).id).toBe(agentId);
  });

  it("streams a turn in a session, and an abort cancels that session's run", async () => {
    const letta = newAdapter();
    const agentId = await letta.createAgent({});
    const session = await letta.sessions.create(agentId);
    const controller = new AbortController();
    const events: ExecutionEvent[] = [];
    for await (const event of letta.executeStream(
      { message: "My name is Sam and I live in Lisbon", agent_id: agentId, session_id: session.id },
      { signal: controller.signal },
    )) {
      events.push(event);
      if (event.type === "thinking") controller.abort();
    }
    expect(events.at(-1)).toMatchObject({ type: "done", stop_reason: "cancelled" });
    const cancels = emulator.requests.filter((r) => r.method === "POST" && r.path.endsWith("/cancel"));
    expect(cancels.map((r) => r.path)).toEqual([`/v1/conversations/${session.id}/cancel`]);
  });

  it("refuses bad input before anything is sent", async () => {
    const letta = newAdapter();
    const agentId = await letta.createAgent({});
    const sent = emulator.requests.length;
    const badId = await rejection(letta.execute({ message: "hi", agent_id: agentId, session_id: "default" }));
    expect(badId).toBeInstanceOf(InvalidRequestError);
    expect((badId as Error).message).toBe(
      'Invalid session_id: expected a Letta conv id (conv-<uuid>), got a string without the "conv-" prefix.',
    );
    expect(await rejection(letta.sessions.get("agent-1"))).toBeInstanceOf(InvalidRequestError);
    const metadata = await rejection(letta.sessions.create(agentId, { metadata: { team: "a" } }));
    expect(metadata).toBeInstanceOf(UnsupportedFeatureError);
    expect(await rejection(letta.sessions.create(agentId, { nme: "x" } as never))).toBeInstanceOf(InvalidRequestError);
    expect(emulator.requests.length).toBe(sent);
  });

  it("the manifest says sessions are supported, and with what limits", () => {
    const sessions = newAdapter().getCapabilityManifest().capabilities.sessions;
    expect(sessions.supported).toBe(true);
    for (const operation of ["create", "get", "list", "delete", "fork", "history", "resume", "named"])
      expect(sessions.operations[operation]?.status, operation).toBe("supported");
  });
});
