import type { CreateAgentRequest, JsonObject } from "@openharness/types";

/** The agent fields Letta's create and update bodies share. */
export interface LettaAgentFields {
  name?: string;
  description?: string;
  model?: string;
  embedding?: string;
  system?: string;
  tools?: string[];
  include_base_tools?: boolean;
  tags?: string[];
  metadata?: JsonObject;
}

/** OpenHarness agent fields → Letta's names for them. */
const FIELDS = {
  name: "name",
  description: "description",
  model: "model",
  embedding_model: "embedding",
  system_prompt: "system",
  tools: "tools",
  include_base_tools: "include_base_tools",
  tags: "tags",
  metadata: "metadata",
} as const satisfies Partial<Record<keyof CreateAgentRequest, keyof LettaAgentFields>>;

/**
 * The agent fields of an OpenHarness config under Letta's names, for create and update alike.
 * Fields left undefined are left out; `memory_blocks` is sent as is by `createAgent`.
 */
export function convertToLettaAgentParams(config: CreateAgentRequest): LettaAgentFields {
  const params: Record<string, unknown> = {};
  for (const [field, letta] of Object.entries(FIELDS)) {
    const value = config[field as keyof typeof FIELDS];
    if (value !== undefined) params[letta] = value;
  }
  return params;
}
