import type { LettaContext } from "./letta-context";
import { parseLettaArgument } from "./parse-letta-input";

const ATTACH = { domain: "tools", operation: "attach" };
const DETACH = { domain: "tools", operation: "detach" };

/** Attaches an existing tool to an agent (Letta: `PATCH /v1/agents/{agent_id}/tools/attach/{tool_id}`). */
export async function attachLettaTool(ctx: LettaContext, agentId: string, toolId: string): Promise<void> {
  const agent_id = parseLettaArgument(agentId, "agentId", ATTACH);
  const tool = parseLettaArgument(toolId, "toolId", ATTACH);
  await ctx.call({ operation: "attachTool", resource: "agent", resourceId: agent_id }, () =>
    ctx.client.agents.tools.attach(tool, { agent_id }),
  );
}

/** Detaches a tool from an agent; the tool stays on the server (Letta: `.../tools/detach/{tool_id}`). */
export async function detachLettaTool(ctx: LettaContext, agentId: string, toolId: string): Promise<void> {
  const agent_id = parseLettaArgument(agentId, "agentId", DETACH);
  const tool = parseLettaArgument(toolId, "toolId", DETACH);
  await ctx.call({ operation: "detachTool", resource: "agent", resourceId: agent_id }, () =>
    ctx.client.agents.tools.detach(tool, { agent_id }),
  );
}
