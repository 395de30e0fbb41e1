import type Letta from "@letta-ai/letta-client";
import { APIConnectionError, APIUserAbortError } from "@letta-ai/letta-client";
import type {
  LettaResponse,
  LettaStreamingResponse,
  MessageCreateParamsBase,
} from "@letta-ai/letta-client/resources/agents/messages";
import { StreamInterruptedError } from "@openharness/adapter-kit";
import { isNoRedis, isRefusal } from "./letta-background-refusal";
import { NO_RETRY } from "./letta-input-schemas";
import { lettaResponseFrames } from "./letta-response-frames";
import { LettaSseFrames } from "./letta-sse-frames";
import { LettaStreamCursor } from "./letta-stream-cursor";

/** What {@link openLettaTurn} needs to send one message and watch its answer. */
export interface LettaTurnSettings {
  client: Letta;
  agentId: string;
  /** The Letta conversation the turn runs in (`ExecuteRequest.session_id`); the agent's default one when absent. */
  conversationId?: string;
  params: MessageCreateParamsBase;
  /** A run already going on Letta to read instead of sending `params` (which then only shape later requests). */
  join?: string;
  /** A turn with no data for this long (not even a keepalive ping) ends with `StreamInterruptedError`. */
  idleTimeoutMs: number;
  /** Re-attach attempts in a row after a dropped stream (0: plain streams, never resumed). */
  resumeAttempts: number;
  /** Whether the server keeps background streams: false once it said it has no Redis (shared by the adapter's turns). */
  backgroundStreams: { available: boolean };
  /** The caller's signal: aborting it aborts the HTTP request. */
  signal?: AbortSignal;
  /** The run id known so far, for the watchdog's error, re-attaching and cancelling. */
  runId: () => string | undefined;
  /** Whether Letta's stop reason has arrived: the turn is over, whatever the socket does next. */
  finished: () => boolean;
  /** What the SDK threw → the typed error the turn fails with. */
  mapError: (error: unknown) => unknown;
}

/** One turn on Letta: its frames, read once, and the way to cancel its run. */
export interface LettaTurn {
  /** The frames of the turn's stream (and of the streams it was resumed from), or the synchronous response's. */
  readonly frames: AsyncIterable<LettaStreamingResponse>;
  /** Cancels the run on Letta if the message was sent; a 409 means nothing was running any more. */
  cancel(): Promise<unknown>;
}

/** One HTTP request of the turn: the send, or a re-attach. */
interface Connection {
  readonly controller: AbortController;
  body?: LettaSseFrames;
  /** The watchdog ended this connection: Letta sent nothing for the idle timeout. */
  idle?: StreamInterruptedError;
  /** Settles the request still waiting for Letta's answer (how the watchdog ends it without the SDK). */
  failOpen?: (error: unknown) => void;
}

/** How long a turn whose stop reason arrived waits for the rest (usage, `[DONE]`) before it ends itself. */
const AFTER_STOP_REASON_MS = 3_000;
/** The wait before a second re-attach in a row (ms), doubled for each further one, up to the cap. */
const RETRY_MS = 250;
const RETRY_CAP_MS = 4_000;

/** The reason a turn's request is aborted with: one shared `AbortError`, not a new DOMException (and its stack) per request. */
const REQUEST_STOPPED = new DOMException("The request was stopped.", "AbortError");

