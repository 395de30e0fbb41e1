import { InvalidRequestError, type ListToolsOptions, type RegisterToolRequest } from "@openharness/adapter-kit";
import type { Tool } from "@openharness/types";
import { collectLettaPages } from "./collect-letta-pages";
import { convertLettaTool } from "./convert-letta-tool";
import type { LettaContext } from "./letta-context";
import { NO_RETRY, RegisterToolSchema } from "./letta-input-schemas";
import { parseLettaArgument, parseLettaInput } from "./parse-letta-input";

/** A Letta tool to register: Python source whose function name and docstring define the tool. */
export interface LettaRegisterToolRequest extends RegisterToolRequest {
  source_code: string;
  /** Attach the new tool to this agent. */
  agent_id?: string;
  tags?: string[];
  pip_requirements?: { name: string; version?: string }[];
  return_char_limit?: number;
  /** The agent must get approval before each call. */
  default_requires_approval?: boolean;
}

/** Every tool on the server, or only an agent's with `{ agentId }`. */
export async function listLettaTools(ctx: LettaContext, options: ListToolsOptions): Promise<Tool[]> {
  const where = { domain: "tools", operation: "list" };
  const agentId = options.agent_id === undefined ? undefined : parseLettaArgument(options.agent_id, "agent_id", where);
  return ctx.call(
    { operation: "listTools", resource: agentId ? "agent" : undefined, resourceId: agentId },
    async () => {
      const tools = await collectLettaPages(
        agentId ? ctx.client.agents.tools.list(agentId, { limit: 100 }) : ctx.client.tools.list({ limit: 100 }),
      );
      return tools.map(convertLettaTool);
    },
  );
}

/**
 * Registers a Python tool. Letta derives the name and argument schema from the function's
 * signature and Google-style docstring; `name`, when given, must match the function.
 */
export async function registerLettaTool(ctx: LettaContext, request: LettaRegisterToolRequest): Promise<Tool> {
  const where = { domain: "tools", operation: "register" };
  const valid = parseLettaInput(RegisterToolSchema, request, "tool registration", where);
  const functionName = /\bdef\s+(\w+)\s*\(/.exec(valid.source_code)?.[1];
  if (valid.name !== undefined && valid.name !== functionName) {
    throw new InvalidRequestError({
      what: "tool registration",
      issues: [
        {
          path: "name",
          message: `expected the name of the function in source_code ("${functionName}"), as Letta names tools after it`,
        },
      ],
      harness: "Letta",
      ...where,
    });
  }
  const { agent_id, name: _name, input_schema, ...body } = valid;
  const json_schema = input_schema && {
    name: functionName,
    description: valid.description ?? "",
    parameters: input_schema,
  };
  const schema = json_schema ? { json_schema } : {};
  const tool = await ctx.call({ operation: "registerTool" }, () =>
    ctx.client.tools.create({ ...body, source_type: "python", ...schema }, NO_RETRY),
  );
  if (agent_id) {
    await ctx.call({ operation: "registerTool", resource: "agent", resourceId: agent_id }, () =>
      ctx.client.agents.tools.attach(tool.id, { agent_id }),
    );
  }
  return convertLettaTool(tool);
}

/** Deletes a tool from the server (and so from every agent that had it). */
export async function unregisterLettaTool(ctx: LettaContext, toolId: string): Promise<void> {
  const valid = parseLettaArgument(toolId, "toolId", { domain: "tools", operation: "unregister" });
  await ctx.call({ operation: "unregisterTool", resource: "tool", resourceId: valid }, () =>
    ctx.client.tools.delete(valid),
  );
}
