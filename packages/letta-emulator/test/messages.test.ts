import { type APIError, ConflictError, UnprocessableEntityError } from "@letta-ai/letta-client";
import { describe, expect, it } from "vitest";
import { createLettaEmulator } from "../src/index.js";
import { allowContractViolations } from "../src/contract/index.js";
import { collect, createTestAgent, lastStreamFrames, useLettaEmulator } from "./support/emulator-fixture.js";

const fx = useLettaEmulator();

type Item = Record<string, unknown>;
const types = (items: readonly unknown[]) => items.map((m) => (m as unknown as Item).message_type);

describe("sync messages", () => {
  it("returns a LettaResponse: echoed user message (otid kept), step messages, stop_reason, usage", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const response = await client.agents.messages.create(agent.id, {
      messages: [{ role: "user", content: "My name is Sam", otid: "otid-user-1" }],
    });
    expect(types(response.messages)).toEqual([
      "user_message",
      "reasoning_message",
      "tool_call_message",
      "tool_return_message",
      "reasoning_message",
      "assistant_message",
    ]);
    const [user, reasoning, call, ret, , assistant] = response.messages as unknown as Item[];
    expect(user).toMatchObject({ otid: "otid-user-1", content: "My name is Sam" });
    const runId = user?.run_id as string;
    expect(runId).toMatch(/^run-/);
    for (const message of response.messages as unknown as Item[]) {
      expect(message).toMatchObject({ run_id: runId, seq_id: null, is_err: null, sender_id: null });
      expect(message.id).toMatch(/^message-/);
      expect(message.date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
    // Reasoning and tool call come from one LLM message: same id, distinct otids.
    expect(call?.id).toBe(reasoning?.id);
    expect(call?.otid).not.toBe(reasoning?.otid);
    expect(call?.step_id).toBe(reasoning?.step_id);
    expect(call?.step_id).toMatch(/^step-/);
    expect(ret).toMatchObject({ status: "success", tool_call_id: (call!.tool_call as Item).tool_call_id });
    expect((ret!.tool_returns as Item[])[0]).toMatchObject({ type: "tool", status: "success" });
    expect(assistant?.content).toBe("Nice to meet you, Sam! I'll remember that.");
    expect(response.stop_reason).toEqual({ message_type: "stop_reason", stop_reason: "end_turn" });
    expect(response.usage).toMatchObject({ message_type: "usage_statistics", step_count: 2 });
    expect(response.usage.total_tokens).toBe(
      (response.usage.prompt_tokens ?? 0) + (response.usage.completion_tokens ?? 0),
    );
    expect(response.usage.completion_tokens).toBeGreaterThan(0);
  });

  it("stores the turn so GET messages returns it (filters, order, pagination)", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const response = await client.agents.messages.create(agent.id, { input: "hello" });
    const asc = await collect(client.agents.messages.list(agent.id, { order: "asc" }));
    expect(types(asc)).toEqual(["system_message", "user_message", "reasoning_message", "assistant_message"]);
    expect(asc.slice(1).map((m) => m.id)).toEqual(response.messages.map((m) => m.id));
    const onlyAssistant = await client.agents.messages.list(agent.id, {
      include_return_message_types: ["assistant_message"],
    });
    expect(types(onlyAssistant.items)).toEqual(["assistant_message"]);
    const newest = await client.agents.messages.list(agent.id, { limit: 1 });
    expect(types(newest.items)).toEqual(["assistant_message"]);
    // Reasoning and assistant text of one step share an id; cursors treat them as one position.
    const paged = await collect(client.agents.messages.list(agent.id, { order: "asc", limit: 1 }));
    expect(types(paged)).toEqual(["system_message", "user_message", "reasoning_message"]);
  });

  it("honours include_return_message_types", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const response = await client.agents.messages.create(agent.id, {
      input: "My name is Sam",
      include_return_message_types: ["assistant_message", "tool_return_message"],
    });
    expect(types(response.messages)).toEqual(["tool_return_message", "assistant_message"]);
  });

  it("validates the body like Letta (422s)", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const both = await client.agents.messages
      .create(agent.id, { input: "a", messages: [{ role: "user", content: "b" }] })
      .catch((e: unknown) => e);
    expect(both).toBeInstanceOf(UnprocessableEntityError);
    expect((both as APIError).error).toMatchObject({
      detail: expect.stringContaining("Cannot specify both 'input' and 'messages'"),
    });
    const neither = await client.agents.messages.create(agent.id, {}).catch((e: unknown) => e);
    expect(neither).toBeInstanceOf(UnprocessableEntityError);
    const empty = await client.agents.messages.create(agent.id, { messages: [] }).catch((e: unknown) => e);
    expect((empty as APIError).error).toEqual({ detail: "Messages must not be empty" });
    const tokens = await client.agents.messages
      .create(agent.id, { input: "a", stream_tokens: true })
      .catch((e: unknown) => e);
    expect(tokens).toBeInstanceOf(UnprocessableEntityError);
    expect((tokens as APIError).error).toEqual({
      detail:
        "Streaming options set without streaming enabled. stream_tokens can only be true when streaming=true. Either set streaming=true or use default values for streaming options.",
    });
    const pings = await client.agents.messages
      .create(agent.id, { input: "a", include_pings: false, background: true })
      .catch((e: unknown) => e);
    expect((pings as APIError).error).toMatchObject({
      detail: expect.stringContaining(
        "include_pings can only be set to false when streaming=true; background can only be true",
      ),
    });
    expect(Object.values(fx.emulator.state.runs)).toHaveLength(0);
  });

  it("stops at max_steps and records override_model / override_system on the run", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const step = { toolCalls: [{ name: "conversation_search", arguments: { query: "x" } }] };
    fx.emulator.script([step, step, step, { assistant: "done" }]);
    const response = await client.agents.messages.create(agent.id, {
      input: "search",
      max_steps: 2,
      override_model: "openai/gpt-4.1",
      override_system: "Be terse.",
    });
    expect(response.stop_reason.stop_reason).toBe("max_steps");
    expect(response.usage.step_count).toBe(2);
    const runId = (response.messages[0] as unknown as Item).run_id as string;
    const run = fx.emulator.state.runs[runId];
    expect(run?.request).toMatchObject({
      max_steps: 2,
      override_model: "openai/gpt-4.1",
      override_system: "Be terse.",
      streaming: false,
    });
    const wire = await client.runs.retrieve(runId);
    expect(wire).toMatchObject({
      id: runId,
      agent_id: agent.id,
      status: "completed",
      stop_reason: "max_steps",
      background: false,
    });
    expect(wire).not.toHaveProperty("request");
    expect((await client.runs.list({ agent_id: agent.id })).items.map((r) => r.id)).toEqual([runId]);
    expect((await client.runs.list({ agent_id: agent.id, active: true })).items).toEqual([]);
  });

  it("emits parallel tool calls grouped (one tool_call_message listing all) or separately", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client, { tools: ["archival_memory_insert"] });
    fx.emulator.script([
      {
        toolCalls: [
          { name: "archival_memory_insert", arguments: { content: "fact one" }, id: "call_a" },
          { name: "archival_memory_insert", arguments: { content: "fact two" }, id: "call_b" },
        ],
      },
      { assistant: "Saved both." },
    ]);
    const grouped = await client.agents.messages.create(agent.id, { input: "save" });
    const call = grouped.messages.find((m) => m.message_type === "tool_call_message") as unknown as Item;
    expect((call.tool_call as unknown as Item).tool_call_id).toBe("call_a");
    expect((call.tool_calls as unknown as Item[]).map((c) => c.tool_call_id)).toEqual(["call_a", "call_b"]);
    const ret = grouped.messages.find((m) => m.message_type === "tool_return_message") as unknown as Item;
    expect(ret.tool_call_id).toBe("call_a");
    expect((ret.tool_returns as unknown as Item[]).map((r) => r.tool_call_id)).toEqual(["call_a", "call_b"]);
    expect((await client.agents.passages.list(agent.id)).map((p) => p.text)).toEqual(["fact one", "fact two"]);

    fx.emulator.script([
      {
        groupToolCalls: false,
        toolCalls: [
          { name: "x_tool", id: "call_c" },
          { name: "y_tool", id: "call_d" },
        ],
      },
    ]);
    const separate = await client.agents.messages.create(agent.id, { input: "again" });
    expect(types(separate.messages).slice(1)).toEqual([
      "tool_call_message",
      "tool_return_message",
      "tool_call_message",
      "tool_return_message",
    ]);
    const stub = separate.messages.find((m) => m.message_type === "tool_return_message") as unknown as Item;
    expect(stub.status).toBe("success");
    expect(stub.tool_return).toContain("[letta-emulator] Tool 'x_tool' was called");
  });

  it("supports content parts, hidden reasoning and scripted tool results", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    fx.emulator.script([
      {
        hiddenReasoning: true,
        toolCalls: [{ name: "lookup", arguments: '{"q": "x"}', result: { status: "error", return: "boom" } }],
      },
      {
        hiddenReasoning: "omitted",
        assistant: [
          { type: "text", text: "Part one. " },
          { type: "text", text: "Part two." },
        ],
      },
    ]);
    const response = await client.agents.messages.create(agent.id, { input: "go" });
    const [, hidden, , ret, hidden2, assistant] = response.messages as unknown as Item[];
    expect(hidden).toMatchObject({
      message_type: "hidden_reasoning_message",
      state: "redacted",
      hidden_reasoning: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
    });
    expect(ret).toMatchObject({ status: "error", tool_return: "boom" });
    expect(hidden2).toMatchObject({ state: "omitted", hidden_reasoning: null });
    expect(assistant?.content).toEqual([
      { type: "text", text: "Part one. ", signature: null },
      { type: "text", text: "Part two.", signature: null },
    ]);
  });
});

