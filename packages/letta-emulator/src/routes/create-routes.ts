import { agentToolRoutes } from "./agent-tools.js";
import { agentRoutes } from "./agents.js";
import { archivalMemoryRoutes } from "./archival-memory.js";
import { blockRoutes } from "./blocks.js";
import { conversationRoutes } from "./conversations.js";
import { coreMemoryRoutes } from "./core-memory.js";
import { messageRoutes } from "./messages.js";
import { ok } from "./route-input.js";
import { Router, route } from "./router.js";
import { runStreamRoutes } from "./run-stream.js";
import { runRoutes } from "./runs.js";
import { toolRoutes } from "./tools.js";

/**
 * Every route the emulator serves, with Letta's exact paths (trailing slashes included). A new
 * Letta resource is one file in `routes/` exporting its table, and one line here.
 */
export function createRoutes(): Router {
  return new Router([
    route("GET", "/v1/health/", (core) => ok({ version: core.serverVersion, status: "ok" })),
    ...agentRoutes,
    ...coreMemoryRoutes,
    ...blockRoutes,
    ...toolRoutes,
    ...agentToolRoutes,
    ...archivalMemoryRoutes,
    ...messageRoutes,
    ...runRoutes,
    ...runStreamRoutes,
    ...conversationRoutes,
  ]);
}
