import { describe, expect, it } from "vitest";
import type { AppServerMessage } from "./app-server-messages";
import { LocalTurnMapper } from "./local-turn-mapper";

const delta = (body: Record<string, unknown>): AppServerMessage => ({
  type: "stream_delta",
  delta: { type: "message", ...body },
});
const finished = (stop_reason: string, extra: Record<string, unknown> = {}): AppServerMessage => ({
  type: "turn_finished",
  stop_reason,
  ...extra,
});
const usage = (run_id: string, prompt: number, completion: number) =>
  delta({
    message_type: "usage_statistics",
    run_id,
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
  });

function run(messages: AppServerMessage[]) {
  const mapper = new LocalTurnMapper({ conversationId: "default" });
  return [...messages.flatMap((message) => mapper.push(message)), ...mapper.finish()];
}

describe("LocalTurnMapper", () => {
  it("maps a turn that approves a tool call in between runs: one call, summed usage, the turn's stop reason", () => {
    const events = run([
      delta({
        message_type: "approval_request_message",
        run_id: "local-run-1",
        id: "m1",
        tool_call: { tool_call_id: "c1", name: "memory", arguments: '{"command":"insert"}' },
      }),
      usage("local-run-1", 100, 3),
      delta({ message_type: "stop_reason", stop_reason: "requires_approval", run_id: "local-run-1" }),
      delta({ message_type: "approval_classification_end", run_id: "local-run-1", user_input_tool_call_ids: ["c1"] }),
      delta({ message_type: "client_tool_start", run_id: "local-run-1", tool_call_id: "c1" }),
      delta({ message_type: "client_tool_end", run_id: "local-run-1", tool_call_id: "c1", status: "success" }),
      delta({
        message_type: "tool_return_message",
        run_id: "local-run-1",
        tool_call_id: "c1",
        status: "success",
        tool_return: "ok",
      }),
      delta({
        message_type: "assistant_message",
        run_id: "local-run-2",
        id: "m2",
        content: [{ type: "text", text: "Saved." }],
      }),
      usage("local-run-2", 120, 2),
      delta({ message_type: "stop_reason", stop_reason: "end_turn", run_id: "local-run-2" }),
      finished("end_turn", { run_id: "local-run-2" }),
    ]);
    expect(events).toEqual([
      { type: "tool_call_start", id: "c1", name: "memory", input: { command: "insert" } },
      { type: "tool_result", id: "c1", success: true, output: "ok" },
      { type: "tool_call_end", id: "c1" },
      { type: "text", content: "Saved." },
      {
        type: "done",
        stop_reason: "end_turn",
        raw_stop_reason: "end_turn",
        usage: {
          input_tokens: 220,
          output_tokens: 5,
          total_tokens: 225,
          step_count: 2,
          cached_input_tokens: 0,
          cache_write_tokens: 0,
          reasoning_tokens: 0,
        },
        metadata: { run_id: "local-run-1", conversation_id: "default", run_ids: ["local-run-1", "local-run-2"] },
      },
    ]);
  });

  it("reports a loop_error once, with its message, and retries in the metadata", () => {
    const events = run([
      delta({
        message_type: "retry",
        run_id: "r1",
        message: "provider busy",
        attempt: 1,
        max_attempts: 3,
        delay_ms: 10,
      }),
      delta({
        message_type: "loop_error",
        run_id: "r1",
        message: "The model provider failed.",
        stop_reason: "llm_api_error",
        is_terminal: true,
      }),
      finished("llm_api_error", { run_id: "r1", error: "The model provider failed." }),
    ]);
    expect(events.filter((event) => event.type === "error")).toEqual([
      {
        type: "error",
        code: "harness_error",
        message: "The model provider failed.",
        recoverable: false,
        details: { stop_reason: "llm_api_error", run_id: "r1" },
      },
    ]);
    expect(events.at(-1)).toMatchObject({ type: "done", stop_reason: "error", metadata: { retries: 1 } });
  });

  it("uses turn_finished's error for a failed turn without a loop_error, and its usage when no step reported any", () => {
    const events = run([
      finished("error", {
        run_id: "r1",
        error: "git commit failed",
        usage: { prompt_tokens: 7, completion_tokens: 1, total_tokens: 8 },
      }),
    ]);
    expect(events[0]).toMatchObject({ type: "error", message: "git commit failed" });
    expect(events[1]).toMatchObject({
      type: "done",
      stop_reason: "error",
      usage: { input_tokens: 7, output_tokens: 1, total_tokens: 8 },
    });
  });

  it("a cancelled turn ends cancelled, and without turn_finished the turn counts as interrupted", () => {
    expect(
      run([
        delta({ message_type: "status", message: "Interrupted", run_id: "r1" }),
        finished("cancelled", { run_id: "r1" }),
      ]).at(-1),
    ).toMatchObject({ type: "done", stop_reason: "cancelled" });
    const mapper = new LocalTurnMapper();
    mapper.push(delta({ message_type: "assistant_message", run_id: "r9", content: "partial" }));
    expect(() => mapper.finish()).toThrow(/run r9/);
  });
});
