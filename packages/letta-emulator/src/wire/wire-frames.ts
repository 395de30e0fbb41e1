import type { Message, MessageType } from "@letta-ai/letta-client/resources/agents/messages";
import { splitChunks, splitTokens } from "../support/text.js";

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
    case "tool_call_message":
    case "approval_request_message": {
      // OpenAI's token stream (`openai_streaming_interface.py`): every call of the step shares the
      // message's id and otid; a call opens with its name and no arguments, then argument chunks.
      const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
      const frames = calls.flatMap((call) => {
        const opening = { name: call.name, arguments: null, tool_call_id: call.tool_call_id };
        const chunks = splitChunks(call.arguments, 12).map((fragment) => ({
          name: null,
          arguments: fragment,
          tool_call_id: call.tool_call_id,
        }));
        return [opening, ...chunks].map((delta) => ({ ...whole, tool_call: delta, tool_calls: delta }));
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
