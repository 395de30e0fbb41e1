import * as z from "zod";

// Letta's `model_settings` is a union discriminated by `provider_type` (OpenAPI spec:
// `CreateAgentRequest.model_settings`, one `<Provider>ModelSettings` schema per provider). Every
// provider has the common fields; the others are the provider's own. Letta merges them into the
// agent's llm_config (`server.py`, `_to_legacy_config_params`).

const COMMON = ["provider_type", "temperature", "max_output_tokens", "parallel_tool_calls"] as const;

/** Each provider's fields beyond {@link COMMON}, from its `<Provider>ModelSettings` schema in the spec. */
const PROVIDER_FIELDS = {
  anthropic: ["thinking", "response_format", "verbosity", "effort", "strict"],
  azure: ["response_format"],
  baseten: [],
  bedrock: ["response_format"],
  chatgpt_oauth: ["reasoning"],
  deepseek: ["response_format"],
  google_ai: ["thinking_config", "response_schema"],
  google_vertex: ["thinking_config", "response_schema"],
  groq: ["response_format"],
  openai: ["reasoning", "response_format", "strict"],
  openrouter: ["response_format"],
  sglang: ["reasoning", "response_format", "strict", "tool_call_parser"],
  together: ["response_format"],
  xai: ["response_format"],
  zai: ["response_format", "thinking"],
} as const satisfies Record<string, readonly string[]>;

/** A provider Letta has model settings for (`openai`, `anthropic`, ...). */
export type LettaModelProvider = keyof typeof PROVIDER_FIELDS;

const PROVIDERS = Object.keys(PROVIDER_FIELDS) as [LettaModelProvider, ...LettaModelProvider[]];
const object = z.record(z.string(), z.unknown());

/**
 * Letta's `model_settings`: `provider_type` picks the provider; the common fields are checked here,
 * the provider's own ones (`reasoning`, `thinking`, ...) are passed to Letta, which checks their
 * content. A field the provider does not have is rejected, naming it.
 */
export const LettaModelSettingsSchema = z
  .object({
    provider_type: z.enum(PROVIDERS, { error: `expected one of ${PROVIDERS.join(", ")}` }),
    temperature: z.number().optional(),
    max_output_tokens: z.number().int().positive().optional(),
    parallel_tool_calls: z.boolean().optional(),
    strict: z.boolean().optional(),
    reasoning: object.optional(),
    thinking: object.optional(),
    thinking_config: object.optional(),
    response_format: object.nullable().optional(),
    response_schema: object.nullable().optional(),
    verbosity: z.enum(["low", "medium", "high"]).nullable().optional(),
    effort: z.enum(["low", "medium", "high", "max"]).nullable().optional(),
    tool_call_parser: z.string().nullable().optional(),
  })
  .catchall(z.unknown())
  .superRefine((settings, ctx) => {
    const allowed = new Set<string>([...COMMON, ...PROVIDER_FIELDS[settings.provider_type]]);
    for (const key of Object.keys(settings)) {
      if (!allowed.has(key))
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `not a ${settings.provider_type} model setting (expected ${[...allowed].join(", ")})`,
        });
    }
  });
