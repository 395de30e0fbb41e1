/** A request's path parameters, by the names in its route pattern (`/api/blocks/:label`). */
export type RouteParams = Record<string, string>;

/** Answers one request. */
export type RouteHandler = (request: Request, params: RouteParams) => Response | Promise<Response>;

/** One route of {@link createRouter}: a method, a path pattern and its handler. */
export interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
}

/** A route: `method` and a path pattern whose `:name` segments become params. */
export function route(method: string, path: string, handler: RouteHandler): Route {
  const names: string[] = [];
  // `:name` is one path segment; `:name?` may be absent (`/:file?` matches `/` and `/app.js`).
  const source = path.replace(/:(\w+)(\?)?/g, (_, name: string, optional?: string) => {
    names.push(name);
    return optional ? "([^/]*)" : "([^/]+)";
  });
  return { method, pattern: new RegExp(`^${source}$`), names, handler };
}

/** Plain JSON, never cached (it is live state). */
export const json = (body: unknown, status = 200): Response =>
  Response.json(body, { status, headers: { "cache-control": "no-store" } });

/**
 * A fetch-style handler (standard `Request` → `Response`, so it runs on Node, Bun, Deno or an
 * edge runtime) dispatching to the first route matching the method and path: 404 for an unknown
 * path, 405 for a known path with another method.
 */
export function createRouter(routes: readonly Route[]): (request: Request) => Promise<Response> {
  return async (request) => {
    const path = decodeURI(new URL(request.url).pathname);
    let known = false;
    for (const candidate of routes) {
      const match = candidate.pattern.exec(path);
      if (!match) continue;
      known = true;
      if (candidate.method !== request.method) continue;
      const params = Object.fromEntries(
        candidate.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? "")]),
      );
      return candidate.handler(request, params);
    }
    return known ? json({ error: "method not allowed" }, 405) : json({ error: "not found" }, 404);
  };
}
