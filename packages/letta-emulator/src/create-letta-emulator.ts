import { HttpResponse, http, type RequestHandler } from "msw";
import type { ActiveRun } from "./agent/loop-events.js";
import { faultAnswer } from "./faults/fault-answer.js";
import { FaultQueue } from "./faults/fault-queue.js";
import type { LettaFault } from "./faults/letta-fault.js";
import type { LettaEmulator } from "./letta-emulator.js";
import type { LettaEmulatorOptions } from "./letta-emulator-options.js";
import { createMemoryChatModel } from "./model/memory-chat-model.js";
import type { ScriptedModel, ScriptedStep, ScriptedTurn } from "./model/scripted-model.js";
import { notifyExchange, notifyRequest } from "./observe-letta-exchanges.js";
import { createRoutes } from "./routes/create-routes.js";
import { type EmulatorCore, isSdk1x, type RouteInput } from "./routes/route-input.js";
import { EmulatorStore } from "./state/emulator-store.js";
import { createInitialState, importableState } from "./state/state-snapshot.js";
import { cloneJson } from "./support/json.js";
import { Scheduler } from "./support/scheduler.js";
import { HttpError } from "./wire/http-error.js";
import type { LettaExchange, RecordedFrame, RecordedRequest } from "./wire/letta-exchange.js";
import { recordRequest } from "./wire/record-request.js";
import type { RunStreamLog } from "./wire/run-stream-log.js";
import type { SseWriter } from "./wire/sse-writer.js";

/** The default origin the emulator answers on (`.invalid` never resolves, so nothing leaks out). */
export const DEFAULT_EMULATOR_BASE_URL = "https://emulator.letta.invalid";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Creates a stateful Letta emulator.
 *
 * @example
 * ```ts
 * import Letta from "@letta-ai/letta-client";
 * import { setupServer } from "msw/node";
 * import { createLettaEmulator } from "@openharness/letta-emulator";
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
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const store = new EmulatorStore(options.state ? importableState(options.state, env) : createInitialState(env), env);
  const scheduler = new Scheduler();
  const activeRuns = new Map<string, ActiveRun>();
  const openStreams = new Set<SseWriter>();
  const runLogs = new Map<string, RunStreamLog>();
  const runsByOtid = new Map<string, string>();
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
    runLogs,
    runsByOtid,
    redis: options.redis ?? true,
    async resolveSteps(turn: ScriptedTurn) {
      const queued = scriptQueue.shift();
      if (queued) return cloneJson(queued);
      return await model(turn);
    },
  };

  function report(exchange: LettaExchange): void {
    try {
      options.onExchange?.(exchange);
    } catch {
      // A throwing listener must not break the emulator.
    }
    notifyExchange(exchange);
  }

  function jsonResponse(
    recorded: RecordedRequest,
    status: number,
    body: unknown,
    headers: Record<string, string>,
    fault?: LettaFault,
    exempt?: string,
  ) {
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

    const fault = faults.take(method, path, false);
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
    // Cloud's router passes `POST /v1/agents` straight to the handler, where FastAPI would redirect.
    const cloudDirect = fault?.type === "cloud-router" && !path.endsWith("/");
    if (fault && !cloudDirect) {
      const injected = faultAnswer(fault, { latestRunId: [...activeRuns.keys()].at(-1), uuid: env.uuid });
      if (injected) {
        const custom =
          fault.type === "status" && fault.body !== undefined
            ? "injected status fault with a custom body"
            : fault.type === "cloud-router"
              ? "Letta Cloud's router answers, not Letta"
              : fault.type === "provider-error"
                ? "model-provider error body of Letta's app.py handlers, not in the OpenAPI spec"
                : undefined;
        return jsonResponse(recorded, injected.status, injected.body, injected.headers, fault, custom);
      }
    }

    if (apiKey !== null && path !== "/v1/health/" && recorded.headers.authorization !== `Bearer ${apiKey}`) {
      return jsonResponse(recorded, 401, { detail: "Unauthorized" }, {});
    }

    const matched = routes.match(method, cloudDirect ? `${path}/` : path);
    const cloudExempt = cloudDirect
      ? "Cloud's router: POST /v1/agents reaches the POST /v1/agents/ handler"
      : undefined;
    if (matched === null) {
      // FastAPI's `redirect_slashes`: the same path with/without a trailing slash exists → 307.
      const alternative = path.endsWith("/") ? path.slice(0, -1) : `${path}/`;
      if (routes.match(method, alternative) !== null) {
        const location = new URL(request.url);
        location.pathname = alternative;
        report({
          request: recorded,
          response: { status: 307, headers: { location: location.href } },
          exempt: "redirect_slashes redirect",
        });
        return new HttpResponse(null, { status: 307, headers: { location: location.href } });
      }
      return jsonResponse(recorded, 404, { detail: "Not Found" }, {});
    }
    if (matched === "method-not-allowed") return jsonResponse(recorded, 405, { detail: "Method Not Allowed" }, {});
    if (typeof recorded.body === "string") {
      return jsonResponse(
        recorded,
        422,
        { detail: "JSON decode error", trace_id: "00000000000000000000000000000000" },
        {},
      );
    }

    let streamFaultTaken: LettaFault | null = null;
    const input: RouteInput = {
      request,
      params: matched.params,
      query: fault?.type === "ignore-cursor" ? withoutCursors(request.url) : new URL(request.url).searchParams,
      body: recorded.body,
      sdk1x: isSdk1x(recorded.headers),
      takeStreamFault: () => {
        streamFaultTaken = faults.take(method, path, true);
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
      return jsonResponse(recorded, result.status, result.body, result.headers ?? {}, undefined, cloudExempt);
    } catch (error) {
      if (error instanceof HttpError)
        return jsonResponse(recorded, error.status, error.body, error.headers, undefined, cloudExempt);
      // An emulator bug: answer like Letta's generic handler, with the cause in a header for debugging.
      const cause = (error instanceof Error ? error.message : String(error))
        .replace(/[^\x20-\x7e]/g, " ")
        .slice(0, 200);
      return jsonResponse(recorded, 500, { detail: "An unknown error occurred" }, { "x-letta-emulator-error": cause });
    }
  }

  const handlers: RequestHandler[] = [
    http.all(new RegExp(`^${escapeRegExp(baseUrl)}/`), ({ request }) => handle(request)),
  ];

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
      return faults.list();
    },
    get pendingTimers() {
      return scheduler.pending;
    },
    exportState: () => cloneJson(store.state),
    importState(state) {
      store.state = importableState(state, env);
    },
    reset() {
      dispose();
      activeRuns.clear();
      runLogs.clear();
      runsByOtid.clear();
      store.state = createInitialState(env);
      requests.length = 0;
      faults.clear();
      scriptQueue.length = 0;
    },
    inject(fault) {
      faults.add(fault);
      return emulator;
    },
    clearFaults() {
      faults.clear();
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

/** The query without paging cursors, as a server that ignores them reads it. */
function withoutCursors(url: string): URLSearchParams {
  const query = new URL(url).searchParams;
  query.delete("after");
  query.delete("before");
  return query;
}
