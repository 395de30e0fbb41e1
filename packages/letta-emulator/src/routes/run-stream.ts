import type { LettaFault } from "../faults/letta-fault.js";
import type { EmulatedRun } from "../state/emulator-state.js";
import { isRecord } from "../support/json.js";
import { badRequest, detail, notFound } from "../wire/http-error.js";
import type { RunStreamLog } from "../wire/run-stream-log.js";
import { SseWriter } from "../wire/sse-writer.js";
import { threadOf } from "./conversations.js";
import type { EmulatorCore, RouteInput, RouteResult } from "./route-input.js";
import { type RouteDefinition, route } from "./router.js";

const NOT_BACKGROUND = "Run was not created in background mode, so it cannot be retrieved.";

/**
 * Letta's 503 for anything that needs its Redis stream when the server has no Redis: a background
 * send (`streaming_service.py` `create_agent_stream`, `LettaServiceUnavailableError` → `app.py`'s 503
 * handler) and stream retrieval (`runs.py`, `conversations.py`: `HTTPException(503)`).
 */
export function redisUnavailable(): Error {
  return detail(
    503,
    "Background streaming requires Redis to be running. Please ensure Redis is properly configured. LETTA_REDIS_HOST: None, LETTA_REDIS_PORT: 6379",
  );
}

/**
 * A reader of a background run's stored stream: the chunks after `startingAfter`, then live ones,
 * until the `[DONE]` chunk; keepalive pings (not stored) carry the last chunk's `seq_id`. Stream
 * faults apply to this connection only; the run goes on whatever happens to it.
 */
export function readRunStream(
  core: EmulatorCore,
  input: RouteInput,
  log: RunStreamLog,
  startingAfter: number,
  includePings: boolean,
  fault: LettaFault | null,
): RouteResult {
  let stopFollowing = () => {};
  const opened: { writer?: SseWriter } = {};
  const writer = new SseWriter({
    scheduler: core.scheduler,
    keepaliveMs: core.keepaliveMs,
    includePings,
    // The run's first ping is a stored chunk (`prepend_initial_run_ping` runs before the Redis writer).
    initialPing: false,
    runId: log.runId,
    uuid: () => core.store.env.uuid(),
    now: () => core.store.env.now(),
    signal: input.request.signal,
    fault,
    onClose: (frames, aborted) => {
      stopFollowing();
      if (opened.writer) core.openStreams.delete(opened.writer);
      input.onStreamClose(frames, aborted);
    },
  });
  opened.writer = writer;
  if (!writer.closed) {
    core.openStreams.add(writer);
    stopFollowing = log.follow(startingAfter, (entry) => writer.relay(entry));
  }
  return { stream: writer };
}

/** The stored stream of `run` from the request body's `starting_after`, or Letta's refusal. */
function streamOf(core: EmulatorCore, input: RouteInput, run: EmulatedRun): RouteResult {
  // `runs.py` refuses a run not started in background mode with this 400. `conversations.py` checks it
  // only for the active-run lookup; by run id or otid it would read an empty Redis stream until its
  // poll gives up, which the emulator answers with the same 400 rather than hang.
  if (!run.background) throw badRequest(NOT_BACKGROUND);
  const log = core.runLogs.get(run.id);
  // A run from imported state has no stored stream: what Letta says once the stream expired (410).
  if (!log) throw detail(410, "Run was created more than 3 hours ago, and is now expired.");
  if (!core.redis) throw redisUnavailable();
  const body = isRecord(input.body) ? input.body : {};
  const startingAfter = typeof body.starting_after === "number" ? body.starting_after : 0;
  return readRunStream(core, input, log, startingAfter, body.include_pings !== false, input.takeStreamFault());
}

/** `POST /v1/runs/{run_id}/stream` (`routers/v1/runs.py` `retrieve_stream_for_run`). */
function retrieveRunStream(core: EmulatorCore, input: RouteInput): RouteResult {
  const runId = input.params.run_id ?? "";
  const run = core.store.state.runs[runId];
  if (!run) throw notFound(`Run with id '${runId}' not found`);
  return streamOf(core, input, run);
}

/**
 * `POST /v1/conversations/{conversation_id}/stream` (`conversations.py` `retrieve_conversation_stream`):
 * the run named by `run_id`, else the run of a message `otid`, else the conversation's latest
 * active run (`default` + `agent_id`: the agent's).
 */
function retrieveConversationStream(core: EmulatorCore, input: RouteInput): RouteResult {
  if (!core.redis) throw redisUnavailable();
  const body = isRecord(input.body) ? input.body : {};
  if (typeof body.run_id === "string") {
    const run = core.store.state.runs[body.run_id];
    if (!run) throw notFound(`Run ${body.run_id} not found.`);
    return streamOf(core, input, run);
  }
  if (typeof body.otid === "string") {
    const run = core.store.state.runs[core.runsByOtid.get(body.otid) ?? ""];
    if (!run) throw notFound(`No run found for otid=${body.otid}. The run may have expired or never existed.`);
    return streamOf(core, input, run);
  }
  const thread = threadOf(core, input, body.agent_id);
  const active = [...core.activeRuns.values()]
    .filter((a) => (thread.conversationId ? a.thread === thread.conversationId : a.agentId === thread.agentId))
    .at(-1);
  if (!active) throw badRequest("No active runs found for this conversation.");
  return streamOf(core, input, active.run);
}

/** Re-attaching to a background run's stream. */
export const runStreamRoutes: readonly RouteDefinition[] = [
  route("POST", "/v1/runs/{run_id}/stream", retrieveRunStream),
  route("POST", "/v1/conversations/{conversation_id}/stream", retrieveConversationStream),
];
