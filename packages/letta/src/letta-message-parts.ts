// Reading the parts of Letta messages: text content, tool returns, tool calls.
import type {
  ApprovalRequestMessage,
  ToolCall,
  ToolCallDelta,
  ToolCallMessage,
  ToolReturn,
} from "@letta-ai/letta-client/resources/agents/messages";
import type { JsonObject } from "@openharness/types";

const isTextPart = (part: unknown): part is { type: "text"; text: string } => {
  const { type, text } = (typeof part === "object" && part !== null ? part : {}) as JsonObject;
  return type === "text" && typeof text === "string";
};

/** Text of a Letta content value: a string, or a list of `{ type: "text", text }` parts. */
export function contentText(content: string | readonly unknown[]): string {
  if (typeof content === "string") return content;
  return content.map((part) => (isTextPart(part) ? part.text : "")).join("");
}

/** A tool return as output: Letta sends a string, or content parts (text joined; images kept as they are). */
export const toolOutput = (value: ToolReturn["tool_return"]): unknown =>
  !Array.isArray(value) || !value.every(isTextPart) ? value : contentText(value);

/** Every call of a tool-call message: `tool_calls` (a list, or one delta when token-streamed), else the deprecated `tool_call`. */
export function callsOf(message: ToolCallMessage | ApprovalRequestMessage): (ToolCall | ToolCallDelta)[] {
  const raw = message.tool_calls ?? message.tool_call;
  return Array.isArray(raw) ? raw : raw ? [raw] : [];
}
