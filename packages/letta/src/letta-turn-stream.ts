import type { MessageCreateParamsBase } from "@letta-ai/letta-client/resources/agents/messages";
import { type ExecuteOptions, guardEventStream, PendingApprovalError } from "@openharness/adapter-kit";
import type { ApprovalDecision, ApprovalRequestEvent, ExecutionEvent, JsonObject, ToolCall } from "@openharness/types";
import type { ClientToolRunner } from "./client-tool-runner";
import {
  approvalParams,
  callsToDecide,
  convertLettaApprovalRequest,
  decisionsFor,
  lettaApprovalItems,
} from "./letta-approvals";
import type { LettaContext } from "./letta-context";
import { LettaMemoryWatch } from "./letta-memory-watch";
import {
  LettaStreamMapper,
  type LettaTurnFrame,
  type PendingLettaApproval,
  type TurnNote,
} from "./letta-stream-mapper";
import { type LettaTurn, openLettaTurn } from "./open-letta-turn";

/** What a turn sends first (see {@link LettaTurnStreamSettings.first}). */
export interface FirstRequest {
  params: MessageCreateParamsBase;
  knownCalls?: readonly ToolCall[];
  join?: string;
}

/** One turn as the adapter runs it, maybe over several Letta runs. */
export interface LettaTurnStreamSettings {
  agentId: string;
  /** The Letta conversation (session) the turn runs in. */
  conversationId?: string;
  /**
   * The first request: the user's message, or the answer to a pending approval (made once the
   * stream is read, after reading what is pending), with the calls made before this stream, so
   * their returns keep their names; or, with `join`, a run already going on Letta to read instead
   * of sending (`params` then only shape the requests after an approval).
   */
  first: (signal: AbortSignal) => Promise<FirstRequest>;
  options: Pick<ExecuteOptions, "signal" | "includeThinking" | "onApproval"> & { memoryEvents?: boolean };
  tools: ClientToolRunner;
  requestMetadata?: JsonObject;
}

/** Why a turn's own signal aborts when the turn ends: one shared reason, not a new DOMException (and its stack) per turn. */
const TURN_OVER = new DOMException("The turn is over.", "AbortError");

const note = (events: TurnNote["events"]): TurnNote => ({ message_type: "openharness_events", events });

/** The id of the only successful return of a tool-return frame: the call a memory change belongs to. */
function changingCall(frame: LettaTurnFrame): string | undefined {
  if (frame.message_type !== "tool_return_message") return undefined;
  const returns = frame.tool_returns?.length ? frame.tool_returns : [frame];
  const succeeded = returns.filter((entry) => entry.status === "success");
  return succeeded.length === 1 ? (succeeded[0]?.tool_call_id ?? undefined) : undefined;
}

/** Reads the agent's pending approval, for a turn refused because one is waiting. */
async function pendingOf(ctx: LettaContext, agentId: string): Promise<PendingLettaApproval | undefined> {
  const agent = await ctx.client.agents
    .retrieve(agentId, { include: ["agent.pending_approval"] })
    .catch(() => undefined);
  return agent?.pending_approval ? convertLettaApprovalRequest(agent.pending_approval) : undefined;
}

/**
 * One turn as OpenHarness events, however many Letta runs it takes: when a run stops for an
 * approval, the turn emits `approval_request`, runs the caller's client tools, asks `onApproval`
 * for the rest, sends the answers and reads the next run in the same stream, so the caller sees
 * one turn with one `done` whose usage sums every run. Without `onApproval` (and with calls left
 * to decide) it ends with `done { stop_reason: "requires_approval" }`. Memory changes are read
 * from Letta after each tool return and emitted as `memory_update`. All of this state lives in
 * the turn and its mapper, not the transport, so a resumed stream keeps it.
 */
