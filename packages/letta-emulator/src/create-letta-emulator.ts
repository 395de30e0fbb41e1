import { HttpResponse, http, type RequestHandler } from "msw";
import type { ActiveRun } from "./agent-loop.js";
import { cloneJson, defaultErrorBody, HttpError, isRecord, Scheduler } from "./internal.js";
import { createMemoryChatModel } from "./memory-chat-model.js";
import { notifyExchange, notifyRequest } from "./observers.js";
import { type EmulatorCore, isSdk1x, type RouteInput } from "./router.js";
import { createRoutes } from "./routes.js";
import type { SseWriter } from "./sse.js";
import { createInitialState, EmulatorStore, seedBaseTools } from "./store.js";
import type {
  LettaEmulatorOptions,
  LettaEmulatorState,
  LettaExchange,
  LettaFault,
  RecordedFrame,
  RecordedRequest,
  ScriptedModel,
  ScriptedStep,
  ScriptedTurn,
} from "./types.js";

/** The default origin the emulator answers on (`.invalid` never resolves, so nothing leaks out). */
export const DEFAULT_EMULATOR_BASE_URL = "https://emulator.letta.invalid";

const STREAM_FAULTS = new Set<LettaFault["type"]>([
  "stream-cut",
  "ping-only",
  "stall",
  "malformed-frame",
  "unknown-message-type",
  "stream-error",
]);

/**
 * An in-process emulator of the Letta REST API (`/v1/...`), served through msw request handlers
 * so the real `@letta-ai/letta-client` talks to it over intercepted `fetch`.
 *
 * Create one with {@link createLettaEmulator}; serve it with `setupServer(...emulator.handlers)`
 * (Node), `setupWorker(...)` (browser) or {@link startLettaEmulator}.
 */
export interface LettaEmulator {
  /** The msw handlers. They only answer requests under {@link LettaEmulator.baseUrl}. */
  readonly handlers: RequestHandler[];
  /** The origin the emulator answers on, e.g. `https://emulator.letta.invalid`. Pass it as the SDK's `baseURL`. */
  readonly baseUrl: string;
  /** The live state (agents, blocks, tools, passages, messages, runs). Mutations are visible to the API. */
  readonly state: LettaEmulatorState;
  /** Every request received since creation or the last {@link LettaEmulator.reset}, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Faults waiting to fire; `times` shows how many matching requests each still applies to. */
  readonly faults: readonly LettaFault[];
  /** A deep, JSON-serialisable copy of the state. */
  exportState(): LettaEmulatorState;
  /** Replaces the state with a copy of `state` (e.g. from {@link LettaEmulator.exportState}). Base tools are re-seeded if missing. */
  importState(state: LettaEmulatorState): void;
  /**
   * Back to a fresh state: ends open streams and runs, clears timers, requests, faults and scripts.
   * The model given at creation (or via {@link LettaEmulator.setModel}) is kept.
   */
  reset(): void;
  /** Queues a fault for the next matching request(s). See {@link LettaFault}. Returns the emulator. */
  inject(fault: LettaFault): LettaEmulator;
  /** Removes every queued fault. */
  clearFaults(): void;
  /**
   * Queues exact steps for the next turn, overriding the model once. Call repeatedly to queue
   * several turns. After an approval, remaining steps of the paused turn run before any queue.
   */
  script(steps: ScriptedStep[]): LettaEmulator;
  /** Replaces the scripted model for later turns. */
  setModel(model: ScriptedModel): void;
  /** Resolves when no run is active (including runs whose client disconnected). */
  idle(): Promise<void>;
  /** Number of pending emulator timers (pacing, keepalives); 0 when idle. For leak assertions. */
  readonly pendingTimers: number;
  /** Ends every open stream and run and clears all timers. The emulator stays usable. */
  dispose(): void;
}

function matchesFault(fault: LettaFault, method: string, path: string): boolean {
  const match = fault.match;
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (match.path === undefined) return true;
  return typeof match.path === "string" ? match.path === path : match.path.test(path);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

async function recordRequest(request: Request): Promise<RecordedRequest> {
  const url = new URL(request.url);
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length > 1 ? values : (values[0] ?? "");
  }
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  let body: unknown;
  const text = request.method === "GET" || request.method === "HEAD" ? "" : await request.clone().text();
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { method: request.method, url: request.url, path: url.pathname, query, body, headers };
}

/**
 * Creates a stateful Letta emulator.
 *
 * @example
 * ```ts
 * import Letta from "@letta-ai/letta-client";
 * import { setupServer } from "msw/node";
 * import { createLettaEmulator } from "@openharness/letta/testing";
 *
 * const emulator = createLettaEmulator({ apiKey: "test-key" });
 * const server = setupServer(...emulator.handlers);
 * server.listen();
 * const client = new Letta({ apiKey: "test-key", baseURL: emulator.baseUrl, maxRetries: 0 });
 * const agent = await client.agents.create({
 *   model: "openai/gpt-4o-mini",
 *   memory_blocks: [{ label: "human", value: "" }],
 * });
 * const reply = await client.agents.messages.create(agent.id, { input: "My name is Sam" });
 * ```
 */
