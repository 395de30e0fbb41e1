import type { MessageCreateParamsBase } from "@letta-ai/letta-client/resources/agents/messages";
import { type ExecuteOptions, guardEventStream, PendingApprovalError } from "@openharness/adapter-kit";
import type { ApprovalDecision, ExecutionEvent, JsonObject, ToolCall } from "@openharness/types";
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
  first: (
    signal: AbortSignal,
  ) => Promise<{ params: MessageCreateParamsBase; knownCalls?: readonly ToolCall[]; join?: string }>;
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

  /**
   * The turn's control flow: yields each run to read (and resumes when its frames end, or throws
   * where they failed) and the notes between runs. The frames themselves bypass it (see below).
   */
  async function* runs(): AsyncGenerator<TurnNote | LettaTurn, void, undefined> {
    try {
      const first = await settings.first(turn.signal);
      if (first.knownCalls) mapper.knowCalls(first.knownCalls);
      let params = first.params;
      let join = first.join;
      if (options.memoryEvents !== false) watch = await LettaMemoryWatch.start(ctx, agentId);
      for (;;) {
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
        try {
          yield running;
        } catch (error) {
          if (!PendingApprovalError.isInstance(error) || error.approvalRequest) throw error;
          // A turn left waiting (maybe by another process): say what waits, so the caller can answer it.
          const pending = await pendingOf(ctx, agentId);
          if (!pending) throw error;
          yield note([pending.request]);
          throw new PendingApprovalError({
            message: error.message,
            harness: "Letta",
            domain: "execution",
            operation: "execute",
            cause: error,
            approvalRequest: pending.request,
          });
        }
        // Not in a `finally`: an abort closes this generator first, and the run must still be cancellable.
        running = undefined;
        join = undefined;
        const pending = mapper.pendingApproval();
        if (!pending) return;
        const toDecide = callsToDecide(pending, tools);
        if (toDecide) yield note([toDecide]);
        if (toDecide && !options.onApproval) return;
        let decisions: ApprovalDecision[] = [];
        if (toDecide && options.onApproval) {
          const { type: _event, ...request } = toDecide;
          decisions = decisionsFor(toDecide, pending, await options.onApproval(request, { signal: turn.signal }));
        }
        const items = await lettaApprovalItems(pending, decisions, tools, turn.signal);
        mapper.continueRun();
        const { messages: _messages, input: _input, ...base } = first.params;
        params = approvalParams(items, base);
      }
    } finally {
      options.signal?.removeEventListener("abort", stopTurn);
      stopTurn();
    }
  }

  // The frames of the run being read go straight to the guard, one `then` each: a generator
  // around them would add its own steps to every frame of the turn.
  const control = runs();
  let frames: AsyncIterator<LettaTurnFrame> | undefined;
  /** A tool return was handed out: the next read first asks what it changed (its call id, if one). */
  let afterReturn: { call: string | undefined } | undefined;
  const onControl = (
    step: IteratorResult<TurnNote | LettaTurn>,
  ): Promise<IteratorResult<LettaTurnFrame>> | IteratorResult<LettaTurnFrame> => {
    if (step.done || !("frames" in step.value)) return step as IteratorResult<LettaTurnFrame>;
    frames = step.value.frames[Symbol.asyncIterator]();
    return iterator.next();
  };
  const fail = (error: unknown) => {
    frames = undefined;
    return control.throw(error).then(onControl);
  };
  const onFrame = (step: IteratorResult<LettaTurnFrame>) => {
    if (step.done) {
      frames = undefined;
      return control.next().then(onControl);
    }
    if (watch && step.value.message_type === "tool_return_message") afterReturn = { call: changingCall(step.value) };
    return step;
  };
  const changes = (memory: LettaMemoryWatch, call: string | undefined) =>
    memory.changes(call).then(
      (found): Promise<IteratorResult<LettaTurnFrame>> | IteratorResult<LettaTurnFrame> =>
        found.length > 0 ? { done: false, value: note(found) } : iterator.next(),
      (error: unknown) => {
        frames?.return?.().catch(() => undefined);
        return fail(error);
      },
    );
  const iterator: AsyncIterator<LettaTurnFrame> = {
    next() {
      if (afterReturn && watch) {
        const { call } = afterReturn;
        afterReturn = undefined;
        return changes(watch, call);
      }
      return frames ? frames.next().then(onFrame, fail) : control.next().then(onControl);
    },
    async return() {
      frames?.return?.().catch(() => undefined);
      frames = undefined;
      return (await control.return()) as IteratorResult<LettaTurnFrame>;
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
