import { InvalidRequestError } from "@openharness/adapter-kit";
import { type DoneEvent, type ExecutionEvent, ExecutionEventSchema } from "@openharness/types";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { useLettaEmulator } from "../test/support/emulator-fixture";

const { emulator, newAdapter } = useLettaEmulator();

async function events(stream: AsyncIterable<ExecutionEvent>): Promise<ExecutionEvent[]> {
  const out: ExecutionEvent[] = [];
  for await (const event of stream) out.push(ExecutionEventSchema.parse(event));
  return out;
}

const sends = () =>
  emulator.requests
    .filter((r) => r.method === "POST" && /\/messages$/.test(r.path))
    .map((r) => r.body as Record<string, unknown>);
const results = (stream: ExecutionEvent[]) => stream.flatMap((e) => (e.type === "tool_result" ? [e] : []));

/** The agent calls `local_time` with `args`, then answers. */
function scriptLocalTimeCall(args: Record<string, unknown>): void {
  emulator.script([
    { toolCalls: [{ name: "local_time", arguments: args, id: "call_time" }] },
    { assistant: "There you go." },
  ]);
}

describe("client tools: TypeScript functions the agent calls, run in this process", () => {
  it("declares the tool as Letta client_tools, runs it with validated input and continues the turn in one stream", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    scriptLocalTimeCall({ timezone: "Europe/Lisbon" });
    const calls: unknown[] = [];
    const localTime = {
      name: "local_time",
      description: "The current local time in a time zone.",
      input_schema: z.object({ timezone: z.string().describe("IANA time zone") }),
      execute: (input: { timezone: string }) => {
        calls.push(input);
        return `12:00 in ${input.timezone}`;
      },
    };
    const stream = await events(
      adapter.executeStream({ message: "what time is it in Lisbon?", agent_id: agentId }, { clientTools: [localTime] }),
    );
    expect(calls).toEqual([{ timezone: "Europe/Lisbon" }]);
    expect(stream.some((e) => e.type === "approval_request")).toBe(false);
    expect(results(stream)).toEqual([
      expect.objectContaining({ id: "call_time", success: true, output: "12:00 in Europe/Lisbon" }),
    ]);
    expect(stream.filter((e) => e.type === "done")).toHaveLength(1);
    expect((stream.at(-1) as DoneEvent).stop_reason).toBe("end_turn");
    const [first, second] = sends();
    expect(first?.client_tools).toEqual([
      {
        name: "local_time",
        description: "The current local time in a time zone.",
        parameters: {
          type: "object",
          properties: { timezone: { type: "string", description: "IANA time zone" } },
          required: ["timezone"],
        },
      },
    ]);
    expect(second?.messages).toEqual([
      {
        type: "approval",
        approvals: [
          { type: "tool", tool_call_id: "call_time", status: "success", tool_return: "12:00 in Europe/Lisbon" },
        ],
        otid: expect.any(String),
      },
    ]);
    // The continuation offers the tool again: the agent may call it once more.
    expect(second?.client_tools).toEqual(first?.client_tools);
  });

  it("takes a JSON Schema too, and returns arguments that do not fit as a failed result without running the tool", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    scriptLocalTimeCall({ timezone: 5 });
    let ran = false;
    const result = await adapter.execute(
      { message: "time?", agent_id: agentId },
      {
        clientTools: [
          {
            name: "local_time",
            input_schema: { type: "object", properties: { timezone: { type: "string" } }, required: ["timezone"] },
            execute: () => {
              ran = true;
              return "never";
            },
          },
        ],
      },
    );
    expect(ran).toBe(false);
    expect(result.tool_calls).toEqual([
      expect.objectContaining({
        id: "call_time",
        name: "local_time",
        success: false,
        error: expect.stringMatching(/invalid arguments for local_time: timezone: .*string/),
      }),
    ]);
    expect(result.stop_reason).toBe("end_turn");
  });

  it("sends a throwing tool's error as a failed result and goes on", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    scriptLocalTimeCall({ timezone: "Mars/Olympus" });
    const failing = {
      name: "local_time",
      input_schema: z.object({ timezone: z.string() }),
      execute: () => Promise.reject(new RangeError("unknown time zone Mars/Olympus")),
    };
    const result = await adapter.execute({ message: "time on Mars?", agent_id: agentId }, { clientTools: [failing] });
    expect(result.tool_calls).toEqual([
      expect.objectContaining({ success: false, error: "Error: local_time failed: unknown time zone Mars/Olympus" }),
    ]);
    expect(sends()[1]?.messages).toEqual([
      expect.objectContaining({ approvals: [expect.objectContaining({ status: "error" })] }),
    ]);
    expect(result.output).toBe("There you go.");
  });

  it("cancels a hanging tool with the turn's signal: the stream ends cancelled and nothing more is sent", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    scriptLocalTimeCall({ timezone: "UTC" });
    const controller = new AbortController();
    let toolSignal: AbortSignal | undefined;
    const hanging = {
      name: "local_time",
      input_schema: z.object({ timezone: z.string() }),
      execute: (_input: unknown, { signal }: { signal: AbortSignal }) => {
        toolSignal = signal;
        controller.abort();
        return new Promise(() => {});
      },
    };
    const stream = await events(
      adapter.executeStream(
        { message: "time?", agent_id: agentId },
        { clientTools: [hanging], signal: controller.signal },
      ),
    );
    expect(toolSignal?.aborted).toBe(true);
    expect(stream.at(-1)).toMatchObject({ type: "done", stop_reason: "cancelled" });
    expect(sends()).toHaveLength(1);
  });

  it("refuses malformed tools before anything is sent, naming the tool and field", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    const bad = [
      { name: "local time", input_schema: {}, execute: () => "" },
      { name: "ok", input_schema: "string", execute: () => "" },
      { name: "ok2", input_schema: {} },
    ];
    const error = (() => {
      try {
        adapter.executeStream({ message: "hi", agent_id: agentId }, { clientTools: bad as never });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as InvalidRequestError).issues.map((issue) => issue.path)).toEqual([
      "clientTools[0].name",
      "clientTools[1].input_schema",
      "clientTools[2].execute",
    ]);
    expect(sends()).toEqual([]);
  });
});
