import { describe, expect, it } from "vitest";
import { createMemoryChatModel, type ScriptedTurn } from "../src/index.js";
import { createTestAgent, useLettaEmulator } from "./support/emulator-fixture.js";

const fx = useLettaEmulator();

type Item = Record<string, unknown>;
const assistantText = (messages: readonly unknown[]) =>
  messages
    .filter((m) => (m as unknown as Item).message_type === "assistant_message")
    .map((m) => (m as unknown as Item).content)
    .join(" ");
const toolCalls = (messages: readonly unknown[]) =>
  messages
    .filter((m) => (m as unknown as Item).message_type === "tool_call_message")
    .map((m) => {
      const call = (m as unknown as Item).tool_call as unknown as Item;
      return { name: call.name, arguments: JSON.parse(call.arguments as string) as unknown };
    });

describe("memory chat model", () => {
  it("remembers a fact in the human block and recalls it on the next turn", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const first = await client.agents.messages.create(agent.id, { input: "Hi! My name is Sam." });
    expect(toolCalls(first.messages)).toEqual([
      { name: "memory_insert", arguments: { label: "human", new_str: "The user's name is Sam." } },
    ]);
    expect((first.messages[1] as unknown as Item).reasoning).toBe(
      "The user told me their name is Sam. I'll save it to my human memory block.",
    );
    expect(assistantText(first.messages)).toBe("Nice to meet you, Sam! I'll remember that.");
    expect((await client.agents.blocks.retrieve("human", { agent_id: agent.id })).value).toBe(
      "\nThe user's name is Sam.",
    );

    const second = await client.agents.messages.create(agent.id, { input: "What's my name?" });
    expect(toolCalls(second.messages)).toEqual([]);
    expect(assistantText(second.messages)).toBe("Your name is Sam.");
  });

  it("collects several facts, replaces a changed one, and summarises what it knows", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    await client.agents.messages.create(agent.id, {
      input: "I live in Lisbon. I prefer short answers. I like green tea.",
    });
    expect((await client.agents.blocks.retrieve("human", { agent_id: agent.id })).value).toBe(
      "\nThe user lives in Lisbon.\nThe user prefers short answers.\nThe user likes green tea.",
    );
    const moved = await client.agents.messages.create(agent.id, { input: "I live in Porto now" });
    expect(toolCalls(moved.messages)).toEqual([
      {
        name: "memory_replace",
        arguments: { label: "human", old_str: "The user lives in Lisbon.", new_str: "The user lives in Porto." },
      },
    ]);
    const where = await client.agents.messages.create(agent.id, { input: "Where do I live?" });
    expect(assistantText(where.messages)).toBe("You live in Porto.");
    const all = await client.agents.messages.create(agent.id, { input: "What do you know about me?" });
    expect(assistantText(all.messages)).toBe(
      "Here's what I remember about you: You live in Porto. You prefer short answers. You like green tea.",
    );
    const repeat = await client.agents.messages.create(agent.id, { input: "I like green tea." });
    expect(toolCalls(repeat.messages)).toEqual([]);
    expect(assistantText(repeat.messages)).toBe("I already knew that.");
  });

  it("says so when it doesn't know, and replies briefly otherwise", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    expect(
      assistantText((await client.agents.messages.create(agent.id, { input: "what do you know about me?" })).messages),
    ).toBe("I don't know anything about you yet.");
    expect(assistantText((await client.agents.messages.create(agent.id, { input: "hello" })).messages)).toContain(
      "scripted Letta agent",
    );
    expect(
      assistantText((await client.agents.messages.create(agent.id, { input: "Explain quantum physics" })).messages),
    ).toContain("scripted");
  });

  it("is deterministic", () => {
    const model = createMemoryChatModel();
    const turn = {
      agent: {} as ScriptedTurn["agent"],
      blocks: [{ id: "block-1", label: "human", value: "" }],
      input: "My name is Ana and I live in Rome",
      history: [],
      request: {},
      toolReturns: [],
    } satisfies ScriptedTurn;
    const steps = model(turn);
    expect(steps).toEqual(model(turn));
    expect(steps).toEqual([
      {
        reasoning: "The user told me their name is Ana. I'll save it to my human memory block.",
        toolCalls: [{ name: "memory_insert", arguments: { label: "human", new_str: "The user's name is Ana." } }],
      },
      {
        reasoning: "The user told me they live in Rome. I'll save it to my human memory block.",
        toolCalls: [{ name: "memory_insert", arguments: { label: "human", new_str: "The user lives in Rome." } }],
      },
      {
        reasoning: "Memory updated; I'll acknowledge it.",
        assistant: "Got it! I'll remember that your name is Ana and you live in Rome.",
      },
    ]);
  });
});

