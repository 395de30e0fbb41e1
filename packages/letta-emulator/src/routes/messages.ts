import type { Message } from "@letta-ai/letta-client/resources/agents/messages";
import type { ActiveRun, InputMessage, LoopEvent, SendRequest, UsageStatistics } from "../agent/loop-events.js";
import { PENDING_APPROVAL_MESSAGE } from "../agent/loop-events.js";
import { runTurn } from "../agent/run-turn.js";
import type { EmulatedRun } from "../state/emulator-state.js";
import { isRecord } from "../support/json.js";
import { badRequest, conflict, detail, unprocessable } from "../wire/http-error.js";
import { lettaPing } from "../wire/letta-ping.js";
import { RunStreamLog } from "../wire/run-stream-log.js";
import { SseWriter } from "../wire/sse-writer.js";
import { MESSAGE_TYPES } from "../wire/wire-frames.js";
import { ordered, paginate } from "./paginate.js";
import { parseSendRequest, requestValidation } from "./parse-send-request.js";
import { readRunStream, redisUnavailable } from "./run-stream.js";
import { type EmulatorCore, objectBody, ok, pathId, type RouteInput, type RouteResult } from "./route-input.js";
import { type RouteDefinition, route } from "./router.js";

function approvalIds(inputs: readonly InputMessage[]): string[] {
  const ids: string[] = [];
  for (const input of inputs) {
    const items = input.type === "approval" ? input.approvals : input.type === "tool_return" ? input.tool_returns : [];
    for (const item of items) if (typeof item.tool_call_id === "string") ids.push(item.tool_call_id);
  }
  return ids;
}

/** Where a message goes: an agent's default conversation, or one of its conversations. */
export interface SendTarget {
  agentId: string;
  /** The conversation, or null for the agent's default conversation. */
  conversationId: string | null;
  /** The deprecated `/messages/stream` route: streams whatever the body says. */
  forceStreaming: boolean;
  /** The conversations route streams unless told not to (`ConversationMessageRequest.streaming` defaults to true). */
  streamingByDefault?: boolean;
  /** The run's `metadata.run_type`. */
  runType: string;
  /** Checks made once the request is parsed, before the run exists (the conversation-busy 409). */
  admit?: (request: SendRequest) => void;
}

/** `POST /v1/agents/{agent_id}/messages` (and the deprecated `/messages/stream`). */
export function handleSendMessage(
  core: EmulatorCore,
  input: RouteInput,
  forceStreaming: boolean,
): Promise<RouteResult> {
  return sendMessage(core, input, {
    agentId: pathId(input, "agent_id"),
    conversationId: null,
    forceStreaming,
    runType: forceStreaming ? "send_message_streaming" : "send_message",
  });
}

