import { collectResult, InvalidRequestError, PendingApprovalError } from "@openharness/adapter-kit";
import {
  type ApprovalRequest,
  type ApprovalRequestEvent,
  type DoneEvent,
  type ExecutionEvent,
  ExecutionEventSchema,
} from "@openharness/types";
import { describe, expect, it } from "vitest";
import { rejection, useLettaEmulator } from "../test/support/emulator-fixture";
import type { LettaAdapter } from "./letta-adapter";

const { emulator, newAdapter } = useLettaEmulator();

async function events(stream: AsyncIterable<ExecutionEvent>): Promise<ExecutionEvent[]> {
  const out: ExecutionEvent[] = [];
  for await (const event of stream) out.push(ExecutionEventSchema.parse(event));
  return out;
}

const DELETE_FILE =
  'def delete_file(path: str) -> str:\n    """Delete a file.\n\n    Args:\n        path: The file.\n    """\n    return "deleted"\n';
const approvalIn = (stream: ExecutionEvent[]) =>
  stream.find((e): e is ApprovalRequestEvent => e.type === "approval_request");
const doneOf = (stream: ExecutionEvent[]) => stream.at(-1) as DoneEvent;
const results = (stream: ExecutionEvent[]) => stream.flatMap((e) => (e.type === "tool_result" ? [e] : []));
const starts = (stream: ExecutionEvent[]) =>
  stream.flatMap((e) => (e.type === "tool_call_start" ? [[e.id, e.name]] : []));
const approvalsSent = () =>
  emulator.requests
    .filter((r) => r.method === "POST" && /\/messages$/.test(r.path))
    .flatMap((r) =>
      ((r.body as { messages?: { type?: string; approvals?: unknown[] }[] }).messages ?? []).filter(
        (m) => m.type === "approval",
      ),
    );

/** An agent with a tool that needs approval (the tool is shared by the agents of a test). */
async function agentWithDeleteTool(adapter: LettaAdapter): Promise<string> {
  let toolId: string | undefined;
  for await (const tool of adapter.client.tools.list()) if (tool.name === "delete_file") toolId = tool.id;
  toolId ??= (await adapter.client.tools.create({ source_code: DELETE_FILE, default_requires_approval: true })).id;
  const agentId = await adapter.createAgent({});
  await adapter.client.agents.tools.attach(toolId, { agent_id: agentId });
  return agentId;
}

/** The same agent, scripted to call the tool once and then answer. */
async function agentAskingToDelete(adapter: LettaAdapter): Promise<string> {
  const agentId = await agentWithDeleteTool(adapter);
  emulator.script([
    { toolCalls: [{ name: "delete_file", arguments: { path: "/tmp/a" }, id: "call_1", result: "deleted /tmp/a" }] },
    { assistant: "Done." },
  ]);
  return agentId;
}

describe("approvals answered later: respondToApproval", () => {
  it("ends a turn that needs approval with approval_request and requires_approval, then runs the approved call", async () => {
    const adapter = newAdapter();
    const agentId = await agentAskingToDelete(adapter);
    const first = await events(adapter.executeStream({ message: "delete /tmp/a", agent_id: agentId }));
    const pending = approvalIn(first);
    expect(pending).toEqual({
      type: "approval_request",
      id: expect.stringMatching(/^message-/),
      tool_calls: [{ id: "call_1", name: "delete_file", input: { path: "/tmp/a" } }],
    });
    expect(doneOf(first)).toMatchObject({ stop_reason: "requires_approval" });
    expect(results(first)).toEqual([]);

    const rest = await events(
      adapter.respondToApproval({
        agent_id: agentId,
        approval_request_id: pending?.id ?? "",
        decisions: [{ tool_call_id: "call_1", approve: true }],
      }),
    );
    expect(starts(rest)).toEqual([["call_1", "delete_file"]]);
    expect(results(rest)).toEqual([expect.objectContaining({ id: "call_1", success: true, output: "deleted /tmp/a" })]);
    expect(
      rest
        .filter((e) => e.type === "text")
        .map((e) => (e as { content: string }).content)
        .join(""),
    ).toBe("Done.");
    expect(rest.filter((e) => e.type === "done")).toHaveLength(1);
    expect(doneOf(rest)).toMatchObject({ stop_reason: "end_turn" });
    expect(approvalsSent()).toEqual([
      {
        type: "approval",
        approvals: [{ type: "approval", tool_call_id: "call_1", approve: true }],
        otid: expect.any(String),
      },
    ]);
  });

  it("sends a denial with its reason; the denied call does not run", async () => {
    const adapter = newAdapter();
    const agentId = await agentAskingToDelete(adapter);
    const pending = approvalIn(await events(adapter.executeStream({ message: "delete /tmp/a", agent_id: agentId })));
    const rest = await events(
      adapter.respondToApproval({
        agent_id: agentId,
        approval_request_id: pending?.id ?? "",
        decisions: [{ tool_call_id: "call_1", approve: false, reason: "keep it" }],
      }),
    );
    expect(results(rest)).toEqual([
      expect.objectContaining({ id: "call_1", success: false, error: expect.stringContaining("User reason: keep it") }),
    ]);
    expect(approvalsSent()[0]?.approvals).toEqual([
      { type: "approval", tool_call_id: "call_1", approve: false, reason: "keep it" },
    ]);
  });

  it("refuses an answer to a request that is not pending, naming the field, and sends nothing", async () => {
    const adapter = newAdapter();
    const agentId = await agentAskingToDelete(adapter);
    await events(adapter.executeStream({ message: "delete /tmp/a", agent_id: agentId }));
    const error = await rejection(
      collectResult(
        adapter.respondToApproval({
          agent_id: agentId,
          approval_request_id: "message-nope",
          decisions: [{ tool_call_id: "call_1", approve: true }],
        }),
      ),
    );
    expect(InvalidRequestError.isInstance(error) && error.issues[0]?.path).toBe("approval_request_id");
    expect(approvalsSent()).toEqual([]);
    // And bad input is refused before anything is read or sent.
    expect(() => adapter.respondToApproval({ agent_id: agentId, approval_request_id: "", decisions: [] })).toThrow(
      InvalidRequestError,
    );
  });
});

