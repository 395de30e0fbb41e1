import type { Message, MessageType } from "@letta-ai/letta-client/resources/agents/messages";
import type { StopReasonType } from "@letta-ai/letta-client/resources/runs/runs";
import { estimateTokens, isRecord, isoTimestamp, type Scheduler, splitChunks, splitTokens } from "./internal.js";
import type { EmulatorStore } from "./store.js";
import { executeBuiltinTool, messageText, packageToolResponse, type ToolOutcome } from "./tool-execution.js";
import type {
  EmulatedAgent,
  EmulatedRun,
  LettaFault,
  PendingToolCall,
  ScriptedFrame,
  ScriptedStep,
  ScriptedToolCall,
  ScriptedTurn,
} from "./types.js";

/** A parsed `POST /v1/agents/{agent_id}/messages` body. */
export interface SendRequest {
  body: Record<string, unknown>;
  streaming: boolean;
  streamTokens: boolean;
  includePings: boolean;
  background: boolean;
  maxSteps: number;
  includeTypes: ReadonlySet<string> | null;
  clientTools: Array<{ name: string }>;
  overrideModel: string | null;
  overrideSystem: string | null;
  inputs: InputMessage[];
}

/** One entry of the request's `messages` (or the `input` sugar), normalised. */
export type InputMessage =
  | { type: "message"; role: "user" | "system" | "assistant"; content: unknown; otid: string | null; name: string | null; sender_id: string | null }
  | { type: "approval"; approvals: Array<Record<string, unknown>>; otid: string | null }
  | { type: "tool_return"; tool_returns: Array<Record<string, unknown>>; otid: string | null };

/** Usage as sent in `usage_statistics`. */
export interface UsageStatistics {
  message_type: "usage_statistics";
  completion_tokens: number;
  prompt_tokens: number;
  total_tokens: number;
  step_count: number;
  run_ids: null;
  cached_input_tokens: null;
  cache_write_tokens: null;
  reasoning_tokens: null;
  context_tokens: number;
}

/** Letta's in-band `error_message` (sent as `event: error`). */
export interface ErrorMessage {
  message_type: "error_message";
  run_id: string;
  error_type: string;
  message: string;
  detail: string;
  seq_id: null;
}

/** What the agent loop reports, in order. The SSE writer and the sync collector consume these. */
export type LoopEvent =
  /** A complete message (persisted; part of a sync response's `messages`). */
  | { kind: "message"; message: Message }
  /** One SSE `data:` object for a message (several per message when streaming tokens). */
  | { kind: "wire"; data: Record<string, unknown> }
  /** An extra scripted frame. */
  | { kind: "frame"; frame: ScriptedFrame }
  | { kind: "stop"; stopReason: StopReasonType }
  | { kind: "usage"; usage: UsageStatistics }
  /** An in-band error: `stop_reason`, then `event: error`; `done` says whether `[DONE]` follows. */
  | { kind: "error"; stopReason: StopReasonType; error: ErrorMessage; done: boolean }
  /** The run was cancelled; `stop_reason: cancelled` was already reported. */
  | { kind: "cancelled" }
  /** The loop finished normally; `[DONE]` follows. */
  | { kind: "done" };

/** Run bookkeeping that lives outside the JSON state (cancellation). */
export interface ActiveRun {
  run: EmulatedRun;
  agentId: string;
  cancelled: boolean;
  controller: AbortController;
  finished: Promise<void>;
}

/** Everything one turn of the loop needs. */
export interface TurnContext {
  store: EmulatorStore;
  scheduler: Scheduler;
  frameDelayMs: number;
  agent: EmulatedAgent;
  active: ActiveRun;
  request: SendRequest;
  /** Resolves the steps for a turn (queued script first, then the model). */
  resolveSteps(turn: ScriptedTurn): Promise<ScriptedStep[]>;
  /** A stream fault that acts inside the loop (`ping-only`, `stream-error`). */
  fault: LettaFault | null;
  emit(event: LoopEvent): void;
}

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

export const PENDING_APPROVAL_MESSAGE =
  "Cannot send a new message: The agent is waiting for approval on a tool call. Please approve or deny the pending request before continuing.";

class Cancelled extends Error {}