export function lettaTurnStream(ctx: LettaContext, settings: LettaTurnStreamSettings): AsyncIterable<ExecutionEvent> {
  const { agentId, options, tools } = settings;
  const mapper = new LettaStreamMapper({
    includeThinking: options.includeThinking,
    requestMetadata: settings.requestMetadata,
  });
  // The turn's own signal: the caller's, and the end of the stream (a client tool never outlives its turn).
  const turn = new AbortController();
  const stopTurn = () => turn.abort(options.signal?.aborted ? options.signal.reason : TURN_OVER);
  options.signal?.addEventListener("abort", stopTurn, { once: true });
  let running: LettaTurn | undefined;
  let watch: LettaMemoryWatch | undefined;
  /** The first request's parameters: the base of the requests that answer an approval. */
  let firstParams: MessageCreateParamsBase | undefined;
  let join: string | undefined;
  /** The run being read: its frames go straight to the guard, one `then` each. */
  let frames: AsyncIterator<LettaTurnFrame> | undefined;
  /** A tool return was handed out: the next read first asks what it changed (its call id, if one). */
  let afterReturn: { call: string | undefined } | undefined;
  /** Notes to hand out before anything else, then maybe the error the turn fails with. */
  const notes: TurnNote[] = [];
  let failure: { error: unknown } | undefined;
  /** What comes when no run is being read and the notes are out: the first send, a decision between runs, or the end. */
  let stage: "start" | "reading" | { decide: PendingLettaApproval; toDecide?: ApprovalRequestEvent } | "over" = "start";
  let ended = false;
  // Not a generator: an async generator for the control flow cost ~7% of the time to the first
  // text (its creation and each resumption), so the stages below are plain async steps.
  const end = () => {
    if (ended) return;
    ended = true;
    options.signal?.removeEventListener("abort", stopTurn);
    stopTurn();
  };
  const open = (params: MessageCreateParamsBase) => {
    running = openLettaTurn({
      client: ctx.client,
      agentId,
      conversationId: settings.conversationId,
      params,
      join,
      idleTimeoutMs: ctx.options.idleTimeoutMs,
      resumeAttempts: ctx.options.resumeAttempts,
      backgroundStreams: ctx.backgroundStreams,
      signal: turn.signal,
      runId: () => mapper.runId,
      finished: () => mapper.stopReason !== undefined,
      mapError: (error) =>
        ctx.mapError(error, {
          operation: "execute",
          resource: "agent",
          resourceId: agentId,
          domain: "execution",
          // Read when the error arrives: the stop reason Letta sent just before it decides recoverability.
          stopReason: mapper.stopReason,
        }),
    });
    frames = running.frames[Symbol.asyncIterator]();
  };
  /** The first send (with the memory read it starts from). */
  const start = async (request: FirstRequest) => {
    firstParams = request.params;
    if (request.knownCalls) mapper.knowCalls(request.knownCalls);
    join = request.join;
    if (options.memoryEvents !== false) watch = await LettaMemoryWatch.start(ctx, agentId);
    open(request.params);
  };
  /** A run ended: the turn is over, or an approval waits (its request handed out first, if any). */
  const between = () => {
    // Cleared here, not at the end of the turn: an abort ends the turn first, and the run must still be cancellable.
    running = undefined;
    join = undefined;
    const pending = mapper.pendingApproval();
    if (!pending) {
      stage = "over";
      return;
    }
    const toDecide = callsToDecide(pending, tools);
    if (toDecide) notes.push(note([toDecide]));
    stage = toDecide && !options.onApproval ? "over" : { decide: pending, toDecide };
  };
  /** The answers to a pending approval (the caller's decisions, the client tools' returns), sent as the next run. */
  const decide = async (pending: PendingLettaApproval, toDecide: ApprovalRequestEvent | undefined) => {
    let decisions: ApprovalDecision[] = [];
    if (toDecide && options.onApproval) {
      const { type: _event, ...request } = toDecide;
      decisions = decisionsFor(toDecide, pending, await options.onApproval(request, { signal: turn.signal }));
    }
    const items = await lettaApprovalItems(pending, decisions, tools, turn.signal);
    mapper.continueRun();
    const { messages: _messages, input: _input, ...base } = firstParams as MessageCreateParamsBase;
    open(approvalParams(items, base));
  };
  /** A run failed: its error, or, for a turn left waiting by another process, what waits and then the error. */
  const failed = async (error: unknown) => {
    if (!PendingApprovalError.isInstance(error) || error.approvalRequest) throw error;
    const pending = await pendingOf(ctx, agentId);
    if (!pending) throw error;
    notes.push(note([pending.request]));
    failure = {
      error: new PendingApprovalError({
        message: error.message,
        harness: "Letta",
        domain: "execution",
        operation: "execute",
        cause: error,
        approvalRequest: pending.request,
      }),
    };
  };
  /** Runs one async step of the turn, then reads on; a step that throws ends the turn with its error. */
  const after = (work: Promise<void>) =>
    work.then(
      () => iterator.next(),
      (error: unknown) => {
        end();
        throw error;
      },
    );
  const fail = (error: unknown) => {
    frames = undefined;
    return after(failed(error));
  };
  const onFrame = (step: IteratorResult<LettaTurnFrame>) => {
    if (step.done) {
      frames = undefined;
      // An aborted turn goes no further (and its run stays known, to be cancelled).
      if (!turn.signal.aborted) between();
      return iterator.next();
    }
    if (watch && step.value.message_type === "tool_return_message") afterReturn = { call: changingCall(step.value) };
    return step;
  };
  const iterator: AsyncIterator<LettaTurnFrame> = {
    next() {
      if (afterReturn && watch) {
        const { call } = afterReturn;
        afterReturn = undefined;
        return watch.changes(call).then(
          (found): Promise<IteratorResult<LettaTurnFrame>> | IteratorResult<LettaTurnFrame> =>
            found.length > 0 ? { done: false, value: note(found) } : iterator.next(),
          (error: unknown) => {
            frames?.return?.().catch(() => undefined);
            return fail(error);
          },
        );
      }
      // While a run is read there are no notes: they come between runs, or after a failed one.
      if (frames) return frames.next().then(onFrame, fail);
      const value = notes.shift();
      if (value) return Promise.resolve({ done: false, value });
      if (failure) {
        end();
        return Promise.reject(failure.error);
      }
      if (turn.signal.aborted) stage = "over";
      if (stage === "start") {
        stage = "reading";
        return after(settings.first(turn.signal).then(start));
      }
      if (typeof stage === "object") {
        const { decide: pending, toDecide } = stage;
        stage = "reading";
        return after(decide(pending, toDecide));
      }
      end();
      return Promise.resolve({ done: true, value: undefined });
    },
    async return() {
      frames?.return?.().catch(() => undefined);
      frames = undefined;
      end();
      return { done: true, value: undefined };
    },
  };

  return guardEventStream(
    { [Symbol.asyncIterator]: () => iterator },
    {
      signal: options.signal,
      mapper,
      // A disconnect alone leaves the run going on Letta: cancel it before reporting `cancelled`.
      // Between runs (a client tool or onApproval at work) nothing runs on Letta.
      onAbort: () => running?.cancel(),
    },
  );
}
