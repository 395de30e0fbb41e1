import { type APIError, ConflictError } from "@letta-ai/letta-client";
import { describe, expect, it } from "vitest";
import { createLettaEmulator, type ScriptedStep } from "../src/index.js";
import { createTestAgent, useLettaEmulator } from "./support/emulator-fixture.js";

const fx = useLettaEmulator();

type Item = Record<string, unknown>;

/** A paced emulator (30 ms per frame) so cancellation can land mid-run. */
function pacedEmulator() {
  const paced = createLettaEmulator({ baseUrl: "https://paced.letta.invalid", frameDelayMs: 30 });
  fx.server.use(...paced.handlers);
  return { paced, client: fx.client({ baseURL: paced.baseUrl }) };
}

const LONG_TURN: ScriptedStep[] = Array.from({ length: 8 }, (_, i) => ({
  reasoning: `Step ${i}.`,
  assistant: `Part ${i}.`,
}));

describe("cancellation", () => {
  it("cancels a streaming run server-side: stop_reason cancelled, run status cancelled", async () => {
    const { paced, client } = pacedEmulator();
    const agent = await createTestAgent(client);
    paced.script(LONG_TURN);
    const seen: Item[] = [];
    let cancelResult: unknown;
    for await (const item of await client.agents.messages.create(agent.id, { input: "go", streaming: true })) {
      seen.push(item as unknown as Item);
      if ((item as unknown as Item).message_type === "assistant_message" && cancelResult === undefined) {
        cancelResult = await client.agents.messages.cancel(agent.id);
      }
    }
    const runId = seen[0]?.run_id as string;
    expect(cancelResult).toEqual({ [runId]: "cancelled" });
    // Letta still reports the cancelled run's usage (wire fact 4).
    expect(seen.slice(-2).map((i) => i.message_type)).toEqual(["stop_reason", "usage_statistics"]);
    expect(seen.at(-2)).toEqual({ message_type: "stop_reason", stop_reason: "cancelled" });
    expect(seen.at(-1)).toMatchObject({ step_count: expect.any(Number), total_tokens: expect.any(Number) });
    expect(seen.filter((i) => i.message_type === "assistant_message").length).toBeLessThan(8);
    expect(paced.state.runs[runId]).toMatchObject({ status: "cancelled", stop_reason: "cancelled" });
    expect(paced.state.agents[agent.id]?.last_stop_reason).toBe("cancelled");
    await paced.idle();
    expect(paced.pendingTimers).toBe(0);
    paced.dispose();
  });

  it("cancels a specific run by id, reports unknown ids as failed", async () => {
    const { paced, client } = pacedEmulator();
    const agent = await createTestAgent(client);
    paced.script(LONG_TURN);
    const stream = await client.agents.messages.create(agent.id, { input: "go", streaming: true });
    const iterator = stream[Symbol.asyncIterator]();
    const ping = (await iterator.next()).value as unknown as Item;
    const result = await client.agents.messages.cancel(agent.id, {
      run_ids: [ping.run_id as string, "run-00000000-0000-4000-8000-000000000000"],
    });
    expect(result).toEqual({
      [ping.run_id as string]: "cancelled",
      "run-00000000-0000-4000-8000-000000000000": "failed",
    });
    const rest: Item[] = [];
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      rest.push(next.value as unknown as Item);
    expect(rest.at(-2)).toEqual({ message_type: "stop_reason", stop_reason: "cancelled" });
    expect(rest.at(-1)).toMatchObject({ message_type: "usage_statistics" });
    paced.dispose();
  });

  it("keeps running to completion when the client disconnects without cancelling (like Letta)", async () => {
    const { paced, client } = pacedEmulator();
    const agent = await createTestAgent(client);
    paced.script(LONG_TURN.slice(0, 3));
    let runId = "";
    for await (const item of await client.agents.messages.create(agent.id, { input: "go", streaming: true })) {
      runId = (item as unknown as Item).run_id as string;
      break; // aborts the HTTP request
    }
    expect(paced.state.runs[runId]?.status).toBe("running");
    await paced.idle();
    expect(paced.state.runs[runId]).toMatchObject({ status: "completed", stop_reason: "end_turn" });
    const stored = paced.state.messages[agent.id]?.filter((m) => m.message_type === "assistant_message") ?? [];
    expect(stored).toHaveLength(3);
    expect(paced.pendingTimers).toBe(0);
    paced.dispose();
  });

  it("cancels a sync run in flight", async () => {
    const { paced, client } = pacedEmulator();
    const agent = await createTestAgent(client);
    paced.script(LONG_TURN);
    const pending = client.agents.messages.create(agent.id, { input: "go" });
    while (!Object.values(paced.state.runs).some((r) => r.status === "running"))
      await new Promise((r) => setTimeout(r, 5));
    await client.agents.messages.cancel(agent.id);
    const response = await pending;
    expect(response.stop_reason).toEqual({ message_type: "stop_reason", stop_reason: "cancelled" });
    paced.dispose();
  });

  it("answers 409 when nothing is running", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const error = await client.agents.messages.cancel(agent.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as APIError).error).toEqual({ detail: `CONFLICT: No active runs to cancel for agent ${agent.id}` });
  });
});
