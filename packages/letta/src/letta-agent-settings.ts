import type { AgentCreateParams, AgentUpdateParams } from "@letta-ai/letta-client/resources/agents/agents";
import { type CreateAgentRequest, CreateAgentRequestSchema } from "@openharness/types";
import * as z from "zod";
import { lettaId } from "./letta-input-schemas";
import { LettaModelSettingsSchema } from "./letta-model-settings-schema";
import { LettaToolRuleSchema } from "./letta-tool-rule-schema";

/**
 * Letta's own agent settings, sent as they are in Letta's create and update bodies (OpenAPI spec:
 * `CreateAgentRequest`, `UpdateAgent`). Deprecated spec fields are left out.
 */
export type LettaAgentSettings = Pick<
  AgentCreateParams,
  | "agent_type"
  | "model_settings"
  | "context_window_limit"
  | "tool_rules"
  | "tool_ids"
  | "block_ids"
  | "folder_ids"
  | "identity_ids"
  | "include_base_tool_rules"
  | "enable_sleeptime"
  | "message_buffer_autoclear"
  | "timezone"
  | "secrets"
  | "max_files_open"
  | "per_file_view_window_char_limit"
> & {
  /** Attach Letta's multi-agent tools (in the spec's `CreateAgentRequest`; SDK 1.12 does not type it). */
  include_multi_agent_tools?: boolean;
};

/** The Letta settings an existing agent can change (Letta's `UpdateAgent` has no `agent_type` and the `include_*` switches). */
export type LettaAgentUpdateSettings = Pick<
  AgentUpdateParams,
  | "model_settings"
  | "context_window_limit"
  | "tool_rules"
  | "tool_ids"
  | "block_ids"
  | "folder_ids"
  | "identity_ids"
  | "enable_sleeptime"
  | "message_buffer_autoclear"
  | "timezone"
  | "secrets"
  | "max_files_open"
  | "per_file_view_window_char_limit"
>;

/** `createAgent`'s request on Letta: the contract's fields, plus Letta's own settings under `letta`. */
export interface LettaCreateAgentRequest extends CreateAgentRequest {
  /** Letta-specific settings (model settings, tool rules, shared blocks, ...). */
  letta?: LettaAgentSettings;
}

/**
 * The contract fields an existing agent can change, on both Letta backends. Memory blocks change
 * through `memory`; tools are attached when the agent is created or with `attachTool`.
 */
export type AgentChanges = Omit<CreateAgentRequest, "memory_blocks" | "tools" | "include_base_tools">;

/**
 * `updateAgent`'s changes on Letta: what Letta's update accepts. Tools change with
 * `attachTool`/`detachTool` (or `letta.tool_ids`, which replaces the list).
 */
export interface LettaUpdateAgentRequest extends AgentChanges {
  /** Letta-specific settings to change. */
  letta?: LettaAgentUpdateSettings;
}

const ids = (prefix: string) => z.array(lettaId(prefix));
const count = z.number().int().positive();

/** The settings an update can change, each as the spec's `UpdateAgent` types it. */
const UPDATE_SHAPE = {
  model_settings: LettaModelSettingsSchema.optional(),
  context_window_limit: count.optional(),
  tool_rules: z.array(LettaToolRuleSchema).optional(),
  tool_ids: ids("tool").optional(),
  block_ids: ids("block").optional(),
  folder_ids: ids("source").optional(),
  identity_ids: ids("identity").optional(),
  enable_sleeptime: z.boolean().optional(),
  message_buffer_autoclear: z.boolean().optional(),
  timezone: z.string().min(1).optional(),
  secrets: z.record(z.string(), z.string()).optional(),
  max_files_open: count.optional(),
  per_file_view_window_char_limit: count.optional(),
};

/** Schema of {@link LettaAgentSettings}; unknown keys are rejected. */
export const LettaAgentSettingsSchema = z.strictObject({
  ...UPDATE_SHAPE,
  agent_type: z
    .enum([
      "memgpt_agent",
      "memgpt_v2_agent",
      "letta_v1_agent",
      "react_agent",
      "workflow_agent",
      "split_thread_agent",
      "sleeptime_agent",
      "voice_convo_agent",
      "voice_sleeptime_agent",
    ])
    .optional(),
  include_multi_agent_tools: z.boolean().optional(),
  include_base_tool_rules: z.boolean().optional(),
});

/** Schema of {@link LettaAgentUpdateSettings}; unknown keys are rejected. */
export const LettaAgentUpdateSettingsSchema = z.strictObject(UPDATE_SHAPE);

/** Schema of {@link LettaCreateAgentRequest}. */
export const LettaCreateAgentRequestSchema = CreateAgentRequestSchema.extend({
  letta: LettaAgentSettingsSchema.optional(),
});

/** Schema of {@link AgentChanges}; unknown keys are rejected. */
export const AgentChangesSchema = CreateAgentRequestSchema.omit({
  memory_blocks: true,
  tools: true,
  include_base_tools: true,
});

/** Schema of {@link LettaUpdateAgentRequest}. */
export const LettaUpdateAgentRequestSchema = AgentChangesSchema.extend({
  letta: LettaAgentUpdateSettingsSchema.optional(),
});