describe("streaming messages", () => {
  it("writes Letta's exact SSE framing: ping with run_id, step messages, stop_reason, usage, [DONE]", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    fx.emulator.script([{ reasoning: "Greet them.", assistant: "Hello there." }]);
    const response = await client.agents.messages.create(agent.id, { input: "hi", streaming: true }).asResponse();
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const text = await response.text();
    const blocks = text.split("\n\n").filter((b) => b.length > 0);
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    for (const block of blocks) expect(block).toMatch(/^data: [^\n]+$/);
    const frames = blocks
      .map((b) => b.slice("data: ".length))
      .map((d) => (d === "[DONE]" ? d : (JSON.parse(d) as unknown as Item)));
    expect(frames.map((f) => (typeof f === "string" ? f : f.message_type))).toEqual([
      "ping",
      "reasoning_message",
      "assistant_message",
      "stop_reason",
      "usage_statistics",
      "[DONE]",
    ]);
    const [ping, reasoning, assistant, stop, usage] = frames as unknown as Item[];
    expect(ping).toEqual({
      id: expect.stringMatching(/^ping-/),
      date: expect.any(String),
      name: null,
      message_type: "ping",
      otid: null,
      sender_id: null,
      step_id: null,
      is_err: null,
      seq_id: null,
      run_id: expect.stringMatching(/^run-/),
    });
    expect(reasoning).toMatchObject({ reasoning: "Greet them.", run_id: ping?.run_id, source: "non_reasoner_model" });
    expect(assistant).toMatchObject({ content: "Hello there.", run_id: ping?.run_id });
    expect(stop).toEqual({ message_type: "stop_reason", stop_reason: "end_turn" });
    expect(usage).toMatchObject({
      message_type: "usage_statistics",
      step_count: 1,
      run_ids: null,
      cached_input_tokens: null,
    });
  });

  it("yields every data frame through the SDK (pings included) and ends on [DONE]", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const items = await collect(
      await client.agents.messages.create(agent.id, { input: "What's my name?", streaming: true }),
    );
    expect(types(items)).toEqual(["ping", "reasoning_message", "assistant_message", "stop_reason", "usage_statistics"]);
    expect((items[2] as unknown as Item).content).toBe("I don't know your name yet. Tell me and I'll remember it.");
    const runId = (items[0] as unknown as Item).run_id as string;
    expect(fx.emulator.state.runs[runId]).toMatchObject({ status: "completed", stop_reason: "end_turn" });
  });

  it("streams tokens: fragments share id/otid; tool-call arguments arrive as deltas keyed by tool_call_id", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    fx.emulator.script([
      {
        reasoning: "Let me roll the dice.",
        toolCalls: [{ name: "roll_dice", arguments: { sides: 20, times: 3 }, id: "call_dice", result: "7, 3, 19" }],
      },
      { assistant: "You rolled 7, 3 and 19." },
    ]);
    const items = (await collect(
      await client.agents.messages.create(agent.id, { input: "roll", streaming: true, stream_tokens: true }),
    )) as unknown as Item[];
    const reasoning = items.filter((i) => i.message_type === "reasoning_message");
    expect(reasoning.length).toBeGreaterThan(1);
    expect(new Set(reasoning.map((r) => `${r.id}|${r.otid}`)).size).toBe(1);
    expect(reasoning.map((r) => r.reasoning).join("")).toBe("Let me roll the dice.");
    const calls = items.filter((i) => i.message_type === "tool_call_message");
    expect(calls.length).toBeGreaterThan(1);
    expect(
      calls.every(
        (c) =>
          (c.tool_call as unknown as Item).tool_call_id === "call_dice" &&
          (c.tool_calls as unknown as Item).tool_call_id === "call_dice",
      ),
    ).toBe(true);
    expect((calls[0]!.tool_call as Item).name).toBe("roll_dice");
    expect((calls[1]!.tool_call as Item).name).toBeNull();
    expect(JSON.parse(calls.map((c) => (c.tool_call as unknown as Item).arguments).join(""))).toEqual({
      sides: 20,
      times: 3,
    });
    expect(calls[0]?.otid).not.toBe(reasoning[0]?.otid);
    const returns = items.filter((i) => i.message_type === "tool_return_message");
    expect(returns).toHaveLength(1);
    expect(returns[0]?.tool_return).toBe("7, 3, 19");
    const assistant = items.filter((i) => i.message_type === "assistant_message");
    expect(assistant.length).toBeGreaterThan(1);
    expect(new Set(assistant.map((a) => `${a.id}|${a.otid}`)).size).toBe(1);
    expect(assistant.map((a) => a.content).join("")).toBe("You rolled 7, 3 and 19.");
    // The stored history has whole messages, not fragments.
    const stored = fx.emulator.state.messages[agent.id]?.filter((m) => m.message_type === "assistant_message") ?? [];
    expect(stored.map((m) => (m as unknown as Item).content)).toEqual(["You rolled 7, 3 and 19."]);
  });

  it("token-streams parallel calls as OpenAI does: one id and otid for all, each call opening with its name and no arguments (wire fact 6)", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    fx.emulator.script([
      {
        toolCalls: [
          { name: "roll_dice", arguments: { sides: 6 }, id: "call_a", result: "4" },
          { name: "roll_dice", arguments: { sides: 8 }, id: "call_b", result: "7" },
        ],
      },
      { assistant: "4 and 7." },
    ]);
    const items = (await collect(
      await client.agents.messages.create(agent.id, { input: "roll two", streaming: true, stream_tokens: true }),
    )) as unknown as Item[];
    const deltas = items.filter((i) => i.message_type === "tool_call_message");
    expect(new Set(deltas.map((d) => `${d.id}|${d.otid}`)).size).toBe(1);
    const byCall = (id: string) => deltas.map((d) => d.tool_call as Item).filter((t) => t.tool_call_id === id);
    for (const [id, sides] of [
      ["call_a", 6],
      ["call_b", 8],
    ] as const) {
      const [opening, ...rest] = byCall(id);
      expect(opening).toMatchObject({ name: "roll_dice", arguments: null });
      expect(rest.every((t) => t.name === null)).toBe(true);
      expect(JSON.parse(rest.map((t) => t.arguments).join(""))).toEqual({ sides });
    }
  });

  it("token-streams an approval request under the id one below its step's message, which is also its otid and its history id", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    await client.agents.update(agent.id, { tool_rules: [{ type: "requires_approval", tool_name: "roll_dice" }] });
    fx.emulator.script([
      { reasoning: "Rolling.", toolCalls: [{ name: "roll_dice", arguments: { sides: 6 }, id: "call_r" }] },
    ]);
    const items = (await collect(
      await client.agents.messages.create(agent.id, { input: "roll", streaming: true, stream_tokens: true }),
    )) as unknown as Item[];
    const reasoning = items.find((i) => i.message_type === "reasoning_message");
    const approvals = items.filter((i) => i.message_type === "approval_request_message");
    expect(approvals.length).toBeGreaterThan(1);
    const id = approvals[0]?.id as string;
    expect(new Set(approvals.map((a) => `${a.id}|${a.otid}`))).toEqual(new Set([`${id}|${id}`]));
    const step = BigInt(`0x${String(reasoning?.id).replace("message-", "").replaceAll("-", "")}`);
    expect(BigInt(`0x${id.replace("message-", "").replaceAll("-", "")}`)).toBe(step - 1n);
    expect(approvals[0]?.tool_call).toMatchObject({ arguments: null });
    const stored = await client.agents.retrieve(agent.id, { include: ["agent.pending_approval"] });
    expect(stored.pending_approval?.id).toBe(id);
  });

  it("omits pings with include_pings: false and filters by include_return_message_types", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const items = await collect(
      await client.agents.messages.create(agent.id, {
        input: "My name is Sam",
        streaming: true,
        include_pings: false,
        include_return_message_types: ["assistant_message"],
      }),
    );
    expect(types(items)).toEqual(["assistant_message", "stop_reason", "usage_statistics"]);
  });

  it("sends keepalive pings while nothing flows (ping-only fault = a slow first token)", async () => {
    const fast = createLettaEmulator({ baseUrl: "https://keepalive.letta.invalid", keepaliveMs: 25 });
    fx.server.use(...fast.handlers);
    const client = fx.client({ baseURL: fast.baseUrl });
    const agent = await createTestAgent(client);
    fast.inject({ type: "ping-only", durationMs: 120 });
    const items = await collect(await client.agents.messages.create(agent.id, { input: "hi", streaming: true }));
    const pings = items.filter((i) => (i as unknown as Item).message_type === "ping") as unknown as Item[];
    expect(pings.length).toBeGreaterThanOrEqual(3);
    expect(new Set(pings.map((p) => p.run_id)).size).toBe(1);
    expect(types(items).slice(pings.length)).toEqual([
      "reasoning_message",
      "assistant_message",
      "stop_reason",
      "usage_statistics",
    ]);
    expect(fast.pendingTimers).toBe(0);
    fast.dispose();
  });

  it("passes unknown message types and raw frames through the escape hatch", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    fx.emulator.script([
      {
        assistant: "Before.",
        frames: [
          {
            data: { message_type: "brand_new_type", id: "x-1", date: "2026-01-01T00:00:00+00:00" },
            exempt: "future message type on purpose",
          },
        ],
      },
      { assistant: "After." },
    ]);
    const items = await collect(await client.agents.messages.create(agent.id, { input: "go", streaming: true }));
    expect(types(items)).toEqual([
      "ping",
      "assistant_message",
      "brand_new_type",
      "assistant_message",
      "stop_reason",
      "usage_statistics",
    ]);
    expect(lastStreamFrames(fx.exchanges).at(-1)).toEqual({ data: "[DONE]" });
  });
});

