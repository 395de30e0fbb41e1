import type { ExecuteOptions } from "@openharness/adapter-kit";
import * as z from "zod";
import type { UnsupportedRequestFields } from "../reject-unsupported-fields";
import { MEMORY_TOOL } from "./letta-local-options";
import type { LocalApprovalHandler, LocalClientTool } from "./local-tool-policy";

/** Options of `execute`/`executeStream` on the local backend. */
export interface LettaLocalExecuteOptions extends ExecuteOptions {
  /** TypeScript tools the agent may call in this turn, run in this process (App Server `external_tools`). */
  clientTools?: LocalClientTool[];
  /** Decides on host tool calls (enabled with `hostTools`); without it they are denied. */
  onApproval?: LocalApprovalHandler;
}

const ToolSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/, "expected a tool name of letters, digits, '_' and '-'"),
  description: z.string().min(1),
  input_schema: z.record(z.string(), z.unknown()),
  execute: z.custom<LocalClientTool["execute"]>((value) => typeof value === "function", "expected a function"),
});

/** Schema of {@link LettaLocalExecuteOptions}: client tool names are unique and never `memory`. */
export const LocalExecuteOptionsSchema = z.strictObject({
  signal: z.instanceof(AbortSignal).optional(),
  includeThinking: z.boolean().optional(),
  clientTools: z
    .array(ToolSchema)
    .optional()
    .superRefine((tools, ctx) => {
      const names = (tools ?? []).map((tool) => tool.name);
      names.forEach((name, index) => {
        if (name === MEMORY_TOOL || names.indexOf(name) !== index)
          ctx.addIssue({
            code: "custom",
            path: [index, "name"],
            message: `"${name}" is taken: tool names must be unique and not "memory"`,
          });
      });
    }),
  onApproval: z.custom<LocalApprovalHandler>((value) => typeof value === "function", "expected a function").optional(),
});

/** Request fields the App Server cannot honour per turn, with why and what to do instead. */
export const LOCAL_UNSUPPORTED_REQUEST_FIELDS: UnsupportedRequestFields = {
  model: {
    domain: "models",
    operation: "model-switch",
    reason: "model: the App Server has no per-turn model override",
    workaround: "updateAgent(agentId, { model })",
  },
  system_prompt: {
    domain: "execution",
    operation: "stream",
    reason: "system_prompt: the App Server has no per-turn system prompt",
    workaround: "updateAgent(agentId, { system_prompt })",
  },
  max_tokens: {
    domain: "models",
    operation: "model-switch",
    reason: "max_tokens: the App Server takes no per-turn output limit",
    workaround: "configure the model in Letta Code",
  },
  temperature: {
    domain: "models",
    operation: "model-switch",
    reason: "temperature: the App Server takes no per-turn sampling settings",
    workaround: "configure the model in Letta Code",
  },
  skills: {
    domain: "skills",
    operation: "discover",
    reason: "skills: Letta Code skills are not exposed through this adapter",
    workaround: "use clientTools",
  },
};
