import type Letta from "@letta-ai/letta-client";
import type {
  LettaResponse,
  LettaStreamingResponse,
  MessageCreateParamsBase,
} from "@letta-ai/letta-client/resources/agents/messages";
import { StreamInterruptedError } from "@openharness/adapter-kit";
import { NO_RETRY } from "./letta-input-schemas";
import { LettaSseFrames } from "./letta-sse-frames";

/** What {@link openLettaTurn} needs to send one message and watch its answer. */
export interface LettaTurnSettings {
  client: Letta;
  agentId: string;
  /** The Letta conversation the turn runs in (`ExecuteRequest.session_id`); the agent's default one when absent. */
  conversationId?: string;
  params: MessageCreateParamsBase;
  /** A turn with no data for this long (not even a keepalive ping) ends with `StreamInterruptedError`. */
  idleTimeoutMs: number;
  /** The caller's signal: aborting it aborts the HTTP request. */
  signal?: AbortSignal;
  /** The run id known so far, for the watchdog's error and for cancelling. */
  runId: () => string | undefined;
  /** Whether Letta's stop reason has arrived: the turn is over, whatever the socket does next. */
  finished: () => boolean;
  /** What the SDK threw → the typed error the turn fails with. */
  mapError: (error: unknown) => unknown;
}

/** One turn on Letta: its frames, read once, and the way to cancel its run. */
export interface LettaTurn {
  /** The SDK stream's frames, or the synchronous response's messages, stop reason and usage. */
  readonly frames: AsyncIterable<LettaStreamingResponse>;
  /** Cancels the run on Letta if the message was sent; a 409 means nothing was running any more. */
  cancel(): Promise<unknown>;
}

/** The synchronous response as the frames a stream would have carried. */
function framesOf(response: LettaResponse): LettaStreamingResponse[] {
  // Summary and compaction records are not turn output (and not in the stream union).
  const messages = response.messages.filter(
    (message): message is Extract<typeof message, LettaStreamingResponse> =>
      message.message_type !== "summary_message" && message.message_type !== "event_message",
  );
  return [
    ...messages,
    { message_type: "stop_reason", stop_reason: response.stop_reason.stop_reason },
    { ...response.usage, message_type: "usage_statistics" },
  ];
}

/** How long a turn whose stop reason arrived waits for the rest (usage, `[DONE]`) before it ends itself. */
const AFTER_STOP_REASON_MS = 3_000;

/**
 * Sends the message when the frames are first read and reads Letta's answer as a plain async
 * iterator (not a generator: the kit's guard stays the only async layer per frame): the SDK sends
 * the request, {@link LettaSseFrames} decodes the body. SDK failures become typed errors. An idle
 * watchdog ends the turn itself with `StreamInterruptedError` (run id, recoverable) when Letta
 * sends nothing for `idleTimeoutMs`, without waiting for the SDK, which may never settle after the
 * abort; once the stop reason is in, a short silence or a dropped connection ends it as finished.
 */
export function openLettaTurn(settings: LettaTurnSettings): LettaTurn {
  const { client, agentId, conversationId, params, idleTimeoutMs, signal } = settings;
  const controller = new AbortController();
  // Aborting from a microtask, not straight from a timer or listener: msw's mocked sockets (the
  // emulator) otherwise close after the abort and trip an assertion inside undici. Harmless on a real socket.
  const abortRequest = () => queueMicrotask(() => controller.abort());
  let sent = false;
  let interrupted: StreamInterruptedError | undefined;
  let lastData = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let upstream: AsyncIterator<LettaStreamingResponse> | undefined;
  /** The streaming body's reader, which the watchdog can fail while a read hangs. */
  let body: LettaSseFrames | undefined;
  /** Rejects the request in flight: how the watchdog ends the turn without the SDK. */
  let failOpen: ((error: unknown) => void) | undefined;

  const stop = () => {
    clearTimeout(timer);
    signal?.removeEventListener("abort", abortRequest);
  };
  // One timer per turn, re-armed for what is left of the window, instead of one per frame.
  const watch = () => {
    const finished = settings.finished();
    const window = finished ? Math.min(idleTimeoutMs, AFTER_STOP_REASON_MS) : idleTimeoutMs;
    const quiet = Date.now() - lastData;
    if (quiet < window) {
      timer = setTimeout(watch, Math.min(window - quiet, AFTER_STOP_REASON_MS));
      return;
    }
    if (finished) {
      // The stop reason is in and the socket stays open (wire fact 1): the turn is over, not failed.
      stop();
      abortRequest();
      body?.finish();
      return;
    }
    const runId = settings.runId();
    const still = runId ? `; run ${runId} may still be running` : "";
    interrupted = new StreamInterruptedError({
      harness: "Letta",
      message: `Letta sent nothing for ${idleTimeoutMs} ms (not even a keepalive ping)${still}.`,
      runId,
    });
    stop();
    abortRequest();
    failOpen?.(interrupted);
    body?.fail(interrupted);
  };
  const failure = (error?: unknown, dropped = false) => {
    stop();
    if (error === undefined || interrupted) return interrupted;
    if (!dropped) return settings.mapError(error);
    // A dropped connection (wire fact 2): after the stop reason nothing is lost; before it, the run
    // may still be going on the server.
    if (settings.finished()) return undefined;
    const runId = settings.runId();
    const reason = error instanceof Error && error.message ? ` (${error.message})` : "";
    const still = runId ? `; run ${runId} may still be running` : "";
    return new StreamInterruptedError({
      harness: "Letta",
      message: `The connection to Letta dropped before the turn finished${reason}${still}.`,
      runId,
      cause: error,
    });
  };

  const open = async (): Promise<AsyncIterator<LettaStreamingResponse>> => {
    sent = true;
    signal?.addEventListener("abort", abortRequest, { once: true });
    lastData = Date.now();
    timer = setTimeout(watch, idleTimeoutMs);
    const options = { ...NO_RETRY, signal: controller.signal };
    if (params.streaming) {
      // The raw response (the SDK still sends it, with its auth, headers and HTTP errors), read by our decoder.
      const request = { ...params, streaming: true } as const;
      const response = await (conversationId
        ? client.conversations.messages.create(conversationId, request, options)
        : client.agents.messages.create(agentId, request, options)
      ).asResponse();
      const onData = () => {
        lastData = Date.now();
      };
      body = new LettaSseFrames(response, { onData, onEnd: failure });
      return body;
    }
    const request = { ...params, streaming: false } as const;
    // The SDK's conversation send always parses a stream: the JSON answer is read with a plain post.
    const response = conversationId
      ? await client.post<LettaResponse>(`/v1/conversations/${conversationId}/messages`, { body: request, ...options })
      : await client.agents.messages.create(agentId, request, options);
    const each = framesOf(response)[Symbol.iterator]();
    return {
      next: () => {
        const step = each.next();
        if (step.done) stop();
        return Promise.resolve(step);
      },
    };
  };

  const iterator: AsyncIterator<LettaStreamingResponse> = {
    next: () => {
      if (interrupted) return Promise.reject(interrupted);
      if (upstream) return upstream.next();
      return new Promise((resolve, reject) => {
        failOpen = reject;
        open().then(
          (opened) => {
            failOpen = undefined;
            upstream = opened;
            opened.next().then(resolve, reject);
          },
          (error) => reject(failure(error)),
        );
      });
    },
    return: async () => {
      stop();
      abortRequest();
      await body?.return();
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
