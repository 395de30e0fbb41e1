import type { LettaStreamingResponse } from "@letta-ai/letta-client/resources/agents/messages";
import { describe, expect, it } from "vitest";
import { LettaStreamMapper } from "./letta-stream-mapper";

type LettaItem = { message_type: string; [key: string]: unknown };
const frame = (item: LettaItem) => item as unknown as LettaStreamingResponse;
const at = (id: string, run = "run-1") => ({ id, otid: `${id}-0`, date: "2026-06-10T12:00:02+00:00", run_id: run });
const usage = (prompt: number, completion: number, steps: number, context: number): LettaItem => ({
  message_type: "usage_statistics",
  prompt_tokens: prompt,
  completion_tokens: completion,
  total_tokens: prompt + completion,
  step_count: steps,
  context_tokens: context,
});

describe("LettaStreamMapper across an approval", () => {
  it("lists Letta's requested calls and the parked ones, with arguments joined from token-streamed fragments", () => {
    const mapper = new LettaStreamMapper();
    for (const item of [
      {
        ...at("message-1"),
        message_type: "tool_call_message",
        tool_calls: [{ tool_call_id: "call_safe", name: "archival_memory_insert", arguments: '{"content":' }],
      },
      {
        ...at("message-1"),
        message_type: "tool_call_message",
        tool_calls: [{ tool_call_id: "call_safe", arguments: '"note"}' }],
      },
      {
        ...at("message-1"),
        message_type: "approval_request_message",
        tool_calls: [{ tool_call_id: "call_risky", name: "delete_file", arguments: '{"path":"/tmp/a"}' }],
      },
      { message_type: "stop_reason", stop_reason: "requires_approval" },
    ])
      mapper.push(frame(item));
    expect(mapper.pendingApproval()).toEqual({
      request: {
        type: "approval_request",
        id: "message-1",
        tool_calls: [
          { id: "call_risky", name: "delete_file", input: { path: "/tmp/a" } },
          { id: "call_safe", name: "archival_memory_insert", input: { content: "note" } },
        ],
      },
      lettaCallIds: ["call_risky"],
    });
  });

  it("has no pending approval when the run ended otherwise", () => {
    const mapper = new LettaStreamMapper();
    mapper.push(frame({ message_type: "stop_reason", stop_reason: "end_turn" }));
    expect(mapper.pendingApproval()).toBeUndefined();
  });

  it("names each return of the combined message after its own call (wire fact 10), and sums usage over the runs", () => {
    const mapper = new LettaStreamMapper();
    mapper.knowCalls([{ id: "call_risky", name: "delete_file", input: { path: "/tmp/a" } }]);
    mapper.push(frame({ ...at("ping-1"), message_type: "ping" }));
    mapper.push(frame(usage(100, 10, 1, 110)));
    mapper.push(frame({ message_type: "stop_reason", stop_reason: "requires_approval" }));
    mapper.continueRun();
    const combined = {
      ...at("message-2", "run-2"),
      message_type: "tool_return_message",
      name: "delete_file",
      tool_returns: [
        { tool_call_id: "call_risky", status: "error", tool_return: "denied" },
        { tool_call_id: "call_other", status: "success", tool_return: "ok" },
      ],
    };
    const events = mapper.push(frame(combined));
    expect(events.filter((e) => e.type === "tool_call_start")).toEqual([
      { type: "tool_call_start", id: "call_risky", name: "delete_file", input: { path: "/tmp/a" } },
      { type: "tool_call_start", id: "call_other", name: "unknown", input: {} },
    ]);
    mapper.push(frame(usage(200, 20, 2, 230)));
    mapper.push(frame({ message_type: "stop_reason", stop_reason: "end_turn" }));
    expect(mapper.finish()).toEqual([
      {
        type: "done",
        usage: { input_tokens: 300, output_tokens: 30, total_tokens: 330, step_count: 3, context_tokens: 230 },
        stop_reason: "end_turn",
        raw_stop_reason: "end_turn",
        metadata: { run_id: "run-2", run_ids: ["run-1", "run-2"] },
      },
    ]);
  });
});
