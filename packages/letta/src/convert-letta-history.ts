import type { Message as LettaMessage } from "@letta-ai/letta-client/resources/agents/messages";
import { parseToolArguments } from "@openharness/adapter-kit";
import type { Message, ToolCall } from "@openharness/types";
import { callsOf, contentText, toolOutput } from "./letta-message-parts";

const asText = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

/**
 * A conversation's Letta messages (oldest first) → the session's history: user, assistant, tool
 * and system messages. Reasoning goes onto the assistant message after it; hidden reasoning,
 * approval records and events are not part of the history.
 *
 * | Letta `message_type`   | OpenHarness `Message`                                     |
 * | ---------------------- | --------------------------------------------------------- |
 * | `user_message`         | `user`                                                    |
 * | `system_message`       | `system`                                                  |
 * | `reasoning_message`    | `thinking` of the next assistant message                  |
 * | `assistant_message`    | `assistant`                                               |
 * | `tool_call_message`    | `assistant` with `tool_calls` (empty `content`)           |
 * | `tool_return_message`  | one `tool` message per return, with `tool_call_id`        |
 */
export function convertLettaHistory(messages: readonly LettaMessage[]): Message[] {
  const history: Message[] = [];
  let thinking: string | undefined;
  const assistant = (id: string, date: string, content: string, tool_calls?: ToolCall[]) => {
    history.push({
      id,
      role: "assistant",
      content,
      created_at: date,
      ...(thinking ? { thinking } : {}),
      ...(tool_calls ? { tool_calls } : {}),
    });
    thinking = undefined;
  };
  for (const message of messages) {
    switch (message.message_type) {
      case "user_message":
      case "system_message":
        history.push({
          id: message.id,
          role: message.message_type === "user_message" ? "user" : "system",
          content: contentText(message.content),
          created_at: message.date,
        });
        break;
      case "reasoning_message":
        thinking = thinking ? `${thinking}\n${message.reasoning}` : message.reasoning;
        break;
      case "assistant_message":
        assistant(message.id, message.date, contentText(message.content));
        break;
      case "tool_call_message": {
        const calls = callsOf(message).map((call) => ({
          id: call.tool_call_id ?? message.id,
          name: call.name ?? "unknown",
          input: parseToolArguments(call.arguments ?? "").input,
        }));
        assistant(message.id, message.date, "", calls);
        break;
      }
      case "tool_return_message": {
        const returns = message.tool_returns?.length ? message.tool_returns : [message];
        returns.forEach((entry, index) => {
          if (!entry.tool_call_id) return;
          history.push({
            id: returns.length > 1 ? `${message.id}:${index}` : message.id,
            role: "tool",
            content: asText(toolOutput(entry.tool_return)),
            created_at: message.date,
            tool_call_id: entry.tool_call_id,
          });
        });
        break;
      }
      default:
        break;
    }
  }
  return history;
}
