import { APIError } from "@letta-ai/letta-client";
import { describe, expect, it } from "vitest";
import { createTestAgent, useLettaEmulator } from "./support/emulator-fixture.js";

// A self-hosted Letta without Redis: background streams are out of reach, nothing else changes.
const fx = useLettaEmulator({ redis: false });

describe("a server without Redis", () => {
  it("answers 503 to background sends and stream retrieval, and runs nothing", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const refused = await client.agents.messages
      .create(agent.id, { input: "go", streaming: true, background: true })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(APIError);
    expect((refused as APIError).status).toBe(503);
    expect(String((refused as APIError).message)).toContain("Background streaming requires Redis");
    const retrieve = await client.conversations.messages
      .stream("default", { agent_id: agent.id })
      .catch((e: unknown) => e);
    expect((retrieve as APIError).status).toBe(503);
    expect(Object.keys(fx.emulator.state.runs)).toHaveLength(0);
    const history = await client.agents.messages.list(agent.id);
    expect(history.items.filter((m) => m.message_type === "user_message")).toHaveLength(0);
    // Foreground streaming works as ever.
    const stream = await client.agents.messages.create(agent.id, { input: "hi", streaming: true });
    const kinds: unknown[] = [];
    for await (const item of stream) kinds.push((item as { message_type?: string }).message_type);
    expect(kinds).toContain("stop_reason");
  });
});
