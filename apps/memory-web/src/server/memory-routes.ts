import type { WebAppContext } from "./web-app-context";
import { answer, readBody, restAdapter } from "./web-app-context";
import { json, type Route, route } from "./web-router";

/** Memory tools the agent edits its blocks with: "ask before memory edits" puts approval on these. */
const MEMORY_EDIT_TOOLS = /^(core_memory_|memory_(insert|replace|rethink|apply_patch|finish_edits)$|memory$)/;

/** The agent's memory blocks: read, edited by hand, and whether the agent must ask before editing them. */
export function memoryRoutes(context: WebAppContext): Route[] {
  const { adapter } = context.connection;
  return [
    route("GET", "/api/blocks", () => answer(() => adapter.memory.getBlocks(context.agentId))),
    route("PUT", "/api/blocks/:label", async (request, { label = "" }) => {
      const body = await readBody(request);
      if (body instanceof Response) return body;
      if (typeof body.value !== "string") return json({ error: "value: expected a string" }, 400);
      const value = body.value;
      return answer(async () => {
        const block = await adapter.memory.updateBlock(context.agentId, label, value);
        context.connection.save();
        return block;
      });
    }),
    route("PUT", "/api/settings/ask-before-memory-edits", async (request) => {
      const body = await readBody(request);
      if (body instanceof Response) return body;
      if (typeof body.on !== "boolean") return json({ error: "on: expected true or false" }, 400);
      const rest = restAdapter(context);
      if (!rest) return json({ error: "approval rules live on a Letta server: not on the local backend" }, 400);
      const on = body.on;
      return answer(async () => {
        const tools = (await rest.listTools({ agent_id: context.agentId })).filter((t) =>
          MEMORY_EDIT_TOOLS.test(t.name),
        );
        // SDK 1.12.1's agents.tools.updateApproval sends a body Letta rejects; this is the documented request.
        for (const tool of tools)
          await rest.client.patch(`/v1/agents/${context.agentId}/tools/approval/${tool.name}`, {
            body: { requires_approval: on },
          });
        context.connection.save();
        return { on, tools: tools.map((t) => t.name) };
      });
    }),
  ];
}
