import type { Message } from "@letta-ai/letta-client/resources/agents/messages";
import type { ScriptedStep, ScriptedToolCall } from "../model/scripted-model.js";
import type { EmulatedAgent } from "../state/emulator-state.js";
import type { EmulatorStore } from "../state/emulator-store.js";
import { decrementMessageId } from "../support/decrement-message-id.js";
import { isRecord } from "../support/json.js";
import { executeBuiltinTool, packageToolResponse, type ToolOutcome } from "./builtin-tools.js";
import type { TurnContext } from "./loop-events.js";

interface StepResult {
  outputChars: number;
  requiresApproval: boolean;
}

/** Executes one scripted step: reasoning, assistant text, tool calls (run or paused for approval). */
export async function executeStep(
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
    const omitted = step.hiddenReasoning === "omitted";
    await deliver(
      {
        ...base(),
        message_type: "hidden_reasoning_message",
        state: omitted ? "omitted" : "redacted",
        // Anthropic's redacted_thinking `data`: opaque, encrypted, base64 (not text for people).
        hidden_reasoning: omitted ? null : redactedThinkingBlob(runId, outputChars),
      } as Message,
      true,
    );
  }
  if (step.reasoning !== undefined) {
    outputChars += step.reasoning.length;
    await deliver(
      {
        ...base(),
        message_type: "reasoning_message",
        source: "non_reasoner_model",
        reasoning: step.reasoning,
        signature: null,
      } as Message,
      true,
    );
  }
  if (step.assistant !== undefined) {
    const content =
      typeof step.assistant === "string"
        ? step.assistant
        : step.assistant.map((part) => ({ type: "text" as const, text: part.text, signature: null }));
    outputChars +=
      typeof step.assistant === "string"
        ? step.assistant.length
        : step.assistant.reduce((n, p) => n + p.text.length, 0);
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
    await deliver(
      { ...base(), message_type: "tool_call_message", tool_call: toolCalls[0], tool_calls: toolCalls } as Message,
      true,
    );
    const outcomes = group.map((call) => ({
      id: call.tool_call_id,
      ...runCall(store, agent, call.name, call.arguments, call.result),
    }));
    await deliver(toolReturnMessage(store, runId, stepId, outcomes), true);
  };
  const pending = (c: (typeof calls)[number], kind: "client" | "approval") => ({
    tool_call_id: c.tool_call_id,
    name: c.name,
    arguments: c.arguments,
    kind,
    ...(c.result === undefined ? {} : { result: c.result }),
  });
  if (paused.length === 0 && grouped && executable.length > 0) await runCalls(executable);
  if (paused.length === 0 && !grouped) for (const call of executable) await runCalls([call]);
  // Mixed parallel step: the allowed calls are announced but parked until the approval arrives.
  if (paused.length > 0 && executable.length > 0) {
    const toolCalls = executable.map(({ name, arguments: args, tool_call_id }) => ({
      name,
      arguments: args,
      tool_call_id,
    }));
    await deliver(
      { ...base(), message_type: "tool_call_message", tool_call: toolCalls[0], tool_calls: toolCalls } as Message,
      true,
    );
  }

  if (paused.length > 0) {
    const toolCalls = paused.map(({ name, arguments: args, tool_call_id }) => ({
      name,
      arguments: args,
      tool_call_id,
    }));
    // Its id is one below the step's message id, and is its otid too (`openai_streaming_interface.py`).
    const id = decrementMessageId(`message-${llmUuid}`);
    const approval = {
      ...base(),
      id,
      otid: id,
      message_type: "approval_request_message",
      tool_call: toolCalls[0],
      tool_calls: toolCalls,
    } as Message;
    await deliver(approval, true);
    // Recorded after delivery (which may throw on cancellation), in the same tick as the emit.
    store.state.approvals[active.thread] = {
      approval_request_id: approval.id,
      run_id: runId,
      tool_calls: paused.map((c) => pending(c, needsApproval(c.name) ?? "approval")),
      ...(executable.length > 0 ? { parked: executable.map((c) => pending(c, "approval")) } : {}),
      remaining_steps: remaining,
    };
    agent.pending_approval = approval as typeof agent.pending_approval;
  }
  return { outputChars, requiresApproval: paused.length > 0 };
}

function normaliseCall(call: ScriptedToolCall, llmUuid: string, index: number) {
  const args =
    call.arguments === undefined
      ? "{}"
      : typeof call.arguments === "string"
        ? call.arguments
        : JSON.stringify(call.arguments);
  return {
    name: call.name,
    arguments: args,
    tool_call_id: call.id ?? `call_${llmUuid.replace(/-/g, "").slice(0, 20)}${index}`,
    result: call.result,
  };
}

/** Runs one tool call: a scripted result, a built-in tool, or the stub for tools the emulator can't run. */
export function runCall(
  store: EmulatorStore,
  agent: EmulatedAgent,
  name: string,
  args: string,
  result: ScriptedToolCall["result"],
): ToolOutcome {
  if (result !== undefined) {
    return typeof result === "string"
      ? { status: "success", tool_return: result }
      : { status: result.status ?? "success", tool_return: result.return };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    return {
      status: "error",
      tool_return: packageToolResponse(
        false,
        `Error executing function ${name}: JSONDecodeError: tool call arguments are not valid JSON`,
        store.env.now(),
      ),
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

/**
 * A `tool_return_message` carrying both the deprecated singular fields and `tool_returns`. With
 * `name`, the message is the combined return after an approval: Letta names it after the first
 * call's tool for every return in it (\`utils.py\`).
 */
export function toolReturnMessage(
  store: EmulatorStore,
  runId: string,
  stepId: string,
  outcomes: Array<{ id: string } & ToolOutcome>,
  name: string | null = null,
): Message {
  const uuid = store.env.uuid();
  const first = outcomes[0] ?? { id: "", status: "success" as const, tool_return: "" };
  return {
    id: `message-${uuid}`,
    date: store.timestamp(),
    name,
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
    tool_returns: outcomes.map((o) => ({
      type: "tool",
      tool_return: o.tool_return,
      status: o.status,
      tool_call_id: o.id,
      stdout: null,
      stderr: null,
    })),
  } as Message;
}

/** An opaque base64 blob shaped like Anthropic's encrypted redacted thinking. */
function redactedThinkingBlob(runId: string, salt: number): string {
  return btoa(`redacted-thinking:${runId}:${salt}`.repeat(3));
}