const describe = (error: unknown) => (error instanceof Error && error.message ? error.message : String(error));

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * Sends the message when the frames are first read and reads Letta's answer as a plain async
 * iterator: the SDK sends the request, {@link LettaSseFrames} decodes the body, SDK failures
 * become typed errors. Streams are sent in background mode, so a stream that drops (a reset, a
 * close without a stop reason, the idle watchdog) is re-attached to the same run after the last
 * `seq_id` read (by run id, or by the message's `otid` when Letta had not announced the run yet):
 * the message is never sent again, no frame is read twice. When re-attaching fails, or without
 * background streams, the turn ends with `StreamInterruptedError` (run id, recoverable). Once the
 * stop reason is in, a short silence or a dropped connection ends the turn as finished.
 */
export function openLettaTurn(settings: LettaTurnSettings): LettaTurn {
  const { client, agentId, conversationId, params, idleTimeoutMs, signal } = settings;
  const otid = (params.messages?.[0] as { otid?: string | null } | undefined)?.otid ?? undefined;
  let current: Connection = { controller: new AbortController() };
  let upstream: AsyncIterator<LettaStreamingResponse> | undefined;
  let background = false;
  let sent = false;
  let closed = false;
  let lastData = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cursor = new LettaStreamCursor();
  let attemptsLeft = settings.resumeAttempts;
  let failuresInRow = 0;
  /** The send failed before Letta answered: if no run turns up for the message, this is the turn's error. */
  let unanswered: unknown;

  // Aborting from a microtask, not straight from a timer or listener: msw's mocked sockets (the
  // emulator) otherwise close after the abort and trip an assertion inside undici. Harmless on a real socket.
  const abortCurrent = () => {
    const { controller } = current;
    queueMicrotask(() => controller.abort(REQUEST_STOPPED));
  };
  const stop = () => {
    closed = true;
    clearTimeout(timer);
    signal?.removeEventListener("abort", abortCurrent);
  };
  // One timer per turn, re-armed for what is left of the window, instead of one per frame.
  const watch = () => {
    if (closed) return;
    const finished = settings.finished();
    const window = finished ? Math.min(idleTimeoutMs, AFTER_STOP_REASON_MS) : idleTimeoutMs;
    const quiet = Date.now() - lastData;
    if (quiet < window) {
      timer = setTimeout(watch, Math.min(window - quiet, AFTER_STOP_REASON_MS));
      return;
    }
    abortCurrent();
    if (finished) {
      // The stop reason is in and the socket stays open (wire fact 1): the turn is over, not failed.
      stop();
      current.body?.finish();
      return;
    }
    const runId = settings.runId();
    const still = runId ? `; run ${runId} may still be running` : "";
    const idle = new StreamInterruptedError({
      harness: "Letta",
      message: `Letta sent nothing for ${idleTimeoutMs} ms (not even a keepalive ping)${still}.`,
      runId,
    });
    current.idle = idle;
    current.failOpen?.(idle);
    current.body?.fail(idle);
  };
  const arm = () => {
    lastData = Date.now();
    clearTimeout(timer);
    timer = setTimeout(watch, idleTimeoutMs);
  };

  /** How a connection's body ended → the error it fails with (`undefined`: it ended normally). */
  const ending = (connection: Connection, error?: unknown, dropped = false) => {
    if (error === undefined || connection.idle) return connection.idle;
    if (!dropped) return settings.mapError(error);
    // A dropped connection (wire fact 2): after the stop reason nothing is lost; before it, the run
    // may still be going on the server.
    if (settings.finished()) return undefined;
    const runId = settings.runId();
    const still = runId ? `; run ${runId} may still be running` : "";
    return new StreamInterruptedError({
      harness: "Letta",
      message: `The connection to Letta dropped before the turn finished (${describe(error)})${still}.`,
      runId,
      cause: error,
    });
  };
  const read = (response: Response, connection: Connection) => {
    const body = new LettaSseFrames(response, {
      onData: () => {
        lastData = Date.now();
      },
      onEnd: (error, dropped) => ending(connection, error, dropped),
    });
    connection.body = body;
    return body;
  };

  const send = async (): Promise<AsyncIterator<LettaStreamingResponse>> => {
    const options = { ...NO_RETRY, signal: current.controller.signal };
    if (!params.streaming) {
      const request = { ...params, streaming: false } as const;
      // The SDK's conversation send always parses a stream: the JSON answer is read with a plain post.
      const response = conversationId
        ? await client.post<LettaResponse>(`/v1/conversations/${conversationId}/messages`, {
            body: request,
            ...options,
          })
        : await client.agents.messages.create(agentId, request, options);
      const each = lettaResponseFrames(response)[Symbol.iterator]();
      return { next: () => Promise.resolve(each.next()) };
    }
    const post = (inBackground: boolean) => {
      background = inBackground;
      const request = { ...params, streaming: true, ...(inBackground ? { background: true } : {}) } as const;
      // The raw response (the SDK still sends it, with its auth, headers and HTTP errors), read by our decoder.
      return (
        conversationId
          ? client.conversations.messages.create(conversationId, request, options)
          : client.agents.messages.create(agentId, request, options)
      ).asResponse();
    };
    const connection = current;
    try {
      return read(await post(settings.resumeAttempts > 0 && settings.backgroundStreams.available), connection);
    } catch (error) {
      if (!background || !isNoRedis(error)) throw error;
      settings.backgroundStreams.available = false;
      return read(await post(false), connection);
    }
  };

  /** The stream of the same run after the last chunk read, by run id or by the message's otid. */
  const attach = async (): Promise<AsyncIterator<LettaStreamingResponse>> => {
    const connection = current;
    const options = { ...NO_RETRY, signal: connection.controller.signal };
    const after = { starting_after: cursor.lastSeq, include_pings: true };
    const runId = settings.runId() ?? settings.join;
    const request = runId
      ? client.runs.messages.stream(runId, after, options)
      : client.conversations.messages.stream(
          conversationId ?? "default",
          { ...after, otid, ...(conversationId ? {} : { agent_id: agentId }) },
          options,
        );
    return read(await request.asResponse(), connection);
  };

  /** Opens a connection (send or re-attach) under the watchdog, which can fail it while Letta says nothing. */
  const connect = (open: () => Promise<AsyncIterator<LettaStreamingResponse>>) =>
    new Promise<AsyncIterator<LettaStreamingResponse>>((resolve, reject) => {
      const connection = current;
      connection.failOpen = reject;
      arm();
      open().then(
        (opened) => {
          connection.failOpen = undefined;
          resolve(opened);
        },
        (error: unknown) => {
          connection.failOpen = undefined;
          reject(connection.idle ?? error);
        },
      );
    });

  const resumable = (error: unknown) =>
    background &&
    !closed &&
    !signal?.aborted &&
    !cursor.usageRead &&
    attemptsLeft > 0 &&
    (error === undefined || StreamInterruptedError.isInstance(error)) &&
    (settings.runId() !== undefined || otid !== undefined);

  /** Re-attaches after `cause`, with bounded attempts and backoff; fails with `cause`, told what happened. */
  const resume = async (cause: unknown): Promise<IteratorResult<LettaStreamingResponse>> => {
    let last: unknown;
    while (attemptsLeft > 0 && !signal?.aborted) {
      attemptsLeft -= 1;
      if (failuresInRow > 0) await wait(Math.min(RETRY_CAP_MS, RETRY_MS * 2 ** (failuresInRow - 1)), signal);
      failuresInRow += 1;
      current = { controller: new AbortController() };
      cursor.reattach();
      try {
        upstream = await connect(attach);
        return next();
      } catch (error) {
        last = error;
        if (isRefusal(error)) break;
      }
    }
    stop();
    // The stop reason was in (only the usage was missing): the turn is finished all the same.
    if (signal?.aborted || settings.finished()) return { done: true, value: undefined };
    // No run for the message: the send never reached Letta, and its own failure is the answer.
    if (unanswered !== undefined && settings.runId() === undefined && isRefusal(last))
      throw settings.mapError(unanswered);
    const runId = settings.runId();
    const base = StreamInterruptedError.isInstance(cause)
      ? cause.message
      : "The stream ended before the turn finished.";
    throw new StreamInterruptedError({
      harness: "Letta",
      message: `${base} Re-attaching${runId ? ` to run ${runId}` : ""} failed: ${describe(last ?? "cancelled")}.`,
      runId,
      cause: last ?? cause,
    });
  };

  // Plain values where nothing is awaited: a promise returned from a `then` callback costs two more ticks per frame.
  const onStep = (
    step: IteratorResult<LettaStreamingResponse>,
  ): IteratorResult<LettaStreamingResponse> | Promise<IteratorResult<LettaStreamingResponse>> => {
    if (step.done) {
      // A close without a stop reason (and without `[DONE]`: after it the stored stream has nothing more).
      if (!current.body?.receivedDone && resumable(current.idle)) return resume(current.idle);
      stop();
      return step;
    }
    const kind = cursor.read(step.value);
    if (kind === "repeated") return next();
    if (kind === "new") {
      attemptsLeft = settings.resumeAttempts;
      failuresInRow = 0;
    }
    return step;
  };
  const onError = (error: unknown): Promise<IteratorResult<LettaStreamingResponse>> => {
    if (resumable(error)) return resume(error);
    stop();
    return Promise.reject(error);
  };
  const next = (): Promise<IteratorResult<LettaStreamingResponse>> =>
    (upstream as AsyncIterator<LettaStreamingResponse>).next().then(onStep, onError);

  const first = async (): Promise<IteratorResult<LettaStreamingResponse>> => {
    sent = true;
    signal?.addEventListener("abort", abortCurrent, { once: true });
    if (settings.join) {
      background = true;
      try {
        upstream = await connect(attach);
      } catch (error) {
        stop();
        throw StreamInterruptedError.isInstance(error) ? error : settings.mapError(error);
      }
      return next();
    }
    try {
      upstream = await connect(send);
    } catch (error) {
      if (StreamInterruptedError.isInstance(error)) return onError(error);
      // Failed before Letta answered: a background run may exist all the same; look for it by otid.
      if (background && error instanceof APIConnectionError && !(error instanceof APIUserAbortError)) {
        unanswered = error;
        return onError(
          new StreamInterruptedError({
            harness: "Letta",
            message: `The connection to Letta failed before it answered (${describe(error)}).`,
            cause: error,
          }),
        );
      }
      stop();
      throw settings.mapError(error);
    }
    return next();
  };

  const iterator: AsyncIterator<LettaStreamingResponse> = {
    next: () => (upstream ? next() : first()),
    return: async () => {
      stop();
      abortCurrent();
      await current.body?.return();
      return { done: true, value: undefined };
    },
  };

  return {
    frames: { [Symbol.asyncIterator]: () => iterator },
    cancel: async () => {
      if (!sent) return undefined;
      // Without a run id (aborted before Letta announced it) Letta cancels the agent's active run.
      const runId = settings.runId();
      if (conversationId) return client.conversations.cancel(conversationId, {}, NO_RETRY);
      return client.agents.messages.cancel(agentId, runId ? { run_ids: [runId] } : {}, NO_RETRY);
    },
  };
}