describe("approvals answered in the stream: onApproval", () => {
  it("hands the approval_request event to the reader before asking onApproval (a UI can show it first)", async () => {
    const adapter = newAdapter();
    const seen: string[] = [];
    for await (const event of adapter.executeStream(
      { message: "delete /tmp/a", agent_id: await agentAskingToDelete(adapter) },
      {
        onApproval: () => {
          seen.push("onApproval");
          return { approve: true };
        },
      },
    ))
      if (event.type === "approval_request" || event.type === "done") seen.push(event.type);
    expect(seen).toEqual(["approval_request", "onApproval", "done"]);
  });

  it("approves in-stream: one turn, one done, usage summed over both Letta runs", async () => {
    const adapter = newAdapter();
    const asked: ApprovalRequest[] = [];
    const oneTurn = await events(
      adapter.executeStream(
        { message: "delete /tmp/a", agent_id: await agentAskingToDelete(adapter) },
        {
          onApproval: (request) => {
            asked.push(request);
            return { approve: true };
          },
        },
      ),
    );
    const { type: _type, ...pending } = approvalIn(oneTurn) ?? { type: "approval_request" };
    expect(asked).toEqual([pending]);
    const order = [
      ...new Set(oneTurn.map((e) => e.type).filter((type) => type !== "tool_call_delta" && type !== "thinking")),
    ];
    expect(order).toEqual(["tool_call_start", "approval_request", "tool_result", "tool_call_end", "text", "done"]);
    expect(oneTurn.filter((e) => e.type === "done")).toHaveLength(1);
    expect(results(oneTurn)).toEqual([expect.objectContaining({ id: "call_1", success: true })]);
    const done = doneOf(oneTurn);
    expect(done.stop_reason).toBe("end_turn");
    expect(done.metadata?.run_ids).toEqual([expect.stringMatching(/^run-/), expect.stringMatching(/^run-/)]);

    // The same turn in two calls: its two runs' usage add up to the one-turn usage.
    const two = newAdapter();
    const agentId = await agentAskingToDelete(two);
    const first = await events(two.executeStream({ message: "delete /tmp/a", agent_id: agentId }));
    const rest = await events(
      two.respondToApproval({
        agent_id: agentId,
        approval_request_id: approvalIn(first)?.id ?? "",
        decisions: [{ tool_call_id: "call_1", approve: true }],
      }),
    );
    const [a, b] = [doneOf(first).usage, doneOf(rest).usage];
    expect(done.usage).toMatchObject({
      input_tokens: a.input_tokens + b.input_tokens,
      output_tokens: a.output_tokens + b.output_tokens,
      step_count: (a.step_count ?? 0) + (b.step_count ?? 0),
    });
  });

  it("denies in-stream with a reason; the turn goes on", async () => {
    const adapter = newAdapter();
    const stream = await events(
      adapter.executeStream(
        { message: "delete /tmp/a", agent_id: await agentAskingToDelete(adapter) },
        { onApproval: () => ({ approve: false, reason: "not today" }) },
      ),
    );
    expect(results(stream)).toEqual([
      expect.objectContaining({ id: "call_1", success: false, error: expect.stringContaining("not today") }),
    ]);
    expect(doneOf(stream).stop_reason).toBe("end_turn");
  });
});

