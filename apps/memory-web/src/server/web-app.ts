import { memoryRoutes } from "./memory-routes";
import { sessionRoutes } from "./session-routes";
import { turnRoutes } from "./turn-routes";
import { restAdapter, type WebAppContext } from "./web-app-context";
import { createRouter, json, route } from "./web-router";

/** A file of the built browser app. */
export interface WebAsset {
  body: BodyInit;
  type: string;
}

/** What {@link createWebApp} serves. */
export interface WebAppOptions extends WebAppContext {
  /** The browser app's files by path (`/`, `/app.js`, ...): how they are read is the platform's business. */
  asset(path: string): Promise<WebAsset | undefined>;
}

/**
 * The memory agent over HTTP, as one fetch-style handler (`Request` → `Response`): the browser
 * app, its state (`/api/state`), turns streamed as OpenHarness SSE with stop and approvals, memory
 * blocks, sessions. The adapter and any key stay on the server: nothing here sends one out.
 */
export function createWebApp(options: WebAppOptions): (request: Request) => Promise<Response> {
  const { connection, agentId } = options;
  const usable = (operation: "list" | "create" | "history") =>
    connection.adapter.capabilities.get("sessions", operation).status !== "unsupported";
  const state = route("GET", "/api/state", () =>
    json({
      backend: { kind: connection.kind, where: connection.where },
      agent_id: agentId,
      features: {
        sessions: usable("list") && usable("create") && usable("history"),
        approvals: restAdapter(options) !== undefined,
      },
    }),
  );
  const assets = route("GET", "/:file?", async (_request, { file = "" }) => {
    const found = await options.asset(`/${file}`);
    if (!found) return json({ error: "not found" }, 404);
    return new Response(found.body, { headers: { "content-type": found.type, "cache-control": "no-cache" } });
  });
  return createRouter([state, ...turnRoutes(options), ...memoryRoutes(options), ...sessionRoutes(options), assets]);
}
