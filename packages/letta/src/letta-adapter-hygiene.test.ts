import type { LettaExchange } from "@openharness/letta-emulator";
import { describe, expect, it } from "vitest";
import { collect, useLettaEmulator } from "../test/support/emulator-fixture";

// What a long-running process relies on: nothing left behind after a turn, a fresh identity per
// message, and lists that are whole however long they are.
const exchanges: LettaExchange[] = [];
const { emulator, newAdapter } = useLettaEmulator({
  keepaliveMs: 20,
  onExchange: (exchange) => exchanges.push(exchange),
});
const sends = () => emulator.requests.filter((r) => r.method === "POST" && r.path.endsWith("/messages"));

/** This process's pending timers (the adapter's idle watchdog among them). */
const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;

describe("resource hygiene", () => {
  it("leaves none of its own timers behind after a finished, a failed or an abandoned turn", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    await adapter.execute({ message: "hi", agent_id: agentId });
    const baseline = timers();
    await adapter.execute({ message: "My name is Sam", agent_id: agentId });
    emulator.inject({ type: "status", status: 500, match: { method: "POST", path: /\/messages$/ } });
    await adapter.execute({ message: "hi", agent_id: agentId }).catch(() => undefined);
    for await (const event of adapter.executeStream({ message: "hi", agent_id: agentId })) if (event) break;
    await emulator.idle();
    await new Promise((resolve) => setImmediate(resolve));
    expect(timers()).toBe(baseline);
  });

  it("a consumer's break aborts the HTTP request", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    // The stream stalls after a few frames: only the client can end this request.
    emulator.inject({ type: "stall", afterFrames: 3, match: { method: "POST", path: /\/messages$/ } });
    for await (const event of adapter.executeStream({ message: "My name is Sam", agent_id: agentId }))
      if (event.type === "thinking") break;
    await expect.poll(() => exchanges.filter((e) => e.request.path.endsWith("/messages")).at(-1)?.aborted).toBe(true);
  });
});

describe("identity and completeness", () => {
  it("gives every message its own otid (Letta would drop a repeated one as a retry)", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    await adapter.execute({ message: "one", agent_id: agentId });
    await collect(adapter.executeStream({ message: "two", agent_id: agentId }));
    await adapter.execute({ message: "three", agent_id: agentId }, { stream: false });
    const otids = sends().map((r) => (r.body as { messages: Array<{ otid: string }> }).messages[0]?.otid);
    expect(otids).toHaveLength(3);
    expect(new Set(otids).size).toBe(3);
    const users = (emulator.state.messages[agentId] ?? []).filter((m) => m.message_type === "user_message");
    expect(users).toHaveLength(3);
  });

  it("reads every block and every tool, past Letta's page of 100", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    const before = (await adapter.memory.getBlocks(agentId)).length;
    for (let i = 0; i < 105; i++) await adapter.memory.addBlock(agentId, { label: `note_${i}`, value: `note ${i}` });
    const blocks = await adapter.memory.getBlocks(agentId);
    expect(blocks).toHaveLength(before + 105);
    expect(new Set(blocks.map((b) => b.label)).size).toBe(blocks.length);

    const toolsBefore = (await adapter.listTools()).length;
    for (let i = 0; i < 105; i++)
      await adapter.registerTool({
        source_code: `def tool_${i}(x: int) -> str:\n    """Tool number ${i}.\n\n    Args:\n        x: a number\n    """\n    return str(x)\n`,
      });
    const tools = await adapter.listTools();
    expect(tools).toHaveLength(toolsBefore + 105);
    expect(new Set(tools.map((t) => t.id)).size).toBe(tools.length);
  });
});
