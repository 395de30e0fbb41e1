import type { Agent } from "@openharness/types";
import { describe, expect, it } from "vitest";
import { type CapabilityDeclarations, type CapabilityRegistry, collectResult, UnsupportedFeatureError } from "@openharness/adapter-kit";
import { type AdapterConformanceOptions, collectEvents, describeAdapterConformance, runAdapterConformance } from "@openharness/adapter-kit/testing";
import { InMemoryAdapter } from "./in-memory-adapter.js";

const suite: AdapterConformanceOptions<InMemoryAdapter> = {
  name: "in-memory",
  createAdapter: () => new InMemoryAdapter(),
  setup: async (adapter) => ({ agentId: await adapter.createAgent({ name: "conformance", memory_blocks: [{ label: "human", value: "Name: Alice" }] }) }),
  teardown: async (adapter, { agentId }) => {
    if (agentId) await adapter.deleteAgent(agentId);
  },
  prompts: { simple: "Say hello", toolUse: "/tool hello" },
  deterministic: true,
};

describeAdapterConformance(suite);

describe("the in-memory example", () => {
  it("echoes, with thinking, a tool call on /tool, and usage", async () => {
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

  it("declares why sessions are unsupported and what to do instead", async () => {
    const adapter = new InMemoryAdapter();
    // A request field the harness cannot honour is refused the way Letta refuses one: UnsupportedFeatureError.
    const refused = adapter.execute({ message: "hi", session_id: "s-1" });
    await expect(refused).rejects.toSatisfy(UnsupportedFeatureError.isInstance);
    await expect(refused).rejects.toMatchObject({ domain: "sessions", operation: "session_id", workaround: "create one agent per conversation" });
    const error = adapter.capabilities.unsupportedError("sessions", "create");
    expect(error.message).toBe("In-memory echo does not support sessions.create: each agent is one conversation. Workaround: create one agent per conversation.");
  });

  it("passes the conformance run with only the checks it cannot take skipped", async () => {
    const report = await runAdapterConformance(suite);
    expect(report.failures).toEqual([]);
    const skipped = report.results.filter((result) => result.status === "skipped").map((result) => result.name);
    // Operations with no read-only probe, which the lifecycle checks cover instead.
    expect(skipped).toEqual(["agents.create behaves as reported", "agents.delete behaves as reported"]);
  });
});

/** Reports what the honest adapter reports, whatever a subclass does: how a hand-rolled manifest can lie. */
function claimingWhatTheExampleClaims(): CapabilityRegistry {
  return new InMemoryAdapter().capabilities;
}

describe("the conformance suite catches dishonest adapters", () => {
  it("fails an adapter that reports memory supported but does not implement it", async () => {
    class Forgetful extends InMemoryAdapter {
      override readonly memory = this.defineMemory({});
      override get capabilities() {
        return claimingWhatTheExampleClaims();
      }
    }
    const report = await runAdapterConformance({ ...suite, createAdapter: () => new Forgetful() });
    expect(report.passed).toBe(false);
    const failed = Object.fromEntries(report.failures.map((failure) => [failure.name, String(failure.error)]));
    expect(failed["memory.blocks behaves as reported"]).toMatch(/memory.blocks is reported supported but a call failed with UnsupportedFeatureError/);
    expect(failed["a memory block can be added, read, updated and deleted"]).toMatch(/UnsupportedFeatureError/);
  });

  it("fails an adapter whose unsupported operation silently does nothing", async () => {
    class Silent extends InMemoryAdapter {
      override async updateAgent(agentId: string): Promise<Agent> {
        return this.getAgent(agentId).catch(() => ({ id: agentId, name: agentId }));
      }
      override get capabilities() {
        return claimingWhatTheExampleClaims();
      }
    }
    const report = await runAdapterConformance({ ...suite, createAdapter: () => new Silent() });
    expect(report.failures.map((failure) => [failure.name, String(failure.error)])).toEqual([
      ["agents.update behaves as reported", expect.stringMatching(/updateAgent.*expected UnsupportedFeatureError, but it succeeded/)],
    ]);
  });

  it("fails, through the base class, an adapter that declares memory supported without implementing it", async () => {
    class Declared extends InMemoryAdapter {
      override readonly memory = this.defineMemory({});
      protected override declareCapabilities(): CapabilityDeclarations {
        return { ...super.declareCapabilities(), memory: { blocks: { status: "supported" } } };
      }
    }
    const report = await runAdapterConformance({ ...suite, setup: undefined, teardown: undefined, createAdapter: () => new Declared() });
    const manifest = report.failures.find((failure) => failure.name === "the manifest validates and names this adapter");
    expect(String(manifest?.error)).toMatch(/declares memory.blocks "supported" but implements none/);
  });

  it("fails an adapter whose stream breaks the contract", async () => {
    class Sloppy extends InMemoryAdapter {
      override async *executeStream() {
        yield { type: "text" as const, content: "no done follows" };
      }
    }
    const report = await runAdapterConformance({ ...suite, createAdapter: () => new Sloppy() });
    const failed = report.failures.map((failure) => failure.name);
    expect(failed).toContain("the stream for the simple prompt keeps the stream contract");
    expect(failed).toContain('an already-aborted signal ends the stream with done{stop_reason: "cancelled"}');
    // The example's own stream, for contrast, is complete.
    const events = await collectEvents(new InMemoryAdapter().executeStream({ message: "hi" }));
    expect(events.at(-1)?.type).toBe("done");
  });

  it("fails an adapter that accepts invalid input", async () => {
    class Lenient extends InMemoryAdapter {
      override async createAgent(): Promise<string> {
        return "agent-lenient";
      }
    }
    const report = await runAdapterConformance({ ...suite, setup: undefined, teardown: undefined, createAdapter: () => new Lenient() });
    expect(report.failures.map((failure) => failure.name)).toContain("createAgent({ memory_blocks: [{ label: 1 }] }) rejects with InvalidRequestError");
  });

  it("is consistent with collectResult for an unsupported operation's error", async () => {
    const adapter = new InMemoryAdapter();
    await expect(adapter.memory.insertPassage("a", "x")).rejects.toSatisfy(UnsupportedFeatureError.isInstance);
    await expect(collectResult(adapter.executeStream({ message: "hi" }, { signal: AbortSignal.abort() }))).rejects.toMatchObject({ code: "cancelled" });
  });
});