/** Runs one turn of the agent loop: persists input, executes scripted steps and tools, reports events. */
export async function runTurn(ctx: TurnContext): Promise<void> {
  const { store, active, request } = ctx;
  const run = active.run;
  const startedMs = store.env.now().getTime();
  let firstOutputMs: number | null = null;
  run.status = "running";

  const usage = { prompt: 0, completion: 0, steps: 0, context: 0 };
  const agent = ctx.agent;
  const history = [...store.messagesOf(agent.id)];

  const finish = (stopReason: StopReasonType) => {
    const now = store.env.now();
    run.stop_reason = stopReason;
    run.status = stopReason === "cancelled" ? "cancelled" : FAILED_STOP_REASONS.has(stopReason) ? "failed" : "completed";
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
    store.messagesOf(agent.id).push(message);
    if (!agent.message_ids.includes(message.id)) agent.message_ids.push(message.id);
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

  const emitError = (stopReason: StopReasonType, errorType: string, message: string, detailText: string, done: boolean) => {
    ctx.emit({
      kind: "error",
      stopReason,
      done,
      error: { message_type: "error_message", run_id: run.id, error_type: errorType, message, detail: detailText, seq_id: null },
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

    const pending = store.state.approvals[agent.id];
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
          message_type: input.role === "system" ? "system_message" : input.role === "assistant" ? "assistant_message" : "user_message",
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
      delete store.state.approvals[agent.id];
      agent.pending_approval = null;
      const stepId = `step-${store.env.uuid()}`;
      for (const { call, outcome } of outcomes) {
        toolReturns.push({ tool_call_id: call.tool_call_id, name: call.name, ...outcome });
      }
      await deliver(toolReturnMessage(store, run.id, stepId, outcomes.map(({ call, outcome }) => ({ id: call.tool_call_id, ...outcome }))), true);
      steps = pending.remaining_steps.length > 0 ? pending.remaining_steps : await ctx.resolveSteps(buildTurn(store, agent, "", history, request, toolReturns));
    } else {
      steps = await ctx.resolveSteps(buildTurn(store, agent, inputTexts.join("\n"), history, request, toolReturns));
    }

    const promptBase = estimateTokens(
      [agent.system, ...store.blocksOf(agent).map((b) => b.value), ...history.map(messageText), ...inputTexts].join("\n"),
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
    finish(stopReason);
    ctx.emit({ kind: "done" });
  } catch (error) {
    if (error instanceof Cancelled || active.cancelled) {
      ctx.emit({ kind: "stop", stopReason: "cancelled" });
      finish("cancelled");
      ctx.emit({ kind: "cancelled" });
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
  return { agent: state, blocks: store.blocksOf(agent).map((b) => ({ ...b })), input, history, request: request.body, toolReturns };
}

interface StepResult {
  outputChars: number;
  requiresApproval: boolean;
}

/** Executes one scripted step: reasoning, assistant text, tool calls (run or paused for approval). */
async function executeStep(
  ctx: TurnContext,
  step: ScriptedStep,
  remaining: ScriptedStep[],
  deliver: (message: Message, wire: boolean) => Promise<void>,
): Promise<StepResult> {
  const { store, agent, active, request } = ctx;
  const runId = active.run.id;
  const stepId = `step-${store.env.uuid()}`;
  const llmUuid = store.env.uuid();
  let sub = 0;
  let outputChars = 0;
  const base = () => ({
    id: `message-${llmUuid}`,
    date: store.timestamp(),
    name: null,
    otid: `${llmUuid}-${sub++}`,
    sender_id: null,
    step_id: stepId,
    is_err: null,
    seq_id: null,
    run_id: runId,
  });

  if (step.hiddenReasoning) {
    const hidden = typeof step.hiddenReasoning === "string" ? step.hiddenReasoning : null;
    await deliver(
      { ...base(), message_type: "hidden_reasoning_message", state: hidden === null ? "redacted" : "omitted", hidden_reasoning: hidden } as Message,
      true,
    );
  }
  if (step.reasoning !== undefined) {
    outputChars += step.reasoning.length;
    await deliver({ ...base(), message_type: "reasoning_message", source: "non_reasoner_model", reasoning: step.reasoning, signature: null } as Message, true);
  }
  if (step.assistant !== undefined) {
    const content = typeof step.assistant === "string" ? step.assistant : step.assistant.map((part) => ({ type: "text" as const, text: part.text, signature: null }));
    outputChars += typeof step.assistant === "string" ? step.assistant.length : step.assistant.reduce((n, p) => n + p.text.length, 0);
    await deliver({ ...base(), message_type: "assistant_message", content } as Message, true);
  }

  const calls = (step.toolCalls ?? []).map((call, index) => normaliseCall(call, llmUuid, index));
  outputChars += calls.reduce((n, c) => n + c.name.length + c.arguments.length, 0);
  const clientToolNames = new Set(request.clientTools.map((t) => t.name));
  const needsApproval = (name: string) => {
    if (clientToolNames.has(name)) return "client" as const;
    const tool = store.toolsOf(agent).find((t) => t.name === name);
    const ruled = agent.tool_rules.some((rule) => rule.type === "requires_approval" && rule.tool_name === name);
    return tool?.default_requires_approval || ruled ? ("approval" as const) : null;
  };
  const executable = calls.filter((c) => needsApproval(c.name) === null);
  const paused = calls.filter((c) => needsApproval(c.name) !== null);
  const grouped = step.groupToolCalls !== false;

  const runCalls = async (group: typeof executable) => {
    const toolCalls = group.map(({ name, arguments: args, tool_call_id }) => ({ name, arguments: args, tool_call_id }));
    await deliver({ ...base(), message_type: "tool_call_message", tool_call: toolCalls[0], tool_calls: toolCalls } as Message, true);
    // Token streaming gives each call of a group its own otid; keep later sub-messages distinct.
    sub += group.length - 1;
    const outcomes = group.map((call) => ({ id: call.tool_call_id, ...runCall(store, agent, call.name, call.arguments, call.result) }));
    await deliver(toolReturnMessage(store, runId, stepId, outcomes), true);
  };
  if (grouped && executable.length > 0) await runCalls(executable);
  if (!grouped) for (const call of executable) await runCalls([call]);

  if (paused.length > 0) {
    const toolCalls = paused.map(({ name, arguments: args, tool_call_id }) => ({ name, arguments: args, tool_call_id }));
    const approval = { ...base(), message_type: "approval_request_message", tool_call: toolCalls[0], tool_calls: toolCalls } as Message;
    await deliver(approval, true);
    // Recorded after delivery (which may throw on cancellation), in the same tick as the emit.
    store.state.approvals[agent.id] = {
      approval_request_id: approval.id,
      run_id: runId,
      tool_calls: paused.map((c) => ({
        tool_call_id: c.tool_call_id,
        name: c.name,
        arguments: c.arguments,
        kind: needsApproval(c.name) ?? "approval",
        ...(c.result === undefined ? {} : { result: c.result }),
      })),
      remaining_steps: remaining,
    };
    agent.pending_approval = approval as typeof agent.pending_approval;
  }
  return { outputChars, requiresApproval: paused.length > 0 };
}

function normaliseCall(call: ScriptedToolCall, llmUuid: string, index: number) {
  const args = call.arguments === undefined ? "{}" : typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments);
  return { name: call.name, arguments: args, tool_call_id: call.id ?? `call_${llmUuid.replace(/-/g, "").slice(0, 20)}${index}`, result: call.result };
}

/** Runs one tool call: a scripted result, a built-in tool, or the stub for tools the emulator can't run. */
function runCall(store: EmulatorStore, agent: EmulatedAgent, name: string, args: string, result: ScriptedToolCall["result"]): ToolOutcome {
  if (result !== undefined) {
    return typeof result === "string" ? { status: "success", tool_return: result } : { status: result.status ?? "success", tool_return: result.return };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    return {
      status: "error",
      tool_return: packageToolResponse(false, `Error executing function ${name}: JSONDecodeError: tool call arguments are not valid JSON`, store.env.now()),
    };
  }
  const builtin = executeBuiltinTool(store, agent, name, isRecord(parsed) ? parsed : {});
  if (builtin) return builtin;
  return {
    status: "success",
    tool_return: packageToolResponse(
      true,
      `[letta-emulator] Tool '${name}' was called with ${args}. The emulator does not execute custom tools; script a result with ScriptedToolCall.result.`,
      store.env.now(),
    ),
  };
}

/** A `tool_return_message` carrying both the deprecated singular fields and `tool_returns`. */
function toolReturnMessage(
  store: EmulatorStore,
  runId: string,
  stepId: string,
  outcomes: Array<{ id: string } & ToolOutcome>,
): Message {
  const uuid = store.env.uuid();
  const first = outcomes[0] ?? { id: "", status: "success" as const, tool_return: "" };
  return {
    id: `message-${uuid}`,
    date: store.timestamp(),
    name: null,
    message_type: "tool_return_message",
    otid: `${uuid}-0`,
    sender_id: null,
    step_id: stepId,
    is_err: null,
    seq_id: null,
    run_id: runId,
    tool_return: first.tool_return,
    status: first.status,
    tool_call_id: first.id,
    stdout: null,
    stderr: null,
    tool_returns: outcomes.map((o) => ({ type: "tool", tool_return: o.tool_return, status: o.status, tool_call_id: o.id, stdout: null, stderr: null })),
  } as Message;
}

interface ApprovalResponse {
  tool_call_id: string;
  raw: Record<string, unknown>;
}

/** Flattens `approval` and `tool_return` inputs into per-tool-call responses. */
function collectApprovalResponses(inputs: readonly InputMessage[]): ApprovalResponse[] {
  const out: ApprovalResponse[] = [];
  for (const input of inputs) {
    const items = input.type === "approval" ? input.approvals : input.type === "tool_return" ? input.tool_returns : [];
    for (const item of items) {
      const raw: Record<string, unknown> = input.type === "tool_return" ? { type: "tool", ...item } : { type: "approval", ...item };
      if (typeof raw.tool_call_id === "string") out.push({ tool_call_id: raw.tool_call_id, raw });
    }
  }
  return out;
}

function resolvePendingCall(
  store: EmulatorStore,
  agent: EmulatedAgent,
  call: PendingToolCall,
  response: ApprovalResponse | undefined,
): ToolOutcome {
  const raw = response?.raw;
  if (raw?.type === "tool") {
    const value = raw.tool_return;
    const text = typeof value === "string" ? value : JSON.stringify(value ?? "");
    return { status: raw.status === "error" ? "error" : "success", tool_return: text };
  }
  if (raw?.approve === true) return runCall(store, agent, call.name, call.arguments, call.result);
  const reason = typeof raw?.reason === "string" ? raw.reason : null;
  return { status: "error", tool_return: `Error: request to call tool denied. User reason: ${reason ?? "none"}` };
}

/** Splits a message into the wire frames Letta sends (one, or token deltas when `streamTokens`). */
export function toWireFrames(message: Message, streamTokens: boolean): Array<Record<string, unknown>> {
  const whole = message as unknown as Record<string, unknown>;
  if (!streamTokens) return [whole];
  switch (message.message_type) {
    case "assistant_message": {
      if (typeof message.content !== "string") return [whole];
      return splitTokens(message.content).map((piece) => ({ ...whole, content: piece }));
    }
    case "reasoning_message":
      return splitTokens(message.reasoning).map((piece) => ({ ...whole, reasoning: piece }));
    case "tool_call_message": {
      const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
      const frames: Array<Record<string, unknown>> = [];
      const otidBase = typeof message.otid === "string" ? message.otid.replace(/-\d+$/, "") : "";
      const firstOtidIndex = Number(/-(\d+)$/.exec(message.otid ?? "")?.[1] ?? 0);
      calls.forEach((call, callIndex) => {
        const otid = callIndex === 0 ? message.otid : `${otidBase}-${firstOtidIndex + callIndex}`;
        splitChunks(call.arguments, 12).forEach((fragment, i) => {
          const delta = { name: i === 0 ? call.name : null, arguments: fragment, tool_call_id: call.tool_call_id };
          frames.push({ ...whole, otid, tool_call: delta, tool_calls: delta });
        });
      });
      return frames.length > 0 ? frames : [whole];
    }
    default:
      return [whole];
  }
}

/** The `MessageType`s a request may filter on. */
export const MESSAGE_TYPES: readonly MessageType[] = [
  "system_message",
  "user_message",
  "assistant_message",
  "reasoning_message",
  "hidden_reasoning_message",
  "tool_call_message",
  "tool_return_message",
  "approval_request_message",
  "approval_response_message",
  "summary_message",
  "event_message",
];