describe("memory tools", () => {
  it("refuses to edit a read-only block (error tool return)", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client, {
      memory_blocks: [{ label: "human", value: "fixed", read_only: true }],
    });
    fx.emulator.script([
      { toolCalls: [{ name: "memory_insert", arguments: { label: "human", new_str: "x" } }] },
      { assistant: "ok" },
    ]);
    const response = await client.agents.messages.create(agent.id, { input: "go" });
    const ret = response.messages.find((m) => m.message_type === "tool_return_message") as unknown as Item;
    expect(ret.status).toBe("error");
    expect(JSON.parse(ret.tool_return as string)).toMatchObject({
      status: "Failed",
      message: "Error executing function memory_insert: ValueError: This block is read-only and cannot be edited.",
    });
    expect((await client.agents.blocks.retrieve("human", { agent_id: agent.id })).value).toBe("fixed");
  });

  it("enforces the block limit and reports missing labels and ambiguous replacements", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client, { memory_blocks: [{ label: "human", value: "a\na", limit: 10 }] });
    fx.emulator.script([
      {
        toolCalls: [
          { name: "memory_insert", arguments: { label: "human", new_str: "this is far too long" } },
          { name: "memory_replace", arguments: { label: "human", old_str: "a", new_str: "b" } },
          { name: "memory_insert", arguments: { label: "nope", new_str: "x" } },
        ],
      },
    ]);
    const response = await client.agents.messages.create(agent.id, { input: "go" });
    const ret = response.messages.find((m) => m.message_type === "tool_return_message") as unknown as Item;
    const messages = (ret.tool_returns as unknown as Item[]).map(
      (r) => (JSON.parse(r.tool_return as string) as unknown as Item).message,
    );
    expect(messages[0]).toBe(
      "Error executing function memory_insert: ValueError: Edit failed: Exceeds 10 character limit (requested 24).",
    );
    expect(messages[1]).toBe(
      "Error executing function memory_replace: ValueError: No replacement was performed. Multiple occurrences of old_str `a` in lines [1, 2]. Please ensure it is unique.",
    );
    expect(messages[2]).toContain("KeyError");
    expect((ret.tool_returns as unknown as Item[]).map((r) => r.status)).toEqual(["error", "error", "error"]);
  });

  it("runs legacy core_memory_* tools and archival/conversation search", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client, { memory_blocks: [{ label: "human", value: "Name: ?" }] });
    await client.agents.passages.create(agent.id, { text: "Sam adopted a cat named Miso", tags: ["pets"] });
    await client.agents.messages.create(agent.id, { input: "Teal is a lovely colour" });
    fx.emulator.script([
      {
        toolCalls: [
          { name: "core_memory_replace", arguments: { label: "human", old_content: "?", new_content: "Sam" } },
          { name: "core_memory_append", arguments: { label: "human", content: "Has a cat." } },
          { name: "archival_memory_insert", arguments: { content: "Sam's cat likes tuna", tags: ["pets"] } },
          { name: "archival_memory_search", arguments: { query: "cat", tags: ["pets"] } },
          { name: "conversation_search", arguments: { query: "teal colour" } },
        ],
      },
    ]);
    const response = await client.agents.messages.create(agent.id, { input: "go" });
    expect((await client.agents.blocks.retrieve("human", { agent_id: agent.id })).value).toBe("Name: Sam\nHas a cat.");
    const ret = response.messages.find((m) => m.message_type === "tool_return_message") as unknown as Item;
    const results = (ret.tool_returns as unknown as Item[]).map(
      (r) => (JSON.parse(r.tool_return as string) as unknown as Item).message as string,
    );
    expect(results[0]).toBe("None");
    expect(results[2]).toMatch(/^Successfully inserted into archival memory \(id=passage-/);
    expect(JSON.parse(results[3] ?? "[]")).toEqual([
      expect.objectContaining({ content: "Sam's cat likes tuna" }),
      expect.objectContaining({ content: "Sam adopted a cat named Miso" }),
    ]);
    expect(results[4]).toMatch(/^Found \d+ results: /);
    expect(results[4]).toContain("Teal is a lovely colour");
  });
});
