import type { ExecutionEvent } from "@openharness/types";
import { LettaLocalAdapter, type LocalApprovalRequest } from "@openharness/letta";
import { afterAll, beforeAll, expect, it } from "vitest";
import { appServerTarget, describeAppServer } from "./app-server";

async function events(stream: AsyncIterable<ExecutionEvent>): Promise<ExecutionEvent[]> {
  const out: ExecutionEvent[] = [];
  for await (const event of stream) out.push(event);
  return out;
}
const doneOf = (all: ExecutionEvent[]) => all.at(-1) as Extract<ExecutionEvent, { type: "done" }>;

// The memory story on a real Letta agent: the scripted model decides, Letta Code runs the loop.
describeAppServer("a local Letta agent remembers, recalls, stops and uses tools", () => {
  let adapter: LettaLocalAdapter;
  let agentId: string;

  beforeAll(async () => {
    adapter = new LettaLocalAdapter({
      url: appServerTarget().url,
      defaultModel: appServerTarget().model,
      hostTools: ["Bash"],
      env: {},
    });
    agentId = await adapter.createAgent({
      name: "memory-story",
      memory_blocks: [{ label: "human", value: "About the user:" }],
    });
  });
  afterAll(async () => {
    await adapter.deleteAgent(agentId);
    adapter.close();
  });

  it("edits its memory block in a turn, and the block is saved", async () => {
    const turn = await events(
      adapter.executeStream({ message: "remember: The user's name is Sam.", agent_id: agentId }),
    );
    const start = turn.find((event) => event.type === "tool_call_start");
    expect(start).toMatchObject({
      name: "memory",
      input: { command: "insert", file_path: "system/human.md", insert_text: "The user's name is Sam." },
    });
    expect(turn.find((event) => event.type === "tool_result")).toMatchObject({ success: true });
    const done = doneOf(turn);
    expect(done.stop_reason).toBe("end_turn");
    // Two model steps (the tool call, then the answer), one usage each: summed.
    expect(done.usage.step_count).toBe(2);
    expect(done.metadata?.run_ids).toHaveLength(2);
    expect((await adapter.memory.getBlock(agentId, "human")).value).toBe("About the user:\nThe user's name is Sam.");
  });

  it("recalls the fact in a new conversation (a new session)", async () => {
    const session = (await adapter.sessions.create(agentId)) as { id: string; agent_id: string };
    expect(session.agent_id).toBe(agentId);
    const result = await adapter.execute({ message: "recall", agent_id: agentId, session_id: session.id });
    expect(result.output).toContain("The user's name is Sam.");
    expect(result.metadata?.conversation_id).toBe(session.id);
  });

  it("lists its conversations, reads one's history in order, and forks it with that history", async () => {
    const session = await adapter.sessions.create(agentId);
    await adapter.execute({ message: "Hello!", agent_id: agentId, session_id: session.id });
    const listed = await adapter.sessions.list(agentId);
    expect(listed.map((s) => s.id)).toContain(session.id);
    expect(listed.every((s) => s.agent_id === agentId)).toBe(true);
    const history = await adapter.sessions.history(session.id);
    expect(history.filter((m) => m.role === "user").map((m) => m.content)).toEqual(["Hello!"]);
    expect(history.filter((m) => m.role === "assistant").map((m) => m.content)).toContain("You said: Hello!");
    expect(await adapter.sessions.history(session.id, { limit: 1 })).toHaveLength(1);
    const fork = await adapter.sessions.fork(session.id);
    expect(fork.id).not.toBe(session.id);
    expect((await adapter.sessions.history(fork.id)).map((m) => m.content)).toContain("Hello!");
  });

  it("cancels a slow turn on the App Server, and the conversation goes on", async () => {
    const controller = new AbortController();
    const seen: ExecutionEvent[] = [];
    for await (const event of adapter.executeStream(
      { message: "slow please", agent_id: agentId },
      { signal: controller.signal },
    )) {
      seen.push(event);
      if (event.type === "text") controller.abort();
    }
    expect(doneOf(seen).stop_reason).toBe("cancelled");
    expect(seen.filter((event) => event.type === "done")).toHaveLength(1);
    // The aborted answer does not leak into the next turn.
    const next = await adapter.execute({ message: "Hello!", agent_id: agentId });
    expect(next.output).toBe("You said: Hello!");
  });

  it("runs a TypeScript tool in this process when the agent calls it", async () => {
    const calls: unknown[] = [];
    const result = await adapter.execute(
      { message: 'call local_time {"zone":"Europe/Berlin"}', agent_id: agentId },
      {
        clientTools: [
          {
            name: "local_time",
            description: "The local time in a time zone",
            input_schema: { type: "object", properties: { zone: { type: "string" } }, required: ["zone"] },
            execute: (input) => {
              calls.push(input);
              return `12:00 in ${String(input.zone)}`;
            },
          },
        ],
      },
    );
    expect(calls).toEqual([{ zone: "Europe/Berlin" }]);
    expect(result.tool_calls).toMatchObject([{ name: "local_time", success: true, output: "12:00 in Europe/Berlin" }]);
    expect(result.output).toBe("Tool local_time said: 12:00 in Europe/Berlin");
  });

  it("asks before a host tool runs, and a denial reaches the agent as the tool's error", async () => {
    const asked: LocalApprovalRequest[] = [];
    const result = await adapter.execute(
      { message: 'call Bash {"command":"echo from-host","description":"echo"}', agent_id: agentId },
      {
        onApproval: (request) => {
          asked.push(request);
          return { approve: false, reason: "Not on this machine." };
        },
      },
    );
    expect(asked).toMatchObject([{ tool_calls: [{ name: "Bash", input: { command: "echo from-host" } }] }]);
    expect(result.tool_calls).toMatchObject([{ name: "Bash", success: false, error: "Not on this machine." }]);
  });

  it("runs an approved host tool", async () => {
    const result = await adapter.execute(
      { message: 'call Bash {"command":"echo from-host","description":"echo"}', agent_id: agentId },
      { onApproval: () => ({ approve: true }) },
    );
    expect(result.tool_calls).toMatchObject([{ name: "Bash", success: true }]);
    expect(result.output).toContain("from-host");
  });

  it("never runs a host tool without an approval handler", async () => {
    const result = await adapter.execute({
      message: 'call Bash {"command":"echo from-host","description":"echo"}',
      agent_id: agentId,
    });
    expect(result.tool_calls).toMatchObject([{ name: "Bash", success: false }]);
    expect(result.output).not.toContain("from-host\n");
  });

  it("denies a host tool that was not enabled, even with an approval handler", async () => {
    const strict = new LettaLocalAdapter({ url: appServerTarget().url, env: {} });
    try {
      const asked: unknown[] = [];
      const result = await strict.execute(
        { message: 'call Write {"file_path":"/tmp/x","content":"x"}', agent_id: agentId },
        {
          onApproval: (request) => {
            asked.push(request);
            return { approve: true };
          },
        },
      );
      expect(asked).toEqual([]);
      expect(result.tool_calls).toMatchObject([{ name: "Write", success: false }]);
    } finally {
      strict.close();
    }
  });
});
