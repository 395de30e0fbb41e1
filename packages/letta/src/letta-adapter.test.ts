import { HarnessApiError, InvalidRequestError, NotFoundError, UnsupportedFeatureError } from "@openharness/adapter-kit";
import { type CapabilityDomain, type ExecutionEvent, ExecutionEventSchema } from "@openharness/types";
import { describe, expect, it } from "vitest";
import { rejection, useLettaEmulator } from "../test/support/emulator-fixture";
import { LettaAdapter } from "./letta-adapter";

const fixture = useLettaEmulator();
const { emulator, newAdapter } = fixture;

async function events(stream: AsyncIterable<ExecutionEvent>): Promise<ExecutionEvent[]> {
  const out: ExecutionEvent[] = [];
  for await (const event of stream) out.push(ExecutionEventSchema.parse(event));
  return out;
}

const sends = () => emulator.requests.filter((r) => r.method === "POST" && /\/messages$/.test(r.path));
const requestsTo = (method: string, path: RegExp) =>
  emulator.requests.filter((r) => r.method === method && path.test(r.path));

describe("LettaAdapter: the quick start from the design, as written", () => {
  it("creates an agent with memory, executes, streams and updates memory", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({
      name: "my-assistant",
      model: "openai/gpt-4o-mini",
      memory_blocks: [
        { label: "human", value: "Name: Alice" },
        { label: "persona", value: "I am a helpful assistant." },
      ],
    });
    expect(agentId).toMatch(/^agent-/);
    expect(requestsTo("POST", /^\/v1\/agents\/$/)[0]?.body).toEqual({
      name: "my-assistant",
      model: "openai/gpt-4o-mini",
      embedding: "openai/text-embedding-ada-002",
      memory_blocks: [
        { label: "human", value: "Name: Alice" },
        { label: "persona", value: "I am a helpful assistant." },
      ],
      include_base_tools: true,
    });

    const result = await adapter.execute({ message: "Hello!", agent_id: agentId });
    expect(result.output).toMatch(/^Hi! I'm a scripted Letta agent/);
    expect(result.stop_reason).toBe("end_turn");
    expect(result.metadata.run_id).toMatch(/^run-/);

    const printed: string[] = [];
    for await (const event of adapter.executeStream({ message: "Explain recursion", agent_id: agentId })) {
      if (event.type === "text") printed.push(event.content);
      else if (event.type === "thinking") printed.push(`[Thinking: ${event.thinking}]`);
      else if (event.type === "tool_call_start") printed.push(`[Tool: ${event.name}]`);
      else if (event.type === "done") printed.push(`Tokens: ${event.usage.total_tokens}`);
    }
    expect(printed[0]).toMatch(/^\[Thinking: /);
    expect(printed.at(-1)).toMatch(/^Tokens: [1-9]\d*$/);

    await adapter.memory.updateBlock(agentId, "human", "Name: Alice\nPreferences: concise");
    expect((await adapter.memory.getBlock(agentId, "human")).value).toBe("Name: Alice\nPreferences: concise");
  });
});

describe("LettaAdapter execution", () => {
  it("sends one user message with an otid, retries off, and returns everything the turn produced", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({ name: "sam" });
    const result = await adapter.execute({ message: "My name is Sam", agent_id: agentId });

    const [send] = sends();
    expect(send?.body).toEqual({
      messages: [{ role: "user", content: "My name is Sam", otid: expect.stringMatching(/^[0-9a-f-]{36}$/) }],
      streaming: true,
      stream_tokens: false,
      include_pings: true,
      // Background mode: a dropped stream can be re-attached to the run (see letta-adapter-resume.test.ts).
      background: true,
    });
    expect(send?.headers["x-stainless-retry-count"]).toBe("0");

    expect(result.output).toBe("Nice to meet you, Sam! I'll remember that.");
    expect(result.thinking).toMatch(/their name is Sam/);
    expect(result.tool_calls).toEqual([
      {
        id: expect.any(String),
        name: "memory_insert",
        input: { label: "human", new_str: "The user's name is Sam." },
        success: true,
        output: expect.any(String),
      },
    ]);
    expect(result.usage.total_tokens).toBeGreaterThan(0);
    expect(result.usage.input_tokens + result.usage.output_tokens).toBe(result.usage.total_tokens);
    expect(result.metadata.run_id).toBe(Object.values(emulator.state.runs).at(-1)?.id);
    // The agent edited its own memory, and the next turn uses it.
    expect((await adapter.memory.getBlock(agentId, "human")).value).toContain("The user's name is Sam.");
    const recall = await adapter.execute({ message: "What's my name?", agent_id: agentId });
    expect(recall.output).toContain("Sam");
  });

  it("streams the exact event sequence of a memory-editing turn, with one id per tool call", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    const stream = await events(
      adapter.executeStream({ message: "I live in Lisbon", agent_id: agentId }, { streamTokens: false }),
    );
    const callId = (stream.find((e) => e.type === "tool_call_start") as { id: string }).id;
    expect(
      stream.map((e) => (e.type.startsWith("tool_") ? `${e.type}:${(e as { id: string }).id === callId}` : e.type)),
    ).toEqual([
      "thinking",
      "tool_call_start:true",
      "tool_result:true",
      "tool_call_end:true",
      "memory_update",
      "thinking",
      "text",
      "done",
    ]);
    expect(stream.find((e) => e.type === "memory_update")).toMatchObject({
      agent_id: agentId,
      operation: "update",
      tool_call_id: callId,
    });
    expect(stream.at(-1)).toMatchObject({ type: "done", stop_reason: "end_turn", raw_stop_reason: "end_turn" });
  });

  it("returns the same result from a token stream, a step stream and the synchronous endpoint", async () => {
    const adapter = newAdapter();
    const agentIds = [await adapter.createAgent({}), await adapter.createAgent({}), await adapter.createAgent({})];
    const message = "My name is Ada and I prefer short answers";
    const tokens = await adapter.execute({ message, agent_id: agentIds[0] }, { streamTokens: true });
    const steps = await adapter.execute({ message, agent_id: agentIds[1] });
    const sync = await adapter.execute({ message, agent_id: agentIds[2] }, { stream: false });
    expect(sends()[0]?.body).toMatchObject({ streaming: true, stream_tokens: true });
    expect(sends()[2]?.body).toMatchObject({ streaming: false });
    const comparable = (r: typeof tokens) => ({
      output: r.output,
      thinking: r.thinking,
      tools: r.tool_calls.map(({ name, input, success }) => ({ name, input, success })),
      stop: r.stop_reason,
    });
    expect(comparable(tokens)).toEqual(comparable(steps));
    expect(comparable(sync)).toEqual(comparable(steps));
  });

  it("honours model, system_prompt and metadata, and rejects what Letta has no per-message setting for", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    const result = await adapter.execute({
      message: "hi",
      agent_id: agentId,
      model: "anthropic/claude-sonnet-4",
      system_prompt: "Answer in French.",
      metadata: { trace_id: "t-1" },
    });
    expect(sends()[0]?.body).toMatchObject({
      override_model: "anthropic/claude-sonnet-4",
      override_system: "Answer in French.",
    });
    expect(result.metadata.request_metadata).toEqual({ trace_id: "t-1" });

    const before = emulator.requests.length;
    for (const field of [{ temperature: 0.2 }, { max_tokens: 100 }, { tools: ["web"] }, { skills: ["x"] }]) {
      const error = await rejection(adapter.execute({ message: "hi", agent_id: agentId, ...field }));
      expect(UnsupportedFeatureError.isInstance(error), JSON.stringify(field)).toBe(true);
      expect((error as UnsupportedFeatureError).workaround).toBeTruthy();
    }
    expect(emulator.requests.length).toBe(before);
  });

  it("rejects bad input before sending anything, naming the field", async () => {
    const adapter = newAdapter();
    const before = emulator.requests.length;
    const cases: [unknown, string][] = [
      [{ message: "hi" }, "agent_id"],
      [{ message: "", agent_id: "agent-1" }, "message"],
      [{ message: "hi", agentId: "agent-1" }, "(root)"],
      [{ message: 42, agent_id: "agent-1" }, "message"],
    ];
    for (const [request, path] of cases) {
      const error = await rejection(adapter.execute(request as never));
      expect(InvalidRequestError.isInstance(error), JSON.stringify(request)).toBe(true);
      expect((error as InvalidRequestError).issues.map((i) => i.path)).toContain(path);
    }
    expect(() => adapter.executeStream({ message: "hi" })).toThrowError(/agent_id: required by Letta/);
    expect(emulator.requests.length).toBe(before);
  });

  // Token-streamed parallel calls share one message id and otid, each opening with no arguments (wire fact 6).
  it.each([false, true])("maps a parallel tool step and tool failures (streamTokens: %s)", async (streamTokens) => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    emulator.script([
      {
        toolCalls: [
          { name: "conversation_search", arguments: { query: "teal" }, id: "call_a" },
          {
            name: "lookup_weather",
            arguments: { city: "Lisbon" },
            id: "call_b",
            result: { status: "error", return: "no network" },
          },
        ],
      },
      { assistant: "Done." },
    ]);
    const result = await adapter.execute({ message: "search", agent_id: agentId }, { streamTokens });
    expect(
      result.tool_calls.map(({ id, name, input, success, error }) => ({ id, name, input, success, error })),
    ).toEqual([
      { id: "call_a", name: "conversation_search", input: { query: "teal" }, success: true, error: undefined },
      { id: "call_b", name: "lookup_weather", input: { city: "Lisbon" }, success: false, error: "no network" },
    ]);
  });

  it("turns an in-stream Letta error into an error event and done(error), and execute into a typed error with the partial result", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    emulator.inject({
      type: "stream-error",
      phase: "before-output",
      errorType: "llm_error",
      message: "An error occurred with the LLM request.",
    });
    const stream = await events(adapter.executeStream({ message: "hi", agent_id: agentId }));
    expect(stream.map((e) => e.type)).toEqual(["error", "done"]);
    expect(stream[0]).toMatchObject({
      code: "harness_error",
      details: { error_type: "llm_error", run_id: expect.stringMatching(/^run-/) },
    });
    expect(stream[1]).toMatchObject({
      stop_reason: "error",
      raw_stop_reason: "llm_api_error",
      metadata: { run_id: expect.any(String) },
    });

    emulator.inject({ type: "stream-error", phase: "after-output" });
    const error = await rejection(adapter.execute({ message: "Hello", agent_id: agentId }));
    expect(HarnessApiError.isInstance(error)).toBe(true);
    expect((error as HarnessApiError).partial?.stop_reason).toBe("error");
  });

  it("skips pings and unknown message types and keeps the run id of the first ping", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    emulator.inject({ type: "unknown-message-type", messageType: "hologram_message" });
    const stream = await events(adapter.executeStream({ message: "Hello", agent_id: agentId }));
    expect(stream.at(-1)).toMatchObject({
      type: "done",
      stop_reason: "end_turn",
      metadata: { run_id: Object.values(emulator.state.runs).at(-1)?.id },
    });
    expect(stream.filter((e) => e.type === "error")).toEqual([]);
  });

  it("reports an unknown agent as NotFoundError", async () => {
    const adapter = newAdapter();
    const error = await rejection(
      adapter.execute({ message: "hi", agent_id: "agent-00000000-0000-4000-8000-000000000000" }),
    );
    expect(NotFoundError.isInstance(error) && error.resource).toBe("agent");
  });
});

