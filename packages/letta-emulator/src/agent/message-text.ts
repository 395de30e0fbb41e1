import type { Message } from "@letta-ai/letta-client/resources/agents/messages";

/** The plain text of a stored message (for search and token estimates). */
export function messageText(message: Message): string {
  switch (message.message_type) {
    case "user_message":
    case "assistant_message":
    case "system_message": {
      const content = (message as { content: unknown }).content;
      if (typeof content === "string") return content;
      if (Array.isArray(content)) {
        return content
          .map((part) => (part && typeof part === "object" && "text" in part ? String(part.text) : ""))
          .join("");
      }
      return "";
    }
    case "reasoning_message":
      return message.reasoning;
    case "tool_call_message":
      return JSON.stringify(message.tool_calls ?? message.tool_call);
    case "tool_return_message":
      return message.tool_return;
    default:
      return "";
  }
}
