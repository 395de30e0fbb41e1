import * as z from "zod";

// Input checks of the Letta adapter, built once at load: a zod schema is costly to build per call.

const id = z.string().trim().min(1);
/** Letta ids are `<prefix>-<uuid>`; the server answers 422 for anything else, so it is never sent. */
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
/** A Letta id of this kind (`agent-<uuid>`, `tool-<uuid>`, ...). */
export const lettaId = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}-${UUID}$`, "i"), `expected a Letta ${prefix} id (${prefix}-<uuid>)`);
/** The id prefix of each id argument (`checkLettaId` says what is wrong with a bad one). */
export const ID_PREFIXES: Record<string, string> = {
  agentId: "agent",
  agent_id: "agent",
  toolId: "tool",
  passageId: "passage",
  sessionId: "conv",
  session_id: "conv",
  run_id: "run",
};
const ID_SCHEMAS: Record<string, z.ZodType<string>> = Object.fromEntries(
  Object.entries(ID_PREFIXES).map(([name, prefix]) => [name, lettaId(prefix)]),
);
/** Argument checkers by name (`agentId`, `label`, ...), built on first use. */
const ARGUMENTS = new Map<string, z.ZodType<Record<string, string>>>();
export const argumentSchema = (what: string) => {
  let schema = ARGUMENTS.get(what);
  if (!schema) {
    schema = z.object({ [what]: ID_SCHEMAS[what] ?? id }) as unknown as z.ZodType<Record<string, string>>;
    ARGUMENTS.set(what, schema);
  }
  return schema;
};
/** For requests that create something: a blind retry could create it twice. */
export const NO_RETRY = { maxRetries: 0 } as const;
const AGENT_REQUIRED = "required by Letta: every turn runs on an agent (create one with createAgent)";
/** An ExecuteRequest's `agent_id`: Letta has no turn without an agent. */
export const AgentIdField = z.object({
  agent_id: z
    .string({ error: (issue) => (issue.input === undefined ? AGENT_REQUIRED : undefined) })
    .pipe(lettaId("agent")),
});
export const TagsSchema = z.array(z.string()).optional();
export const LettaExecuteOptionsSchema = z.strictObject({
  signal: z.instanceof(AbortSignal).optional(),
  includeThinking: z.boolean().optional(),
  streamTokens: z.boolean().optional(),
  maxSteps: z.number().int().min(1).max(1000).optional(),
  stream: z.boolean().optional(),
  onApproval: z
    .custom<(...args: never[]) => unknown>((value) => typeof value === "function", { message: "expected a function" })
    .optional(),
  // Each tool is checked by ClientToolRunner, which names the tool and field.
  clientTools: z.array(z.unknown()).optional(),
  memoryEvents: z.boolean().optional(),
});
export const RegisterToolSchema = z.strictObject({
  source_code: z.string().regex(/\bdef\s+\w+\s*\(/, "expected Python source that defines a function (def name(...):)"),
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  input_schema: z.record(z.string(), z.unknown()).optional(),
  source_type: z.literal("python").optional(),
  agent_id: lettaId("agent").optional(),
  tags: z.array(z.string()).optional(),
  pip_requirements: z.array(z.strictObject({ name: z.string().min(1), version: z.string().optional() })).optional(),
  return_char_limit: z.number().int().positive().optional(),
  default_requires_approval: z.boolean().optional(),
});
export const PassageTextSchema = z.string().min(1).max(100_000);
export const ListPassagesSchema = z.strictObject({
  limit: z.number().int().min(1).max(1000).optional(),
  search: z.string().optional(),
  after: z.string().optional(),
  before: z.string().optional(),
  ascending: z.boolean().optional(),
});
export const SearchPassagesSchema = z.strictObject({
  top_k: z.number().int().min(1).max(1000).optional(),
  tags: z.array(z.string()).optional(),
});
