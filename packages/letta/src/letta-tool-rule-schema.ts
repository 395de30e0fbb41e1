import * as z from "zod";

// Letta's tool rules, one strict object per rule type, discriminated by `type` (OpenAPI spec:
// `CreateAgentRequest.tool_rules`, the `*ToolRule` schemas).

const rule = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({
    type: z.literal(type),
    tool_name: z.string().min(1),
    prompt_template: z.string().nullable().optional(),
    ...shape,
  });
const names = z.array(z.string().min(1));

/** One Letta tool rule (`run_first`, `exit_loop`, `constrain_child_tools`, `requires_approval`, ...). */
export const LettaToolRuleSchema = z.discriminatedUnion("type", [
  rule("constrain_child_tools", {
    children: names,
    child_arg_nodes: z.array(z.record(z.string(), z.unknown())).nullable().optional(),
  }),
  rule("run_first", { args: z.record(z.string(), z.unknown()).nullable().optional() }),
  rule("exit_loop", {}),
  rule("conditional", {
    child_output_mapping: z.record(z.string(), z.string()),
    default_child: z.string().nullable().optional(),
    require_output_mapping: z.boolean().optional(),
  }),
  rule("continue_loop", {}),
  rule("required_before_exit", {}),
  rule("max_count_per_step", { max_count_limit: z.number().int().positive() }),
  rule("parent_last_tool", { children: names }),
  rule("requires_approval", {}),
]);
