import type { WebAppContext } from "./web-app-context";
import { answer } from "./web-app-context";
import { type Route, route } from "./web-router";

/** The agent's sessions: listed, made, and each one's history (for a reload or a switch). */
export function sessionRoutes(context: WebAppContext): Route[] {
  const { adapter } = context.connection;
  return [
    route("GET", "/api/sessions", () => answer(() => adapter.sessions.list(context.agentId))),
    route("POST", "/api/sessions", () =>
      answer(async () => {
        const session = await adapter.sessions.create(context.agentId);
        context.connection.save();
        return session;
      }),
    ),
    route("GET", "/api/sessions/:id/history", (_request, { id = "" }) =>
      answer(() => adapter.sessions.history(id, { limit: 200 })),
    ),
  ];
}
