import type { Handler } from "./route-input.js";

/** One route: a method, Letta's templated path (`/v1/agents/{agent_id}`, trailing slash significant) and its handler. */
export interface RouteDefinition {
  method: string;
  template: string;
  handler: Handler;
}

/** A {@link RouteDefinition}; route tables read as `route("GET", "/v1/runs/{run_id}", getRun)`. */
export function route(method: string, template: string, handler: Handler): RouteDefinition {
  return { method, template, handler };
}

interface Route extends RouteDefinition {
  segments: string[];
}

/** Matches concrete paths against Letta's templated paths (exact segments, trailing slashes significant). */
export class Router {
  readonly #routes: Route[];

  constructor(definitions: readonly RouteDefinition[]) {
    this.#routes = definitions.map((d) => ({ ...d, segments: d.template.split("/") }));
  }

  /** Finds the route for a request. Literal segments win over parameters. */
  match(method: string, path: string): { route: Route; params: Record<string, string> } | "method-not-allowed" | null {
    const parts = path.split("/");
    let best: { route: Route; params: Record<string, string>; literals: number } | null = null;
    let pathMatched = false;
    for (const route of this.#routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let literals = 0;
      let ok = true;
      for (const [i, segment] of route.segments.entries()) {
        const part = parts[i] ?? "";
        if (segment.startsWith("{") && segment.endsWith("}")) {
          if (part === "") {
            ok = false;
            break;
          }
          params[segment.slice(1, -1)] = safeDecode(part);
        } else if (segment === part) {
          literals++;
        } else {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      if (!best || literals > best.literals) best = { route, params, literals };
    }
    if (best) return { route: best.route, params: best.params };
    return pathMatched ? "method-not-allowed" : null;
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