describe("LettaAdapter agents", () => {
  it("gets an agent with its blocks and tools, lists every page, updates and deletes", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({ name: "a", tags: ["demo"], metadata: { team: "x" } });
    const agent = await adapter.getAgent(agentId);
    expect(agent).toMatchObject({
      id: agentId,
      name: "a",
      model: "openai/gpt-4o-mini",
      tags: ["demo"],
      metadata: { team: "x" },
    });
    expect(agent.memory_blocks?.map((b) => b.label).sort()).toEqual(["human", "persona"]);
    expect(agent.tools?.map((t) => t.name).sort()).toEqual(["conversation_search", "memory_insert", "memory_replace"]);

    for (let i = 0; i < 104; i++) await adapter.createAgent({ name: `bulk-${i}` });
    const all = await adapter.listAgents();
    expect(all).toHaveLength(105);
    expect(new Set(all.map((a) => a.id)).size).toBe(105);

    expect(await adapter.updateAgent(agentId, { name: "renamed", system_prompt: "Be brief." })).toMatchObject({
      name: "renamed",
      system_prompt: "Be brief.",
    });
    await adapter.deleteAgent(agentId);
    expect(NotFoundError.isInstance(await rejection(adapter.getAgent(agentId)))).toBe(true);
  });
});

describe("LettaAdapter capabilities", () => {
  it("reports the design's unsupported domains with reason and workaround (the contract has no methods for them yet)", async () => {
    const adapter = newAdapter();
    const rows: [CapabilityDomain, string, RegExp][] = [
      ["mcp", "connect", /MCP servers.*adapter\.client\.mcpServers/],
      ["skills", "register", /no skills.*registerTool/],
      ["subagents", "spawn", /multi-agent.*create separate agents/],
      ["files", "read", /folders.*folder_ids/],
      ["hooks", "pre-tool", /wrap adapter methods/],
    ];
    for (const [domain, operation, message] of rows) {
      const entry = (adapter.capabilities.get as (d: string, o: string) => { status: string })(domain, operation);
      expect(entry.status).toBe("unsupported");
      const error = (adapter.capabilities.unsupportedError as (d: string, o: string) => UnsupportedFeatureError)(
        domain,
        operation,
      );
      expect(UnsupportedFeatureError.isInstance(error) && error.domain).toBe(domain);
      expect(error.message).toMatch(message);
    }
    const manifest = adapter.getCapabilityManifest();
    expect(manifest.capabilities.memory.operations.blocks?.status).toBe("supported");
    expect(manifest.capabilities.sessions.supported).toBe(true);
  });
});

describe("LettaAdapter secrets", () => {
  it("keeps the API key out of JSON, inspection and errors", async () => {
    const key = "sk-let-0123456789-very-secret";
    const adapter = new LettaAdapter({ apiKey: key, baseUrl: emulator.baseUrl, env: {} });
    const { inspect } = await import("node:util");
    expect(JSON.stringify(adapter)).not.toContain(key);
    expect(inspect(adapter, { depth: 10, showHidden: true })).not.toContain(key);
    const error = await rejection(adapter.listAgents());
    expect(String(error)).not.toContain(key);
    expect(JSON.stringify(error)).not.toContain(key);
  });
});
