import type { MessageCreateParamsBase } from "@letta-ai/letta-client/resources/agents/messages";
import { UnsupportedFeatureError } from "@openharness/adapter-kit";
import type { ExecuteRequest } from "@openharness/types";

/** How the turn is sent. */
export interface LettaSendSettings {
  streaming: boolean;
  streamTokens: boolean;
  maxSteps?: number;
  /** Offline threading id of the user message, so a resend can be recognised. */
  otid: string;
}

/** Request fields Letta cannot honour per message, with why and what to do instead. */
const UNSUPPORTED_FIELDS: Partial<
  Record<keyof ExecuteRequest, { domain: string; reason: string; workaround: string }>
> = {
  session_id: {
    domain: "sessions",
    reason: "Letta agents keep their own state; this adapter has no sessions",
    workaround: "use one agent per persistent conversation",
  },
  skills: { domain: "skills", reason: "skills are not in Letta", workaround: "register tools instead (registerTool)" },
  tools: {
    domain: "tools",
    reason: "Letta attaches tools to the agent, not to one message",
    workaround: "attach tools with createAgent({ tools }) or registerTool({ agent_id })",
  },
  max_tokens: {
    domain: "execution",
    reason: "Letta sets the output limit on the agent's model settings, not per message",
    workaround: "create or update the agent with the model settings you need",
  },
  temperature: {
    domain: "execution",
    reason: "Letta sets sampling on the agent's model settings, not per message",
    workaround: "create or update the agent with the model settings you need",
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
  for (const [field, unsupported] of Object.entries(UNSUPPORTED_FIELDS)) {
    if (request[field as keyof ExecuteRequest] !== undefined && unsupported) {
      throw new UnsupportedFeatureError({ harness: "Letta", operation: field, ...unsupported });
    }
  }
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
