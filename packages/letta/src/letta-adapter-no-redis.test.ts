import { describe, expect, it } from "vitest";
import { collect, useLettaEmulator } from "../test/support/emulator-fixture";

// A self-hosted Letta without Redis: it refuses background streams (503) before its agent loop starts.
const { emulator, newAdapter } = useLettaEmulator({ redis: false });

describe("a Letta without background streams", () => {
  it("streams in the foreground instead: the message taken in once, the fallback learnt once per adapter", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    const sends = () =>
      emulator.requests
        .filter((r) => r.method === "POST" && r.path.endsWith("/messages"))
        .map((r) => (r.body as { background?: boolean }).background === true);

    const first = await collect(adapter.executeStream({ message: "My name is Sam", agent_id: agentId }));
    expect(first.filter((e) => e.type === "error")).toEqual([]);
    expect(first.at(-1)).toMatchObject({ type: "done", stop_reason: "end_turn" });
    expect(sends()).toEqual([true, false]);

    await adapter.execute({ message: "What's my name?", agent_id: agentId });
    expect(sends()).toEqual([true, false, false]);
    const users = (emulator.state.messages[agentId] ?? []).filter((m) => m.message_type === "user_message");
    expect(users).toHaveLength(2);
  });
});
