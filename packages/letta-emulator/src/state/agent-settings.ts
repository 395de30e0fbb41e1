import type { AgentState } from "@letta-ai/letta-client/resources/agents/agents";
import { isRecord } from "../support/json.js";
import type { EmulatedAgent } from "./emulator-state.js";

/** Letta's `model_settings` fields that it copies into the agent's llm_config (`_to_legacy_config_params`). */
const LLM_CONFIG_FIELDS = [
  ["temperature", "temperature"],
  ["max_output_tokens", "max_tokens"],
  ["parallel_tool_calls", "parallel_tool_calls"],
] as const;

/**
 * Applies the agent settings of a create or update body that the emulator keeps: `model_settings`
 * (merged into llm_config after the model, as `server.py` does), `enable_sleeptime`,
 * `message_buffer_autoclear`, `max_files_open`, `per_file_view_window_char_limit`.
 */
export function applyAgentSettings(agent: EmulatedAgent, body: Record<string, unknown>): void {
  if (isRecord(body.model_settings)) {
    const settings = body.model_settings;
    const config = agent.llm_config as unknown as Record<string, unknown>;
    for (const [from, to] of LLM_CONFIG_FIELDS) if (settings[from] !== undefined) config[to] = settings[from];
    agent.model_settings = { ...settings };
  }
  if (typeof body.enable_sleeptime === "boolean") agent.enable_sleeptime = body.enable_sleeptime;
  if (typeof body.message_buffer_autoclear === "boolean")
    agent.message_buffer_autoclear = body.message_buffer_autoclear;
  if (typeof body.max_files_open === "number") agent.max_files_open = body.max_files_open;
  if (typeof body.per_file_view_window_char_limit === "number")
    agent.per_file_view_window_char_limit = body.per_file_view_window_char_limit;
}

/** The kept settings as the AgentState fields Letta serves them in. */
export function agentSettingsState(
  agent: EmulatedAgent,
): Pick<
  AgentState,
  | "model_settings"
  | "enable_sleeptime"
  | "message_buffer_autoclear"
  | "max_files_open"
  | "per_file_view_window_char_limit"
> {
  return {
    model_settings: (agent.model_settings ?? null) as AgentState["model_settings"],
    enable_sleeptime: agent.enable_sleeptime ?? null,
    message_buffer_autoclear: agent.message_buffer_autoclear ?? false,
    max_files_open: agent.max_files_open ?? null,
    per_file_view_window_char_limit: agent.per_file_view_window_char_limit ?? null,
  };
}