/** Sends a message to an agent's default conversation or to one of its conversations, synchronously or streamed. */
export async function sendMessage(core: EmulatorCore, input: RouteInput, target: SendTarget): Promise<RouteResult> {
  const { store } = core;
  const { forceStreaming } = target;
  const request = parseSendRequest(objectBody(input), forceStreaming, target.streamingByDefault);
  // The agents route's own check (`agents.py`); the conversations route has none.
  if (request.streaming && !input.sdk1x && !forceStreaming && !target.streamingByDefault)
    throw unprocessable("streaming=true is only supported for SDK v1.0+ clients.");
  const agent = store.agent(target.agentId);
  const thread = target.conversationId ?? agent.id;
  // Letta keys a streamed request by its messages' otids (`derive_request_token`).
  const otids = request.inputs.flatMap((m) => (m.otid ? [m.otid] : []));
  const token = otids.length > 0 ? otids.join("|") : null;
  if (request.background && !core.redis) throw redisUnavailable();
  // A route that locks (conversations) first treats a background request it has seen as a retry
  // and answers with the first one's stream (`try_recover_duplicate_request`): nothing is sent twice.
  const earlier = core.runLogs.get(core.runsByOtid.get(token ?? "") ?? "");
  if (target.admit && request.background && earlier)
    return readRunStream(core, input, earlier, 0, request.includePings, input.takeStreamFault());
  target.admit?.(request);

  const pending = store.state.approvals[thread];
  const hasUserInput = request.inputs.some((m) => m.type === "message");
  const responseIds = approvalIds(request.inputs);
  // Deprecated `{approve, approval_request_id}` answers every pending call at once.
  for (const item of request.inputs.flatMap((m) => (m.type === "approval" ? m.approvals : []))) {
    if (item.legacy === true && pending) {
      request.inputs = request.inputs.map((m) =>
        m.type === "approval"
          ? {
              ...m,
              approvals: pending.tool_calls.map((c) => ({
                type: "approval",
                approve: item.approve,
                tool_call_id: c.tool_call_id,
                reason: item.reason ?? null,
              })),
            }
          : m,
      );
      responseIds.splice(0, responseIds.length, ...pending.tool_calls.map((c) => c.tool_call_id));
    }
  }
  if (!hasUserInput || responseIds.length > 0) {
    if (!pending) throw badRequest("Cannot process approval response: No tool call is currently awaiting approval.");
    const expected = pending.tool_calls.map((c) => c.tool_call_id);
    if (expected.length !== responseIds.length || !expected.every((id) => responseIds.includes(id))) {
      throw badRequest(
        `Invalid tool call IDs: Expected '${JSON.stringify(expected)}', but received '${JSON.stringify(responseIds)}'.`,
      );
    }
  }
  if (pending && hasUserInput && !request.streaming) {
    throw detail(409, {
      code: "PENDING_APPROVAL",
      message: `CONFLICT: ${PENDING_APPROVAL_MESSAGE}`,
      pending_request_id: pending.approval_request_id,
    });
  }

  const run: EmulatedRun = {
    id: `run-${store.env.uuid()}`,
    status: "created",
    created_at: store.timestamp(),
    completed_at: null,
    agent_id: agent.id,
    conversation_id: target.conversationId,
    base_template_id: null,
    background: request.background,
    metadata: { run_type: target.runType },
    request_config: {
      use_assistant_message: request.body.use_assistant_message !== false,
      assistant_message_tool_name:
        typeof request.body.assistant_message_tool_name === "string"
          ? request.body.assistant_message_tool_name
          : "send_message",
      assistant_message_tool_kwarg:
        typeof request.body.assistant_message_tool_kwarg === "string"
          ? request.body.assistant_message_tool_kwarg
          : "message",
      include_return_message_types: request.includeTypes
        ? ([...request.includeTypes] as EmulatedRun["request"]["include_return_message_types"])
        : null,
    },
    stop_reason: null,
    callback_url: null,
    callback_sent_at: null,
    callback_status_code: null,
    callback_error: null,
    ttft_ns: null,
    total_duration_ns: null,
    request: {
      streaming: request.streaming,
      stream_tokens: request.streamTokens,
      include_pings: request.includePings,
      background: request.background,
      max_steps: request.maxSteps,
      override_model: request.overrideModel,
      override_system: request.overrideSystem,
      include_return_message_types: request.includeTypes
        ? ([...request.includeTypes] as EmulatedRun["request"]["include_return_message_types"])
        : null,
      client_tools: request.clientTools.map((t) => t.name),
    },
  };
  store.state.runs[run.id] = run;
  // Every streamed run maps its request token and each message otid to its id (`streaming_service.py`
  // `set_otid_run_mapping`): how a client finds a run Letta had not announced yet.
  if (request.streaming) for (const key of token ? [token, ...otids] : []) core.runsByOtid.set(key, run.id);

  const active: ActiveRun = {
    run,
    agentId: agent.id,
    thread,
    cancelled: false,
    controller: new AbortController(),
    finished: Promise.resolve(),
  };
  core.activeRuns.set(run.id, active);
  const start = (emit: (event: LoopEvent) => void, fault: ReturnType<RouteInput["takeStreamFault"]>) => {
    active.finished = runTurn({
      store,
      scheduler: core.scheduler,
      frameDelayMs: core.frameDelayMs,
      agent,
      active,
      request,
      resolveSteps: (turn) => core.resolveSteps(turn),
      fault,
      emit,
    })
      .catch(() => undefined)
      .finally(() => {
        core.activeRuns.delete(run.id);
      });
    return active.finished;
  };

  if (request.streaming && request.background) {
    const fault = input.takeStreamFault();
    const log = new RunStreamLog(run.id);
    core.runLogs.set(run.id, log);
    // The run's first ping is written to the stored stream (`prepend_initial_run_ping`), so it has seq_id 1.
    if (request.includePings)
      log.append({ data: JSON.stringify(lettaPing(run.id, store.env.uuid(), store.env.now(), null)) }, false);
    void start((event) => log.handle(event), fault);
    // The POST answers with a reader of that stream from its start, as `/v1/runs/{run_id}/stream` does.
    return readRunStream(core, input, log, 0, request.includePings, fault);
  }

  if (request.streaming) {
    const fault = input.takeStreamFault();
    // The writer may finish inside its constructor (e.g. a `stream-cut` after the ping), so the close
    // callback must not reach for the `writer` binding before it exists.
    const opened: { writer?: SseWriter } = {};
    const writer = new SseWriter({
      scheduler: core.scheduler,
      keepaliveMs: core.keepaliveMs,
      includePings: request.includePings,
      runId: run.id,
      uuid: () => store.env.uuid(),
      now: () => store.env.now(),
      signal: input.request.signal,
      fault,
      onClose: (frames, aborted) => {
        if (opened.writer) core.openStreams.delete(opened.writer);
        input.onStreamClose(frames, aborted);
      },
    });
    opened.writer = writer;
    if (!writer.closed) core.openStreams.add(writer);
    // The run is not tied to the connection: a client that disconnects without cancelling leaves it
    // running to completion, as on Letta.
    void start((event) => {
      if (!writer.closed) writer.handle(event);
    }, fault);
    return { stream: writer };
  }

  const collected: { messages: Message[]; stopReason: string | null; usage: UsageStatistics | null; failed: boolean } =
    {
      messages: [],
      stopReason: null,
      usage: null,
      failed: false,
    };
  await start((event) => {
    if (event.kind === "message") collected.messages.push(event.message);
    else if (event.kind === "frame" && !("raw" in event.frame) && isRecord(event.frame.data)) {
      const type = event.frame.data.message_type;
      if (type !== "stop_reason" && type !== "usage_statistics" && type !== "ping")
        collected.messages.push(event.frame.data as unknown as Message);
    } else if (event.kind === "stop") collected.stopReason = event.stopReason;
    else if (event.kind === "usage") collected.usage = event.usage;
    else if (event.kind === "error") collected.failed = true;
  }, null);
  if (collected.failed) throw detail(500, "An unknown error occurred");
  return ok({
    messages: collected.messages,
    stop_reason: { message_type: "stop_reason", stop_reason: collected.stopReason ?? "end_turn" },
    usage: collected.usage ?? {
      message_type: "usage_statistics",
      completion_tokens: 0,
      prompt_tokens: 0,
      total_tokens: 0,
      step_count: 0,
      run_ids: null,
      cached_input_tokens: null,
      cache_write_tokens: null,
      reasoning_tokens: null,
      context_tokens: 0,
    },
  });
}

