import type { Message } from "@letta-ai/letta-client/resources/agents/messages";
import type { StopReasonType } from "@letta-ai/letta-client/resources/runs/runs";
import type { ScriptedStep, ScriptedTurn } from "../model/scripted-model.js";
import type { EmulatedAgent, PendingToolCall } from "../state/emulator-state.js";
import type { EmulatorStore } from "../state/emulator-store.js";
import { estimateTokens } from "../support/text.js";
import { isoTimestamp } from "../support/time.js";
import { toWireFrames } from "../wire/wire-frames.js";
import { collectApprovalResponses, resolvePendingCall } from "./approvals.js";
import type { ToolOutcome } from "./builtin-tools.js";
import { executeStep, runCall, toolReturnMessage } from "./execute-step.js";
import { PENDING_APPROVAL_MESSAGE, type SendRequest, type TurnContext } from "./loop-events.js";
import { messageText } from "./message-text.js";

const FAILED_STOP_REASONS = new Set<StopReasonType>([
  "error",
  "llm_api_error",
  "invalid_llm_response",
  "invalid_tool_call",
  "max_tokens_exceeded",
  "no_tool_call",
  "insufficient_credits",
  "context_window_overflow_in_system_prompt",
]);

class Cancelled extends Error {}

/** Runs one turn of the agent loop: persists input, executes scripted steps and tools, reports events. */
export async function runTurn(ctx: TurnContext): Promise<void> {
  const { store, active, request } = ctx;
  const run = active.run;
  const startedMs = store.env.now().getTime();
  let firstOutputMs: number | null = null;
  run.status = "running";

  const usage = { prompt: 0, completion: 0, steps: 0, context: 0 };
  const emitUsage = () =>
    ctx.emit({
      kind: "usage",
      usage: {
        message_type: "usage_statistics",
        completion_tokens: usage.completion,
        prompt_tokens: usage.prompt,
        total_tokens: usage.prompt + usage.completion,
        step_count: usage.steps,
        run_ids: null,
        cached_input_tokens: null,
        cache_write_tokens: null,
        reasoning_tokens: null,
        context_tokens: usage.context,
      },
    });
  const agent = ctx.agent;
  const history = [...store.messagesOf(active.thread)];

  const finish = (stopReason: StopReasonType) => {
    const now = store.env.now();
    run.stop_reason = stopReason;
    run.status =
      stopReason === "cancelled" ? "cancelled" : FAILED_STOP_REASONS.has(stopReason) ? "failed" : "completed";
    run.completed_at = isoTimestamp(now);
    run.total_duration_ns = Math.max(0, now.getTime() - startedMs) * 1_000_000;
    run.ttft_ns = firstOutputMs === null ? null : Math.max(0, firstOutputMs - startedMs) * 1_000_000;
    if (store.state.agents[agent.id]) {
      agent.last_run_completion = run.completed_at;
      agent.last_run_duration_ms = Math.max(0, now.getTime() - startedMs);
      agent.last_stop_reason = stopReason;
    }
  };

  const includeType = (type: string) => request.includeTypes === null || request.includeTypes.has(type);

  /** Waits `frameDelayMs`, then throws `Cancelled` if the run was cancelled meanwhile. */
  const pace = async () => {
    await ctx.scheduler.sleep(ctx.frameDelayMs, active.controller.signal);
    if (active.cancelled) throw new Cancelled();
  };

  const persist = (message: Message) => {
    store.messagesOf(active.thread).push(message);
    const conversation = store.conversations[active.thread];
    if (conversation) conversation.in_context_message_ids ??= [];
    const inContext = conversation ? (conversation.in_context_message_ids as string[]) : agent.message_ids;
    if (!inContext.includes(message.id)) inContext.push(message.id);
  };

  /** Persists a message and reports it (as wire frames when `wire`), honouring the type filter. */
  const deliver = async (message: Message, wire: boolean) => {
    await pace();
    persist(message);
    if (!includeType(message.message_type ?? "")) return;
    if (firstOutputMs === null && wire) firstOutputMs = store.env.now().getTime();
    if (wire && request.streaming) {
      const frames = toWireFrames(message, request.streamTokens);
      for (const [index, frame] of frames.entries()) {
        if (index > 0) await pace();
        ctx.emit({ kind: "wire", data: frame });
      }
    }
    ctx.emit({ kind: "message", message });
  };

  const emitError = (
    stopReason: StopReasonType,
    errorType: string,
    message: string,
    detailText: string,
    done: boolean,
  ) => {
    ctx.emit({
      kind: "error",
      stopReason,
      done,
      error: {
        message_type: "error_message",
        run_id: run.id,
        error_type: errorType,
        message,
        detail: detailText,
        seq_id: null,
      },
    });
    finish(stopReason);
  };

  try {
    const fault = ctx.fault;
    if (fault?.type === "ping-only") {
      await ctx.scheduler.sleep(fault.durationMs, active.controller.signal);
      if (active.cancelled) throw new Cancelled();
    }
    if (fault?.type === "stream-error" && fault.phase === "before-output") {
      emitError(
        fault.stopReason ?? "llm_api_error",
        fault.errorType ?? "llm_error",
        fault.message ?? "An error occurred with the LLM request.",
        fault.detail ?? "Unhandled LLM error: emulated provider failure",
        true,
      );
      return;
    }

    const pending = store.state.approvals[active.thread];
    const hasUserInput = request.inputs.some((m) => m.type === "message");
    if (pending && hasUserInput) {
      // The streaming path reports this in-band (the sync path answers 409 before the run starts).
      emitError("error", "internal_error", `CONFLICT: ${PENDING_APPROVAL_MESSAGE}`, PENDING_APPROVAL_MESSAGE, true);
      return;
    }

    // Input messages.
    const inputTexts: string[] = [];
    const toolReturns: ScriptedTurn["toolReturns"] = [];
    for (const input of request.inputs) {
      if (input.type === "message") {
        const message = {
          id: `message-${store.env.uuid()}`,
          date: store.timestamp(),
          name: input.name,
          message_type:
            input.role === "system"
              ? "system_message"
              : input.role === "assistant"
                ? "assistant_message"
                : "user_message",
          otid: input.otid,
          sender_id: input.sender_id,
          step_id: null,
          is_err: null,
          seq_id: null,
          run_id: run.id,
          content: input.content,
        } as Message;
        inputTexts.push(messageText(message));
        // The streaming path filters input messages out; sync responses echo them.
        await deliver(message, false);
      }
    }
    let steps: ScriptedStep[];
    if (pending && request.inputs.some((m) => m.type !== "message")) {
      const responses = collectApprovalResponses(request.inputs);
      const approvalMessage = {
        id: `message-${store.env.uuid()}`,
        date: store.timestamp(),
        name: null,
        message_type: "approval_response_message",
        otid: request.inputs.find((m) => m.type !== "message")?.otid ?? null,
        sender_id: null,
        step_id: null,
        is_err: null,
        seq_id: null,
        run_id: run.id,
        approvals: responses.map((r) => r.raw),
      } as unknown as Message;
      await deliver(approvalMessage, false);
      const outcomes: Array<{ call: PendingToolCall; outcome: ToolOutcome }> = [];
      for (const call of pending.tool_calls) {
        const response = responses.find((r) => r.tool_call_id === call.tool_call_id);
        outcomes.push({ call, outcome: resolvePendingCall(store, agent, call, response) });
      }
      for (const call of pending.parked ?? [])
        outcomes.push({ call, outcome: runCall(store, agent, call.name, call.arguments, call.result) });
      delete store.state.approvals[active.thread];
      agent.pending_approval = null;
      const stepId = `step-${store.env.uuid()}`;
      for (const { call, outcome } of outcomes) {
        toolReturns.push({ tool_call_id: call.tool_call_id, name: call.name, ...outcome });
      }
      const returns = outcomes.map(({ call, outcome }) => ({ id: call.tool_call_id, ...outcome }));
      await deliver(toolReturnMessage(store, run.id, stepId, returns, outcomes[0]?.call.name ?? null), true);
      steps =
        pending.remaining_steps.length > 0
          ? pending.remaining_steps
          : await ctx.resolveSteps(buildTurn(store, agent, "", history, request, toolReturns));
    } else {
      steps = await ctx.resolveSteps(buildTurn(store, agent, inputTexts.join("\n"), history, request, toolReturns));
    }

    const promptBase = estimateTokens(
      [agent.system, ...store.blocksOf(agent).map((b) => b.value), ...history.map(messageText), ...inputTexts].join(
        "\n",
      ),
    );
    let outputChars = 0;
    let stopReason: StopReasonType = "end_turn";
    let executed = 0;
    for (const [index, step] of steps.entries()) {
      if (executed >= request.maxSteps) {
        stopReason = "max_steps";
        break;
      }
      executed++;
      const result = await executeStep(ctx, step, steps.slice(index + 1), deliver);
      const prompt = promptBase + Math.ceil(outputChars / 4);
      const completion = Math.max(1, Math.ceil(result.outputChars / 4));
      outputChars += result.outputChars;
      usage.prompt += prompt;
      usage.completion += completion;
      usage.steps++;
      usage.context = prompt + completion;
      for (const frame of step.frames ?? []) {
        await pace();
        ctx.emit({ kind: "frame", frame });
      }
      if (fault?.type === "stream-error" && fault.phase === "after-output") break;
      if (result.requiresApproval) {
        stopReason = "requires_approval";
        break;
      }
      if (step.stopReason) {
        stopReason = step.stopReason;
        break;
      }
    }
    if (fault?.type === "stream-error" && fault.phase === "after-output") {
      emitError(
        fault.stopReason ?? "error",
        fault.errorType ?? "internal_error",
        fault.message ?? "An error occurred during agent execution.",
        fault.detail ?? "Emulated failure after the agent produced output",
        false,
      );
      return;
    }

    ctx.emit({ kind: "stop", stopReason });
    emitUsage();
    finish(stopReason);
    ctx.emit({ kind: "done" });
  } catch (error) {
    if (error instanceof Cancelled || active.cancelled) {
      // Letta reports a cancelled run's usage too: stop reason, usage, [DONE] (wire fact 4).
      ctx.emit({ kind: "stop", stopReason: "cancelled" });
      emitUsage();
      finish("cancelled");
      ctx.emit({ kind: "done" });
      return;
    }
    const text = error instanceof Error ? error.message : String(error);
    emitError("error", "internal_error", "An error occurred during agent execution.", text, false);
  }
}

function buildTurn(
  store: EmulatorStore,
  agent: EmulatedAgent,
  input: string,
  history: Message[],
  request: SendRequest,
  toolReturns: ScriptedTurn["toolReturns"],
): ScriptedTurn {
  const state = store.agentState(agent, "all");
  return {
    agent: state,
    blocks: store.blocksOf(agent).map((b) => ({ ...b })),
    input,
    history,
    request: request.body,
    toolReturns,
  };
}
