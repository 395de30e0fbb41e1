import type { MessageCreateParamsBase } from "@letta-ai/letta-client/resources/agents/messages";
import type { ExecuteRequest } from "@openharness/types";
import { rejectUnsupportedFields, type UnsupportedRequestFields } from "./reject-unsupported-fields";

/** How the turn is sent. */
export interface LettaSendSettings {
  streaming: boolean;
  streamTokens: boolean;
  maxSteps?: number;
  /** Offline threading id of the user message, so a resend can be recognised. */
  otid: string;
}

/** Request fields Letta cannot honour per message, with why and what to do instead. */
const UNSUPPORTED_FIELDS: UnsupportedRequestFields = {
  skills: {
    domain: "skills",
    operation: "discover",
    reason: "skills: Letta's server has no skills",
    workaround: "register tools instead (registerTool)",
  },
  tools: {
    domain: "tools",
    operation: "register",
    reason: "tools: Letta attaches tools to the agent, not to one message",
    workaround: "attach tools with createAgent({ tools }), registerTool({ agent_id }) or attachTool",
  },
  max_tokens: {
    domain: "models",
    operation: "model-switch",
    reason: "max_tokens: Letta sets the output limit on the agent's model settings, not per message",
    workaround: "set letta.model_settings.max_output_tokens on the agent (createAgent or updateAgent)",
  },
  temperature: {
    domain: "models",
    operation: "model-switch",
    reason: "temperature: Letta sets sampling on the agent's model settings, not per message",
    workaround: "set letta.model_settings.temperature on the agent (createAgent or updateAgent)",
  },
};

/**
 * An OpenHarness request → the body of Letta's `POST /v1/agents/{id}/messages`. Every field is
 * honoured (`model` → `override_model`, `system_prompt` → `override_system`, `metadata` is
 * returned in the result) or rejected with `UnsupportedFeatureError`: none is dropped.
 */
export function convertToLettaMessageParams(
  request: ExecuteRequest,
  settings: LettaSendSettings,
): MessageCreateParamsBase {
  rejectUnsupportedFields(request, UNSUPPORTED_FIELDS, "Letta");
  const params: MessageCreateParamsBase = {
    messages: [{ role: "user", content: request.message, otid: settings.otid }],
    streaming: settings.streaming,
  };
  if (settings.streaming) {
    params.stream_tokens = settings.streamTokens;
    // Keepalive pings carry the run id early and let the idle watchdog tell silence from a slow model.
    params.include_pings = true;
  }
  if (settings.maxSteps !== undefined) params.max_steps = settings.maxSteps;
  if (request.model !== undefined) params.override_model = request.model;
  if (request.system_prompt !== undefined) params.override_system = request.system_prompt;
  return params;
}
