import { collectResult, UnsupportedFeatureError } from "@openharness/adapter-kit";
import {
  type AdapterConformanceOptions,
  collectEvents,
  describeAdapterConformance,
  runAdapterConformance,
} from "@openharness/adapter-kit/testing";
import { describe, expect, it } from "vitest";
import { InMemoryAdapter } from "./in-memory-adapter.js";

const suite: AdapterConformanceOptions<InMemoryAdapter> = {
  name: "in-memory",
  createAdapter: () => new InMemoryAdapter(),
  setup: async (adapter) => ({
    agentId: await adapter.createAgent({
      name: "conformance",
      memory_blocks: [{ label: "human", value: "Name: Alice" }],
    }),
  }),
  teardown: async (adapter, { agentId }) => {
    if (agentId) await adapter.deleteAgent(agentId);
  },
  prompts: { simple: "Say hello", toolUse: "/tool hello", approval: "/ask hello" },
  deterministic: true,
};

describeAdapterConformance(suite);

describe("the in-memory example", () => {
  it("echoes, with thinking, a tool call on /tool with its complete arguments, and usage", async () => {
    const adapter = new InMemoryAdapter();
    const agentId = await adapter.createAgent({ name: "demo" });
    const result = await adapter.execute({ message: "/tool hi there", agent_id: agentId });
    expect(result).toMatchObject({
      output: "/tool hi there",
      thinking: expect.stringContaining("Echoing"),
      tool_calls: [{ name: "echo", input: { text: "hi there" }, success: true, output: "hi there" }],
      usage: { input_tokens: 3, output_tokens: 3, total_tokens: 6 },
      stop_reason: "end_turn",
    });
  });

  it("reports memory changes as memory_update events", async () => {
    const adapter = new InMemoryAdapter();
    const agentId = await adapter.createAgent({ memory_blocks: [{ label: "human", value: "Name: Alice" }] });
    const result = await adapter.execute({ message: "/remember likes tea", agent_id: agentId });
    expect(result.memory_updates).toEqual([
      {
        agent_id: agentId,
        label: "human",
        operation: "update",
        before: "Name: Alice",
        after: "Name: Alice\nlikes tea",
        tool_call_id: expect.any(String),
      },
    ]);
    expect((await adapter.memory.getBlock(agentId, "human")).value).toBe("Name: Alice\nlikes tea");
  });

  it("waits for approval: execute returns the pending request, and a new message is refused until it is answered", async () => {
    const adapter = new InMemoryAdapter();
    const agentId = await adapter.createAgent({});
    const waiting = await adapter.execute({ message: "/ask send it", agent_id: agentId });
    expect(waiting.stop_reason).toBe("requires_approval");
    expect(waiting.approval_request?.tool_calls).toEqual([
      { id: expect.any(String), name: "echo", input: { text: "send it" } },
    ]);
    await expect(adapter.execute({ message: "hi", agent_id: agentId })).rejects.toMatchObject({
      code: "pending_approval",
    });
    const pending = waiting.approval_request!;
    const answered = await collectResult(
      adapter.respondToApproval({
        agent_id: agentId,
        approval_request_id: pending.id,
        decisions: [{ tool_call_id: pending.tool_calls[0]!.id, approve: true }],
      }),
    );
    expect(answered).toMatchObject({
      stop_reason: "end_turn",
      tool_calls: [{ name: "echo", success: true, output: "send it" }],
    });
  });

  it("refuses fields and options it cannot honour with UnsupportedFeatureError, the way Letta does", async () => {
    const adapter = new InMemoryAdapter();
    const agentId = await adapter.createAgent({});
    const refused = adapter.execute({ message: "hi", agent_id: agentId, temperature: 0.5 });
    await expect(refused).rejects.toSatisfy(UnsupportedFeatureError.isInstance);
    await expect(refused).rejects.toMatchObject({ domain: "execution", operation: "temperature" });
    const clientTool = { name: "now", input_schema: { type: "object" }, execute: () => new Date().toISOString() };
    await expect(
      adapter.execute({ message: "hi", agent_id: agentId }, { clientTools: [clientTool] }),
    ).rejects.toMatchObject({ domain: "tools", operation: "client" });
  });

  it("passes the conformance run with only the checks it cannot take skipped", async () => {
    const report = await runAdapterConformance(suite);
    expect(report.failures).toEqual([]);
    const skipped = report.results.filter((result) => result.status === "skipped").map((result) => result.name);
    expect(skipped).toEqual([
      "a turn for a session is refused with UnsupportedFeatureError when sessions are not supported",
    ]);
  });

  it("ends an aborted stream with one cancelled done", async () => {
    const adapter = new InMemoryAdapter();
    const events = await collectEvents(
      adapter.executeStream(
        { message: "hi", agent_id: await adapter.createAgent({}) },
        { signal: AbortSignal.abort() },
      ),
    );
    expect(events).toEqual([
      { type: "done", usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 }, stop_reason: "cancelled" },
    ]);
  });
});
