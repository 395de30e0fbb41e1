import { type ExecutionEvent, ExecutionEventSchema, type MemoryUpdateEvent } from "@openharness/types";
import { describe, expect, it } from "vitest";
import { useLettaEmulator } from "../test/support/emulator-fixture";

const { emulator, newAdapter } = useLettaEmulator();

async function updatesOf(
  stream: AsyncIterable<ExecutionEvent>,
): Promise<{ updates: MemoryUpdateEvent[]; order: string[] }> {
  const events: ExecutionEvent[] = [];
  for await (const event of stream) events.push(ExecutionEventSchema.parse(event));
  const updates = events.filter((e): e is MemoryUpdateEvent => e.type === "memory_update");
  return { updates, order: events.map((e) => e.type).filter((t) => t !== "thinking" && t !== "tool_call_delta") };
}

/** A fresh agent whose next turn makes one tool call with `args`. */
async function turnCalling(name: string, args: Record<string, unknown>, options: { memoryEvents?: boolean } = {}) {
  const adapter = newAdapter();
  const agentId = await adapter.createAgent({
    memory_blocks: [
      { label: "human", value: "Name: Sam" },
      { label: "persona", value: "Helpful." },
    ],
  });
  emulator.script([{ toolCalls: [{ name, arguments: args, id: "call_mem" }] }, { assistant: "Noted." }]);
  return {
    agentId,
    ...(await updatesOf(adapter.executeStream({ message: "remember this", agent_id: agentId }, options))),
  };
}

const update = (agentId: string, label: string, operation: string, before: string | null, after: string | null) => ({
  type: "memory_update",
  agent_id: agentId,
  label,
  operation,
  before,
  after,
  tool_call_id: "call_mem",
});

describe("memory_update events: what each memory tool actually changed", () => {
  const edits: [string, Record<string, unknown>, string][] = [
    ["memory_insert", { label: "human", new_str: "Lives in Lisbon" }, "Name: Sam\nLives in Lisbon"],
    ["memory_replace", { label: "human", old_str: "Sam", new_str: "Samantha" }, "Name: Samantha"],
    ["memory_rethink", { label: "human", new_memory: "Name: Sam. Likes tea." }, "Name: Sam. Likes tea."],
    ["core_memory_append", { label: "human", content: "Likes tea" }, "Name: Sam\nLikes tea"],
    ["core_memory_replace", { label: "human", old_content: "Sam", new_content: "Ada" }, "Name: Ada"],
    [
      "memory",
      { command: "str_replace", path: "/memories/human", old_string: "Sam", new_string: "Sam K." },
      "Name: Sam K.",
    ],
    [
      "memory",
      { command: "insert", path: "/memories/human", insert_line: 0, insert_text: "# User" },
      "# User\nName: Sam",
    ],
  ];
  for (const [tool, args, after] of edits) {
    it(`${tool}${typeof args.command === "string" ? ` (${args.command})` : ""}: the block's whole value before and after, right after the tool's result`, async () => {
      const { agentId, updates, order } = await turnCalling(tool, args);
      expect(updates).toEqual([update(agentId, "human", "update", "Name: Sam", after)]);
      expect(order.slice(order.indexOf("tool_result"), order.indexOf("tool_result") + 3)).toEqual([
        "tool_result",
        "tool_call_end",
        "memory_update",
      ]);
    });
  }

  it("memory (create, delete, rename): blocks created and deleted, with null on the side where none was", async () => {
    const created = await turnCalling("memory", {
      command: "create",
      path: "/memories/projects",
      description: "Projects",
      file_text: "OpenHarness",
    });
    expect(created.updates).toEqual([update(created.agentId, "projects", "create", null, "OpenHarness")]);
    const deleted = await turnCalling("memory", { command: "delete", path: "/memories/persona" });
    expect(deleted.updates).toEqual([update(deleted.agentId, "persona", "delete", "Helpful.", null)]);
    const renamed = await turnCalling("memory", {
      command: "rename",
      old_path: "/memories/persona",
      new_path: "/memories/self",
    });
    expect(renamed.updates).toEqual([
      update(renamed.agentId, "self", "create", null, "Helpful."),
      update(renamed.agentId, "persona", "delete", "Helpful.", null),
    ]);
  });

  it("archival_memory_insert: the passage inserted, with its id", async () => {
    const { agentId, updates } = await turnCalling("archival_memory_insert", {
      content: "Sam's favourite colour is teal",
    });
    expect(updates).toEqual([
      {
        ...update(agentId, "archival", "create", null, "Sam's favourite colour is teal"),
        passage_id: expect.stringMatching(/^passage-/),
      },
    ]);
  });

  it("nothing when nothing changed: a failed edit, a read-only tool", async () => {
    expect((await turnCalling("memory_replace", { label: "human", old_str: "absent", new_str: "x" })).updates).toEqual(
      [],
    );
    expect((await turnCalling("archival_memory_search", { query: "teal" })).updates).toEqual([]);
  });

  it("memoryEvents: false reads no memory and emits no event", async () => {
    const { updates } = await turnCalling("memory_insert", { label: "human", new_str: "x" }, { memoryEvents: false });
    expect(updates).toEqual([]);
    expect(emulator.requests.filter((r) => r.method === "GET" && /core-memory|archival-memory/.test(r.path))).toEqual(
      [],
    );
  });

  it("a memory read that fails after a tool result ends the turn with that error, after the result", async () => {
    const adapter = newAdapter({ maxRetries: 0 });
    const agentId = await adapter.createAgent({ memory_blocks: [{ label: "human", value: "Name: Sam" }] });
    emulator.script([
      { toolCalls: [{ name: "memory_insert", arguments: { label: "human", new_str: "x" }, id: "call_mem" }] },
      { assistant: "Noted." },
    ]);
    const types: string[] = [];
    let error: ExecutionEvent | undefined;
    for await (const event of adapter.executeStream({ message: "remember this", agent_id: agentId })) {
      // The turn's first reading is done by now: the next one, after the tool's result, fails.
      if (types.length === 0)
        emulator.inject({ type: "status", status: 500, match: { method: "GET", path: /blocks/ } });
      types.push(event.type);
      if (event.type === "error") error = event;
    }
    expect(types.slice(types.indexOf("tool_result"))).toEqual(["tool_result", "tool_call_end", "error", "done"]);
    expect(error).toMatchObject({ type: "error", code: "harness_error" });
    expect(types).not.toContain("text");
  });
});
