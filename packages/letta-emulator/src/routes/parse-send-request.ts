import type { InputMessage, SendRequest } from "../agent/loop-events.js";
import { isRecord } from "../support/json.js";
import { type HttpError, unprocessable } from "../wire/http-error.js";
import { MESSAGE_TYPES } from "../wire/wire-frames.js";

/** A validation failure that Letta reports through pydantic (422 with a string `detail` and a `trace_id`). */
export function requestValidation(message: string): HttpError {
  return unprocessable(message, { trace_id: "00000000000000000000000000000000" });
}

/** Validates and normalises a send-message body like Letta's `LettaStreamingRequest` + route checks. */
export function parseSendRequest(
  body: Record<string, unknown>,
  forceStreaming: boolean,
  streamingByDefault = false,
): SendRequest {
  const hasInput = body.input !== undefined && body.input !== null;
  const hasMessages = body.messages !== undefined && body.messages !== null;
  if (hasInput && hasMessages)
    throw requestValidation("Value error, Cannot specify both 'input' and 'messages'. Use one or the other.");
  if (!hasInput && !hasMessages) throw requestValidation("Value error, Either 'input' or 'messages' must be provided.");

  const inputs: InputMessage[] = [];
  if (hasInput) {
    if (typeof body.input !== "string" && !Array.isArray(body.input))
      throw requestValidation("body.input: Input should be a valid string or list");
    inputs.push({ type: "message", role: "user", content: body.input, otid: null, name: null, sender_id: null });
  } else {
    if (!Array.isArray(body.messages)) throw requestValidation("body.messages: Input should be a valid list");
    for (const [index, raw] of body.messages.entries()) {
      if (!isRecord(raw)) throw requestValidation(`body.messages.${index}: Input should be a valid dictionary`);
      const otid = typeof raw.otid === "string" ? raw.otid : null;
      if (raw.type === "approval") {
        const approvals = Array.isArray(raw.approvals) ? raw.approvals.filter(isRecord) : [];
        if (approvals.length === 0 && typeof raw.approval_request_id === "string") {
          // Deprecated single-approval form.
          approvals.push({
            type: "approval",
            approve: raw.approve === true,
            tool_call_id: "",
            reason: raw.reason ?? null,
            legacy: true,
          });
        }
        inputs.push({ type: "approval", approvals, otid });
      } else if (raw.type === "tool_return") {
        if (!Array.isArray(raw.tool_returns))
          throw requestValidation(`body.messages.${index}.tool_returns: Field required`);
        inputs.push({ type: "tool_return", tool_returns: raw.tool_returns.filter(isRecord), otid });
      } else {
        if (raw.role !== "user" && raw.role !== "system" && raw.role !== "assistant") {
          throw requestValidation(`body.messages.${index}.role: Input should be 'user', 'system' or 'assistant'`);
        }
        if (typeof raw.content !== "string" && !Array.isArray(raw.content))
          throw requestValidation(`body.messages.${index}.content: Field required`);
        inputs.push({
          type: "message",
          role: raw.role,
          content: raw.content,
          otid,
          name: typeof raw.name === "string" ? raw.name : null,
          sender_id: typeof raw.sender_id === "string" ? raw.sender_id : null,
        });
      }
    }
  }
  if (inputs.length === 0) throw unprocessable("Messages must not be empty");

  const streaming = forceStreaming || (typeof body.streaming === "boolean" ? body.streaming : streamingByDefault);
  if (!streaming) {
    const errors: string[] = [];
    if (body.stream_tokens === true) errors.push("stream_tokens can only be true when streaming=true");
    if (body.include_pings === false) errors.push("include_pings can only be set to false when streaming=true");
    if (body.background === true) errors.push("background can only be true when streaming=true");
    if (errors.length > 0) {
      throw unprocessable(
        `Streaming options set without streaming enabled. ${errors.join("; ")}. Either set streaming=true or use default values for streaming options.`,
      );
    }
  }
  const maxSteps = body.max_steps === undefined || body.max_steps === null ? 50 : body.max_steps;
  if (typeof maxSteps !== "number" || !Number.isInteger(maxSteps))
    throw requestValidation("body.max_steps: Input should be a valid integer");
  let includeTypes: Set<string> | null = null;
  if (Array.isArray(body.include_return_message_types)) {
    for (const type of body.include_return_message_types) {
      if (!MESSAGE_TYPES.includes(type))
        throw requestValidation(
          `body.include_return_message_types: Input should be one of ${MESSAGE_TYPES.join(", ")}`,
        );
    }
    includeTypes = new Set(body.include_return_message_types as string[]);
  }
  const clientTools = Array.isArray(body.client_tools)
    ? body.client_tools.filter(isRecord).map((t) => {
        if (typeof t.name !== "string") throw requestValidation("body.client_tools.name: Field required");
        return { name: t.name };
      })
    : [];
  return {
    body,
    streaming,
    streamTokens: streaming && body.stream_tokens === true,
    includePings: !streaming || body.include_pings !== false,
    background: body.background === true,
    maxSteps,
    includeTypes,
    clientTools,
    overrideModel: typeof body.override_model === "string" ? body.override_model : null,
    overrideSystem: typeof body.override_system === "string" ? body.override_system : null,
    inputs,
  };
}
