import type { EmulatedAgent, PendingToolCall } from "../state/emulator-state.js";
import type { EmulatorStore } from "../state/emulator-store.js";
import type { ToolOutcome } from "./builtin-tools.js";
import { runCall } from "./execute-step.js";
import type { InputMessage } from "./loop-events.js";

interface ApprovalResponse {
  tool_call_id: string;
  raw: Record<string, unknown>;
}

/** Flattens `approval` and `tool_return` inputs into per-tool-call responses. */
export function collectApprovalResponses(inputs: readonly InputMessage[]): ApprovalResponse[] {
  const out: ApprovalResponse[] = [];
  for (const input of inputs) {
    const items = input.type === "approval" ? input.approvals : input.type === "tool_return" ? input.tool_returns : [];
    for (const item of items) {
      const raw: Record<string, unknown> =
        input.type === "tool_return" ? { type: "tool", ...item } : { type: "approval", ...item };
      if (typeof raw.tool_call_id === "string") out.push({ tool_call_id: raw.tool_call_id, raw });
    }
  }
  return out;
}

export function resolvePendingCall(
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
