import type { ActiveRun } from "../agent/loop-events.js";
import type { LettaFault } from "../faults/letta-fault.js";
import type { ScriptedStep, ScriptedTurn } from "../model/scripted-model.js";
import { AGENT_RELATIONS, type EmulatorStore } from "../state/emulator-store.js";
import { isRecord } from "../support/json.js";
import type { Scheduler } from "../support/scheduler.js";
import { unprocessable } from "../wire/http-error.js";
import type { RecordedFrame } from "../wire/letta-exchange.js";
import type { RunStreamLog } from "../wire/run-stream-log.js";
import type { SseWriter } from "../wire/sse-writer.js";

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
  /** The stored streams of background runs, by run id (Letta's Redis `sse:run:{run_id}`). */
  readonly runLogs: Map<string, RunStreamLog>;
  /** Run ids by the otid of a message that started them, and by the otids' request token (Letta's Redis mapping). */
  readonly runsByOtid: Map<string, string>;
  /** Whether the server has Redis: background streams need it. */
  readonly redis: boolean;
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

/** The id patterns Letta validates path ids against (`<prefix>-<uuid4>`). */
function isPrefixedUuid4(id: string, prefix: string): boolean {
  return new RegExp(`^${prefix}-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).test(id);
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
  if (!Number.isInteger(n))
    throw unprocessable(`query.${name}: Input should be a valid integer, unable to parse string as an integer`);
  return n;
}

export const ok = (body: unknown, status = 200): RouteResult => ({ status, body });

/** Letta's `is_1_0_sdk_version(headers)`. */
export function isSdk1x(headers: Record<string, string>): boolean {
  if (headers["x-stainless-package-version"] !== undefined) return true;
  const agent = headers["user-agent"];
  if (agent === undefined || agent === "") return true;
  return /^(?:@letta-ai\/)?letta-client\/1\./.test(agent);
}

/** The relations to load: `include` for 1.x SDK clients; everything for other clients (Letta's legacy default). */
export function includeSet(input: RouteInput): Set<string> | "all" {
  const include = input.query.getAll("include");
  for (const relation of include) {
    if (!(AGENT_RELATIONS as readonly string[]).includes(relation)) {
      throw unprocessable(`query.include: Input should be ${AGENT_RELATIONS.map((r) => `'${r}'`).join(", ")}`);
    }
  }
  return input.sdk1x ? new Set(include) : "all";
}
