import type { ExecuteOptions } from "@openharness/adapter-kit";
import type { ExecuteRequest } from "@openharness/types";
import { z } from "zod";
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
export const LOCAL_UNSUPPORTED_REQUEST_FIELDS: Partial<
  Record<keyof ExecuteRequest, { domain: string; reason: string; workaround: string }>
> = {
  model: {
    domain: "models",
    reason: "the App Server has no per-turn model override",
    workaround: "updateAgent(agentId, { model })",
  },
  system_prompt: {
    domain: "execution",
    reason: "the App Server has no per-turn system prompt",
    workaround: "updateAgent(agentId, { system_prompt })",
  },
  max_tokens: {
    domain: "execution",
    reason: "the App Server takes no per-turn output limit",
    workaround: "configure the model in Letta Code",
  },
  temperature: {
    domain: "execution",
    reason: "the App Server takes no per-turn sampling settings",
    workaround: "configure the model in Letta Code",
  },
  skills: {
    domain: "skills",
    reason: "Letta Code skills are not exposed through this adapter",
    workaround: "use clientTools",
  },
};