describe("mixed parallel approvals (wire facts 9 and 10)", () => {
  async function mixedAgent(adapter: LettaAdapter): Promise<string> {
    const agentId = await agentWithDeleteTool(adapter);
    emulator.script([
      {
        toolCalls: [
          { name: "delete_file", arguments: { path: "/tmp/a" }, id: "call_risky" },
          { name: "archival_memory_insert", arguments: { content: "asked to delete /tmp/a" }, id: "call_safe" },
        ],
      },
      { assistant: "Noted." },
    ]);
    return agentId;
  }

  it("lists the parked call with the one needing approval; a whole denial denies the risky call and the parked one runs, each result named after its own call", async () => {
    const adapter = newAdapter();
    const stream = await events(
      adapter.executeStream(
        { message: "delete and note", agent_id: await mixedAgent(adapter) },
        { onApproval: () => ({ approve: false }) },
      ),
    );
    expect(approvalIn(stream)?.tool_calls.map((c) => [c.id, c.name])).toEqual([
      ["call_risky", "delete_file"],
      ["call_safe", "archival_memory_insert"],
    ]);
    expect(approvalsSent()[0]?.approvals).toEqual([{ type: "approval", tool_call_id: "call_risky", approve: false }]);
    expect(results(stream).map((r) => [r.id, r.success])).toEqual([
      ["call_risky", false],
      ["call_safe", true],
    ]);
    expect(starts(stream)).toEqual([
      ["call_safe", "archival_memory_insert"],
      ["call_risky", "delete_file"],
    ]);
  });

  it("refuses to deny the parked call by id (Letta runs it anyway), before sending anything", async () => {
    const adapter = newAdapter();
    const stream = await events(
      adapter.executeStream(
        { message: "delete and note", agent_id: await mixedAgent(adapter) },
        {
          onApproval: () => ({
            decisions: [
              { tool_call_id: "call_risky", approve: true },
              { tool_call_id: "call_safe", approve: false },
            ],
          }),
        },
      ),
    );
    expect(stream.find((e) => e.type === "error")).toMatchObject({
      code: "invalid_request",
      message: expect.stringContaining("call_safe"),
    });
    expect(approvalsSent()).toEqual([]);
  });
  it("answered from another process: the parked call is found in its step, named after itself, and unknown ids are refused", async () => {
    const agentId = await mixedAgent(newAdapter());
    const pending = approvalIn(
      await events(newAdapter().executeStream({ message: "delete and note", agent_id: agentId })),
    );
    const adapter = newAdapter();
    const unknown = await rejection(
      collectResult(
        adapter.respondToApproval({
          agent_id: agentId,
          approval_request_id: pending?.id ?? "",
          decisions: [
            { tool_call_id: "call_risky", approve: true },
            { tool_call_id: "call_other", approve: true },
          ],
        }),
      ),
    );
    expect(InvalidRequestError.isInstance(unknown) && unknown.issues[0]?.path).toBe("decisions[1].tool_call_id");
    const rest = await events(
      adapter.respondToApproval({
        agent_id: agentId,
        approval_request_id: pending?.id ?? "",
        decisions: [{ tool_call_id: "call_risky", approve: true }],
      }),
    );
    expect(starts(rest)).toEqual([
      ["call_risky", "delete_file"],
      ["call_safe", "archival_memory_insert"],
    ]);
    expect(rest.find((e) => e.type === "memory_update")).toMatchObject({
      label: "archival",
      after: "asked to delete /tmp/a",
    });
  });
});

describe("a pending approval left by another process", () => {
  it("is reported as PendingApprovalError carrying the pending request, and answered from here", async () => {
    const earlier = newAdapter();
    const agentId = await agentAskingToDelete(earlier);
    const left = approvalIn(await events(earlier.executeStream({ message: "delete /tmp/a", agent_id: agentId })));

    const adapter = newAdapter();
    for (const stream of [false, true]) {
      const error = await rejection(adapter.execute({ message: "hello again", agent_id: agentId }, { stream }));
      expect(PendingApprovalError.isInstance(error), String(error)).toBe(true);
      expect((error as PendingApprovalError).approvalRequest).toEqual(left);
    }
    const streamed = await events(adapter.executeStream({ message: "hello again", agent_id: agentId }));
    expect(approvalIn(streamed)).toEqual(left);
    expect(streamed.find((e) => e.type === "error")).toMatchObject({ code: "pending_approval" });

    const rest = await events(
      adapter.respondToApproval({
        agent_id: agentId,
        approval_request_id: left?.id ?? "",
        decisions: [{ tool_call_id: "call_1", approve: true }],
      }),
    );
    expect(starts(rest)).toEqual([["call_1", "delete_file"]]);
    expect(doneOf(rest).stop_reason).toBe("end_turn");
    emulator.script([{ assistant: "Hi!" }]);
    expect((await adapter.execute({ message: "hello again", agent_id: agentId })).output).toBe("Hi!");
  });
});
