import type { LettaContext } from "./letta-context";

/**
 * The tools an agent needs to use its archival memory. Letta's `letta_v1_agent` no longer gets
 * them by default (`DEPRECATED_LETTA_TOOLS` in `letta/constants.py`), so passages inserted
 * through the API would be invisible to the agent without them.
 */
export const ARCHIVAL_TOOLS = ["archival_memory_search", "archival_memory_insert"] as const;

/**
 * Attaches the {@link ARCHIVAL_TOOLS} the agent lacks, once per agent and adapter (`ready` holds
 * the agents done). A tool the server does not have is left out: the insert still works.
 */
export async function ensureLettaArchivalTools(ctx: LettaContext, agentId: string, ready: Set<string>): Promise<void> {
  if (ready.has(agentId)) return;
  const context = { operation: "insertPassage", resource: "agent", resourceId: agentId };
  await ctx.call(context, async () => {
    const attached = new Set<string>();
    for await (const tool of ctx.client.agents.tools.list(agentId, { limit: 100 })) attached.add(tool.name ?? "");
    for (const name of ARCHIVAL_TOOLS.filter((tool) => !attached.has(tool))) {
      const page = await ctx.client.tools.list({ name, limit: 1 });
      const tool = page.getPaginatedItems()[0];
      if (tool) await ctx.client.agents.tools.attach(tool.id, { agent_id: agentId });
    }
  });
  ready.add(agentId);
}
