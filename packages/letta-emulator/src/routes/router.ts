import type { ActiveRun } from "./agent-loop.js";
import { HttpError, isPrefixedUuid4, isRecord, type Scheduler, unprocessable } from "./internal.js";
import type { SseWriter } from "./sse.js";
import type { EmulatorStore } from "./store.js";
import type { LettaFault, RecordedFrame, ScriptedStep, ScriptedTurn } from "./types.js";

/** The emulator internals route handlers work with. */
export interface EmulatorCore {
  readonly store: EmulatorStore;
  readonly scheduler: Scheduler;
  readonly frameDelayMs: number;
  readonly keepaliveMs: number;
  readonly defaultModel: string | null;
  readonly serverVersion: string;
  readonly activeRuns: Map<string, ActiveRun>;
  readonly openStreams: Set<SseWriter>;
  /** Steps for a turn: the next queued script, else the model. */
  resolveSteps(turn: ScriptedTurn): Promise<ScriptedStep[]>;
}

/** One parsed request as a handler sees it. */
export interface RouteInput {
  request: Request;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /**
   * Whether the caller counts as a 1.x SDK for Letta's `is_1_0_sdk_version` (an
   * `X-Stainless-Package-Version` header, no `User-Agent`, or a `letta-client/1.x` one). Other
   * clients get Letta's legacy behaviour: all agent relations loaded, `AgentState` bodies from tool
   * attach/detach, and 422 for `streaming: true`.
   */
  sdk1x: boolean;
  /** A stream fault waiting for the next streaming send (consumed only if the handler streams). */
  takeStreamFault(): LettaFault | null;
  /** Reports a streamed exchange when its stream ends. */
  onStreamClose(frames: RecordedFrame[], aborted: boolean): void;
}

/** A JSON answer, or a stream that reports itself when it ends. */
export type RouteResult = { status: number; body: unknown; headers?: Record<string, string> } | { stream: SseWriter };

export type Handler = (core: EmulatorCore, input: RouteInput) => RouteResult | Promise<RouteResult>;

interface Route {
  method: string;
  template: string;
  segments: string[];
  handler: Handler;
}

/** Matches concrete paths against Letta's templated paths (exact segments, trailing slashes significant). */
export class Router {
  readonly #routes: Route[] = [];

  add(method: string, template: string, handler: Handler): this {
    this.#routes.push({ method, template, segments: template.split("/"), handler });
    return this;
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

const ID_EXAMPLES: Record<string, string> = {
  agent: "agent-123e4567-e89b-42d3-8456-426614174000",
  block: "block-123e4567-e89b-42d3-8456-426614174000",
  tool: "tool-123e4567-e89b-42d3-8456-426614174000",
};

/** Validates a `<prefix>-<uuid4>` path id like Letta's `AgentId`/`BlockId`/`ToolId` (422 otherwise). */
export function pathId(input: RouteInput, name: "agent_id" | "block_id" | "tool_id"): string {
  const value = input.params[name] ?? "";
  const prefix = name.slice(0, -3);
  if (!isPrefixedUuid4(value, prefix)) {
    throw unprocessable(`Invalid ${prefix} ID format: '${value}'. Expected format: '${prefix}-<uuid4>'`, {
      examples: [ID_EXAMPLES[prefix]],
    });
  }
  return value;
}

/** The body as an object (422 when it isn't one). */
export function objectBody(input: RouteInput, optional = false): Record<string, unknown> {
  if (input.body === undefined && optional) return {};
  if (!isRecord(input.body)) throw unprocessable("Input should be a valid dictionary or object to extract fields from");
  return input.body;
}

/** Fails with 422 when required body fields are missing (pydantic's "Field required"). */
export function requireFields(body: Record<string, unknown>, fields: readonly string[]): void {
  const missing = fields.filter((f) => body[f] === undefined);
  if (missing.length > 0) {
    throw unprocessable(missing.map((f) => `body.${f}: Field required`).join("; "));
  }
}

/** A query flag (`true`/`false`), or `fallback` when absent. */
export function queryBool(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const value = query.get(name);
  if (value === null || value === "") return fallback;
  if (value === "true") return true;
  if (value === "false") return false;
  throw unprocessable(`query.${name}: Input should be a valid boolean, unable to interpret input`);
}

/** A query integer, or `fallback` when absent. */
export function queryInt(query: URLSearchParams, name: string, fallback: number | null): number | null {
  const value = query.get(name);
  if (value === null || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw unprocessable(`query.${name}: Input should be a valid integer, unable to parse string as an integer`);
  return n;
}

export const ok = (body: unknown, status = 200): RouteResult => ({ status, body });

export { HttpError };

/** Letta's `is_1_0_sdk_version(headers)`. */
export function isSdk1x(headers: Record<string, string>): boolean {
  if (headers["x-stainless-package-version"] !== undefined) return true;
  const agent = headers["user-agent"];
  if (agent === undefined || agent === "") return true;
  return /^(?:@letta-ai\/)?letta-client\/1\./.test(agent);
}