/** Cancels each of `runIds` (runs of `agentId`): `cancelled`, or `failed` for a run that is not the agent's. */
export function cancelRuns(
  core: EmulatorCore,
  agentId: string,
  runIds: readonly string[],
): Record<string, "cancelled" | "failed"> {
  const results: Record<string, "cancelled" | "failed"> = {};
  for (const runId of runIds) {
    const run = core.store.state.runs[runId];
    if (!run || run.agent_id !== agentId) {
      results[runId] = "failed";
      continue;
    }
    const active = core.activeRuns.get(runId);
    if (active && !active.cancelled) {
      active.cancelled = true;
      active.controller.abort();
    }
    results[runId] = "cancelled";
  }
  return results;
}

/** `POST /v1/agents/{agent_id}/messages/cancel`. */
export function cancelRun(core: EmulatorCore, input: RouteInput): RouteResult {
  const agent = core.store.agent(pathId(input, "agent_id"));
  const body = input.body === undefined || input.body === null ? {} : objectBody(input);
  const requested = Array.isArray(body.run_ids) ? body.run_ids.map(String) : null;
  if (requested && requested.length > 0) return ok(cancelRuns(core, agent.id, requested));
  const activeIds = [...core.activeRuns.values()]
    .filter((a) => a.agentId === agent.id && !a.cancelled)
    .map((a) => a.run.id);
  if (activeIds.length === 0) throw conflict(`CONFLICT: No active runs to cancel for agent ${agent.id}`);
  return ok(cancelRuns(core, agent.id, activeIds));
}

/** `GET /v1/agents/{agent_id}/messages`. */
export function handleListMessages(core: EmulatorCore, input: RouteInput): RouteResult {
  const agent = core.store.agent(pathId(input, "agent_id"));
  const q = input.query;
  const types = q.getAll("include_return_message_types");
  for (const type of types) {
    if (!(MESSAGE_TYPES as readonly string[]).includes(type))
      throw requestValidation(`query.include_return_message_types: Input should be one of ${MESSAGE_TYPES.join(", ")}`);
  }
  let messages = core.store
    .messagesOf(agent.id)
    .filter((m) => types.length === 0 || types.includes(m.message_type ?? ""));
  messages = ordered(messages, q, "desc");
  return ok(paginate(messages, (m) => m.id, q, 100));
}

/** `/v1/agents/{agent_id}/messages`: send (sync or streamed), the deprecated `/stream`, cancel, history. */
export const messageRoutes: readonly RouteDefinition[] = [
  route("POST", "/v1/agents/{agent_id}/messages", (core, input) => handleSendMessage(core, input, false)),
  route("POST", "/v1/agents/{agent_id}/messages/stream", (core, input) => handleSendMessage(core, input, true)),
  route("POST", "/v1/agents/{agent_id}/messages/cancel", cancelRun),
  route("GET", "/v1/agents/{agent_id}/messages", handleListMessages),
];