export function createLettaEmulator(options: LettaEmulatorOptions = {}): LettaEmulator {
  const baseUrl = (options.baseUrl ?? DEFAULT_EMULATOR_BASE_URL).replace(/\/+$/, "");
  const apiKey = options.apiKey ?? null;
  const env = {
    now: options.now ?? (() => new Date()),
    uuid: options.uuid ?? (() => globalThis.crypto.randomUUID()),
  };
  let model: ScriptedModel = options.model ?? createMemoryChatModel();
  const scriptQueue: ScriptedStep[][] = [];
  const faults: Array<LettaFault & { remaining: number }> = [];
  const requests: RecordedRequest[] = [];
  const store = new EmulatorStore(options.state ? importable(options.state) : createInitialState(env), env);
  if (options.state) seedBaseTools(store.state, env);
  const scheduler = new Scheduler();
  const activeRuns = new Map<string, ActiveRun>();
  const openStreams = new Set<SseWriter>();
  const routes = createRoutes();

  const core: EmulatorCore = {
    store,
    scheduler,
    frameDelayMs: Math.max(0, options.frameDelayMs ?? 0),
    keepaliveMs: Math.max(1, options.keepaliveMs ?? 20_000),
    defaultModel: options.defaultModel ?? null,
    serverVersion: options.serverVersion ?? "0.16.8",
    activeRuns,
    openStreams,
    async resolveSteps(turn: ScriptedTurn) {
      const queued = scriptQueue.shift();
      if (queued) return cloneJson(queued);
      return await model(turn);
    },
  };

  function importable(state: LettaEmulatorState): LettaEmulatorState {
    if (!isRecord(state) || state.version !== 1) throw new Error("Unsupported Letta emulator state (expected version 1)");
    return cloneJson(state);
  }

  function report(exchange: LettaExchange): void {
    try {
      options.onExchange?.(exchange);
    } catch {
      // A throwing listener must not break the emulator.
    }
    notifyExchange(exchange);
  }

  function takeFault(method: string, path: string, streaming: boolean): LettaFault | null {
    const index = faults.findIndex((f) => STREAM_FAULTS.has(f.type) === streaming && matchesFault(f, method, path));
    if (index < 0) return null;
    const fault = faults[index];
    if (!fault) return null;
    fault.remaining--;
    if (fault.remaining <= 0) faults.splice(index, 1);
    const { remaining: _remaining, ...plain } = fault;
    return plain as LettaFault;
  }

  function faultResponse(fault: LettaFault): { status: number; body: unknown; headers: Record<string, string> } | null {
    switch (fault.type) {
      case "status":
        return { status: fault.status, body: fault.body === undefined ? defaultErrorBody(fault.status) : fault.body, headers: { ...fault.headers } };
      case "busy": {
        const runId = fault.runId ?? [...activeRuns.keys()].at(-1) ?? `run-${env.uuid()}`;
        return {
          status: 409,
          body: {
            detail: `CONFLICT: Cannot send a new message: Another request (run_id=${runId}) is currently being processed for this conversation. Please wait for the current request to complete.`,
            run_id: runId,
          },
          headers: {},
        };
      }
      case "pending-approval":
        return {
          status: 409,
          body: {
            detail: {
              code: "PENDING_APPROVAL",
              message:
                "CONFLICT: Cannot send a new message: The agent is waiting for approval on a tool call. Please approve or deny the pending request before continuing.",
              pending_request_id: fault.pendingRequestId ?? `message-${env.uuid()}`,
            },
          },
          headers: {},
        };
      case "rate-limit":
        return {
          status: 429,
          body: { detail: "RATE_LIMIT_EXCEEDED: Rate limit exceeded" },
          headers: { "retry-after": String(fault.retryAfterSeconds ?? 1) },
        };
      default:
        return null;
    }
  }

  function jsonResponse(recorded: RecordedRequest, status: number, body: unknown, headers: Record<string, string>, fault?: LettaFault, exempt?: string) {
    const isText = typeof body === "string" && fault?.type === "status";
    const responseHeaders = { "content-type": isText ? "text/plain; charset=utf-8" : "application/json", ...headers };
    report({
      request: recorded,
      response: { status, headers: responseHeaders, body },
      ...(fault ? { fault } : {}),
      ...(exempt ? { exempt } : {}),
    });
    return new HttpResponse(isText ? (body as string) : JSON.stringify(body), { status, headers: responseHeaders });
  }

  async function handle(request: Request): Promise<Response> {
    const recorded = await recordRequest(request);
    requests.push(recorded);
    notifyRequest(recorded);
    const { method, path } = recorded;

    const fault = takeFault(method, path, false);
    if (fault?.type === "network-error") {
      report({ request: recorded, response: { status: 0, headers: {}, networkError: true }, fault });
      return HttpResponse.error();
    }
    if (fault?.type === "delay") {
      const waited = await scheduler.sleep(fault.ms, request.signal);
      if (!waited) {
        report({ request: recorded, response: { status: 0, headers: {}, networkError: true }, aborted: true, fault });
        return HttpResponse.error();
      }
    }
    if (fault) {
      const injected = faultResponse(fault);
      if (injected) {
        const custom = fault.type === "status" && fault.body !== undefined ? "injected status fault with a custom body" : undefined;
        return jsonResponse(recorded, injected.status, injected.body, injected.headers, fault, custom);
      }
    }

    if (apiKey !== null && path !== "/v1/health/" && recorded.headers.authorization !== `Bearer ${apiKey}`) {
      return jsonResponse(recorded, 401, { detail: "Unauthorized" }, {});
    }

    const matched = routes.match(method, path);
    if (matched === null) {
      // FastAPI's `redirect_slashes`: the same path with/without a trailing slash exists → 307.
      const alternative = path.endsWith("/") ? path.slice(0, -1) : `${path}/`;
      if (routes.match(method, alternative) !== null) {
        const location = new URL(request.url);
        location.pathname = alternative;
        report({ request: recorded, response: { status: 307, headers: { location: location.href } }, exempt: "redirect_slashes redirect" });
        return new HttpResponse(null, { status: 307, headers: { location: location.href } });
      }
      return jsonResponse(recorded, 404, { detail: "Not Found" }, {});
    }
    if (matched === "method-not-allowed") return jsonResponse(recorded, 405, { detail: "Method Not Allowed" }, {});
    if (typeof recorded.body === "string") {
      return jsonResponse(recorded, 422, { detail: "JSON decode error", trace_id: "00000000000000000000000000000000" }, {});
    }

    let streamFaultTaken: LettaFault | null = null;
    const input: RouteInput = {
      request,
      params: matched.params,
      query: new URL(request.url).searchParams,
      body: recorded.body,
      sdk1x: isSdk1x(recorded.headers),
      takeStreamFault: () => {
        streamFaultTaken = takeFault(method, path, true);
        return streamFaultTaken;
      },
      onStreamClose: (frames: RecordedFrame[], aborted: boolean) => {
        const taken = streamFaultTaken as LettaFault | null;
        report({
          request: recorded,
          response: { status: 200, headers: { "content-type": "text/event-stream; charset=utf-8" }, frames },
          ...(aborted ? { aborted: true } : {}),
          ...(taken ? { fault: taken } : {}),
        });
      },
    };
    try {
      const result = await matched.route.handler(core, input);
      if ("stream" in result) return result.stream.response;
      return jsonResponse(recorded, result.status, result.body, result.headers ?? {});
    } catch (error) {
      if (error instanceof HttpError) return jsonResponse(recorded, error.status, error.body, error.headers);
      // An emulator bug: answer like Letta's generic handler, with the cause in a header for debugging.
      const cause = (error instanceof Error ? error.message : String(error)).replace(/[^\x20-\x7e]/g, " ").slice(0, 200);
      return jsonResponse(recorded, 500, { detail: "An unknown error occurred" }, { "x-letta-emulator-error": cause });
    }
  }

  const handlers: RequestHandler[] = [http.all(new RegExp(`^${escapeRegExp(baseUrl)}/`), ({ request }) => handle(request))];

  function dispose(): void {
    for (const active of activeRuns.values()) {
      active.cancelled = true;
      active.controller.abort();
    }
    for (const writer of [...openStreams]) writer.close();
    openStreams.clear();
    scheduler.dispose();
  }

  const emulator: LettaEmulator = {
    handlers,
    baseUrl,
    get state() {
      return store.state;
    },
    requests,
    get faults() {
      return faults.map(({ remaining, ...fault }) => ({ ...fault, times: remaining }) as LettaFault);
    },
    get pendingTimers() {
      return scheduler.pending;
    },
    exportState: () => cloneJson(store.state),
    importState(state) {
      store.state = importable(state);
      seedBaseTools(store.state, env);
    },
    reset() {
      dispose();
      activeRuns.clear();
      store.state = createInitialState(env);
      requests.length = 0;
      faults.length = 0;
      scriptQueue.length = 0;
    },
    inject(fault) {
      const times = fault.times ?? 1;
      if (times > 0) faults.push({ ...fault, remaining: times });
      return emulator;
    },
    clearFaults() {
      faults.length = 0;
    },
    script(steps) {
      scriptQueue.push(cloneJson(steps));
      return emulator;
    },
    setModel(next) {
      model = next;
    },
    async idle() {
      while (activeRuns.size > 0) {
        await Promise.all([...activeRuns.values()].map((a) => a.finished));
      }
    },
    dispose,
  };
  return emulator;
}
