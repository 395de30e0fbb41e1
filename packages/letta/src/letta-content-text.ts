import type { ToolReturn } from "@letta-ai/letta-client/resources/agents/messages";
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