describe("approvals and client tools", () => {
  it("pauses on a client tool with approval_request_message + requires_approval, then resumes with the tool return", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    fx.emulator.script([
      {
        reasoning: "I need the weather.",
        toolCalls: [{ name: "get_weather", arguments: { city: "Lisbon" }, id: "call_w" }],
      },
      { assistant: "It's sunny in Lisbon." },
    ]);
    const first = await client.agents.messages.create(agent.id, {
      input: "Weather in Lisbon?",
      client_tools: [
        {
          name: "get_weather",
          description: "Weather for a city",
          parameters: { type: "object", properties: { city: { type: "string" } } },
        },
      ],
    });
    expect(types(first.messages)).toEqual(["user_message", "reasoning_message", "approval_request_message"]);
    expect(first.stop_reason.stop_reason).toBe("requires_approval");
    const request = first.messages[2] as unknown as Item;
    expect(request.tool_calls).toEqual([
      { name: "get_weather", arguments: '{"city":"Lisbon"}', tool_call_id: "call_w" },
    ]);
    const pending = await client.agents.retrieve(agent.id, { include: ["agent.pending_approval"] });
    expect(pending.pending_approval?.id).toBe(request.id);

    const blocked = await client.agents.messages.create(agent.id, { input: "hello?" }).catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(ConflictError);
    expect((blocked as APIError).error).toEqual({
      detail: {
        code: "PENDING_APPROVAL",
        message:
          "CONFLICT: Cannot send a new message: The agent is waiting for approval on a tool call. Please approve or deny the pending request before continuing.",
        pending_request_id: request.id,
      },
    });

    const resumed = await client.agents.messages.create(agent.id, {
      messages: [
        {
          type: "tool_return",
          tool_returns: [{ tool_call_id: "call_w", status: "success", tool_return: "sunny, 24C" }],
        },
      ],
    });
    expect(types(resumed.messages)).toEqual(["approval_response_message", "tool_return_message", "assistant_message"]);
    expect(resumed.messages[1]).toMatchObject({ tool_return: "sunny, 24C", tool_call_id: "call_w" });
    expect(resumed.stop_reason.stop_reason).toBe("end_turn");
    expect(fx.emulator.state.agents[agent.id]?.pending_approval).toBeNull();
  });

  it("reports a pending approval in-band on the streaming path", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    fx.emulator.script([{ toolCalls: [{ name: "get_weather", id: "call_w" }] }]);
    await client.agents.messages.create(agent.id, { input: "weather", client_tools: [{ name: "get_weather" }] });
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const item of await client.agents.messages.create(agent.id, { input: "again", streaming: true }))
        seen.push(item);
    })().catch((e: unknown) => e);
    expect(types(seen)).toEqual(["ping", "stop_reason"]);
    expect((seen[1] as unknown as Item).stop_reason).toBe("error");
    expect((error as APIError).status).toBeUndefined();
    expect((error as APIError).error).toMatchObject({
      message_type: "error_message",
      error_type: "internal_error",
      message: expect.stringContaining("CONFLICT: Cannot send a new message"),
    });
    expect(lastStreamFrames(fx.exchanges).map((f) => f.event ?? "data")).toEqual(["data", "data", "error", "data"]);
  });

  it("runs server tools that require approval once approved; denial returns an error", async () => {
    const client = fx.client();
    const tool = await client.tools.create({
      source_code:
        'def delete_file(path: str) -> str:\n    """Delete a file.\n\n    Args:\n        path: The file.\n    """\n',
      default_requires_approval: true,
    });
    const agent = await createTestAgent(client, { tool_ids: [tool.id] });
    fx.emulator.script([
      { toolCalls: [{ name: "delete_file", arguments: { path: "/tmp/a" }, id: "call_1" }] },
      { assistant: "Deleted." },
    ]);
    const paused = await client.agents.messages.create(agent.id, { input: "delete /tmp/a" });
    expect(paused.stop_reason.stop_reason).toBe("requires_approval");
    const approved = await client.agents.messages.create(agent.id, {
      messages: [{ type: "approval", approvals: [{ type: "approval", approve: true, tool_call_id: "call_1" }] }],
    });
    expect(approved.messages[1]).toMatchObject({ message_type: "tool_return_message", status: "success" });
    expect((approved.messages[2] as unknown as Item).content).toBe("Deleted.");

    fx.emulator.script([
      { toolCalls: [{ name: "delete_file", arguments: { path: "/etc" }, id: "call_2" }] },
      { assistant: "OK, I won't." },
    ]);
    await client.agents.messages.create(agent.id, { input: "delete /etc" });
    const denied = await client.agents.messages.create(agent.id, {
      messages: [
        {
          type: "approval",
          approvals: [{ type: "approval", approve: false, tool_call_id: "call_2", reason: "too dangerous" }],
        },
      ],
    });
    expect(denied.messages[1]).toMatchObject({
      status: "error",
      tool_return: "Error: request to call tool denied. User reason: too dangerous",
    });
  });

  it("parks the allowed call of a mixed parallel step until the approval, then returns both in one message named after the first call", async () => {
    const client = fx.client();
    const tool = await client.tools.create({
      source_code:
        'def delete_file(path: str) -> str:\n    """Delete a file.\n\n    Args:\n        path: The file.\n    """\n',
      default_requires_approval: true,
    });
    const agent = await createTestAgent(client, { tool_ids: [tool.id] });
    fx.emulator.script([
      {
        toolCalls: [
          { name: "delete_file", arguments: { path: "/tmp/a" }, id: "call_risky" },
          { name: "archival_memory_insert", arguments: { content: "asked to delete /tmp/a" }, id: "call_safe" },
        ],
      },
      { assistant: "Done." },
    ]);
    const paused = await client.agents.messages.create(agent.id, { input: "delete /tmp/a and note it" });
    expect(types(paused.messages)).toEqual(["user_message", "tool_call_message", "approval_request_message"]);
    expect((paused.messages[1] as unknown as Item).tool_calls).toEqual([
      expect.objectContaining({ tool_call_id: "call_safe" }),
    ]);
    expect((paused.messages[2] as unknown as Item).tool_calls).toEqual([
      expect.objectContaining({ tool_call_id: "call_risky" }),
    ]);
    // Neither ran: the allowed call waits with the other.
    expect(await client.agents.passages.list(agent.id)).toEqual([]);
    const approved = await client.agents.messages.create(agent.id, {
      messages: [
        {
          type: "approval",
          approvals: [{ type: "approval", approve: false, tool_call_id: "call_risky", reason: "no" }],
        },
      ],
    });
    const combined = approved.messages[1] as unknown as Item;
    expect(combined).toMatchObject({ message_type: "tool_return_message", name: "delete_file" });
    expect((combined.tool_returns as Item[]).map((r) => [r.tool_call_id, r.status])).toEqual([
      ["call_risky", "error"],
      ["call_safe", "success"],
    ]);
    expect((await client.agents.passages.list(agent.id)).map((p) => p.text)).toEqual(["asked to delete /tmp/a"]);
  });

  it("rejects approval answers with the wrong tool call ids, or with nothing pending (400)", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const nothing = await client.agents.messages
      .create(agent.id, { messages: [{ type: "approval", approvals: [{ approve: true, tool_call_id: "call_x" }] }] })
      .catch((e: unknown) => e);
    expect((nothing as APIError).status).toBe(400);
    fx.emulator.script([{ toolCalls: [{ name: "get_weather", id: "call_w" }] }]);
    await client.agents.messages.create(agent.id, { input: "weather", client_tools: [{ name: "get_weather" }] });
    const wrong = await client.agents.messages
      .create(agent.id, {
        messages: [
          { type: "tool_return", tool_returns: [{ tool_call_id: "call_zzz", status: "success", tool_return: "x" }] },
        ],
      })
      .catch((e: unknown) => e);
    expect((wrong as APIError).status).toBe(400);
    expect((wrong as APIError).error).toEqual({
      detail: `Invalid tool call IDs: Expected '["call_w"]', but received '["call_zzz"]'.`,
    });
  });

  it("sets requires_approval through the approval endpoint; SDK 1.12.1's updateApproval body is rejected like on Letta", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    allowContractViolations(
      "SDK 1.12.1 agents.tools.updateApproval sends {body_requires_approval} where the spec (and Letta) want {requires_approval}",
      (v) => v.location === "request.body" && v.exchange.includes("/tools/approval/"),
    );
    const sdk = await client.agents.tools
      .updateApproval("memory_insert", { agent_id: agent.id, body_requires_approval: true })
      .catch((e: unknown) => e);
    expect(sdk).toBeInstanceOf(UnprocessableEntityError);
    expect((sdk as APIError).error).toEqual({ detail: "body.body_requires_approval: Extra inputs are not permitted" });
    expect(
      await client.patch(`/v1/agents/${agent.id}/tools/approval/memory_insert`, { body: { requires_approval: true } }),
    ).toBeNull();
    expect(fx.emulator.state.agents[agent.id]?.tool_rules).toEqual([
      { type: "requires_approval", tool_name: "memory_insert", prompt_template: null },
    ]);
    const paused = await client.agents.messages.create(agent.id, { input: "My name is Sam" });
    expect(paused.stop_reason.stop_reason).toBe("requires_approval");
  });
});
