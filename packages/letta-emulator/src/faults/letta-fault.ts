import type { StopReasonType } from "@letta-ai/letta-client/resources/runs/runs";

/** The model-provider error types Letta answers with their own status (`letta/server/rest_api/app.py`). */
export type ProviderErrorType =
  | "llm_authentication"
  | "llm_rate_limit"
  | "llm_insufficient_credits"
  | "llm_timeout"
  | "llm_bad_request"
  | "llm_error";

/** Which requests a fault applies to. Omitted fields match anything. */
export interface FaultMatch {
  /** HTTP method, case-insensitive. */
  method?: string;
  /** Exact path (e.g. `"/v1/agents/"`) or a RegExp tested against the path. */
  path?: string | RegExp;
}

interface FaultBase {
  /** Which requests the fault applies to. Stream faults only ever match streaming responses (sends, run streams). */
  match?: FaultMatch;
  /** How many matching requests the fault applies to (default 1). `Infinity` keeps it forever. */
  times?: number;
}

/**
 * A failure to inject into the next matching request(s). HTTP faults answer before the handler
 * runs; stream faults alter the SSE response of a streaming `POST …/messages`.
 */
export type LettaFault = FaultBase &
  (
    | {
        /** Answer with this status and a Letta-style body. */
        type: "status";
        status: number;
        /** Response body; defaults to Letta's body for the status (`{"detail": …}`). A string is sent as text. */
        body?: unknown;
        headers?: Record<string, string>;
      }
    | {
        /** 409 `CONFLICT: Cannot send a new message: Another request (run_id=…) is currently being processed…` with `run_id`. */
        type: "busy";
        runId?: string;
      }
    | {
        /** 409 `{"detail":{"code":"PENDING_APPROVAL","message":…,"pending_request_id":…}}`. */
        type: "pending-approval";
        pendingRequestId?: string;
      }
    | {
        /** 429 with a `retry-after` header (seconds, default 1). */
        type: "rate-limit";
        retryAfterSeconds?: number;
      }
    | {
        /**
         * A model-provider error as Letta's `app.py` answers it: `{"error": {"type", "message", "detail"}}`
         * with the status of its type (`llm_authentication` 401, `llm_rate_limit` 429, `llm_insufficient_credits`
         * 402, `llm_timeout` 504, `llm_bad_request` 400, `llm_error` 500).
         */
        type: "provider-error";
        errorType: ProviderErrorType;
        detail?: string;
      }
    | {
        /** 409 "currently locked… Please retry shortly." with `Retry-After` (seconds, default 1), Letta's database lock answer. */
        type: "locked";
        retryAfterSeconds?: number;
      }
    | {
        /** List routes ignore the `after`/`before` cursors and answer the first page again (an older or misbehaving server). */
        type: "ignore-cursor";
      }
    | {
        /**
         * Letta Cloud's router: `POST /v1/agents/` (the trailing-slash form) answers 404 `{"error":"Not Found"}`
         * before reaching Letta, while `POST /v1/agents` reaches the handler without FastAPI's redirect.
         * Matches only these two requests unless `match` says otherwise.
         */
        type: "cloud-router";
      }
    | {
        /** The connection fails before any response (msw `HttpResponse.error()`). */
        type: "network-error";
      }
    | {
        /** Waits before handling the request normally (headers are delayed). Aborting the request ends the wait. */
        type: "delay";
        ms: number;
      }
    | {
        /** The stream ends after `afterFrames` data frames (the ping counts): no stop_reason, no `[DONE]`. */
        type: "stream-cut";
        afterFrames: number;
      }
    | {
        /**
         * The connection is reset after `afterFrames` data frames (0: right after the headers): the
         * body fails mid-way, as when a load balancer drops it (wire fact 2). The run goes on.
         */
        type: "stream-reset";
        afterFrames: number;
      }
    | {
        /** The agent takes `durationMs` before its first output; only keepalive pings flow meanwhile. */
        type: "ping-only";
        durationMs: number;
      }
    | {
        /**
         * A keepalive ping before the stop reason, before the usage and before `[DONE]` (wire fact 7:
         * pings come on either side of the terminal frames, carrying the last `seq_id`).
         */
        type: "terminal-pings";
      }
    | {
        /** After `afterFrames` frames (default 1, the ping) nothing more is sent, forever, until the client aborts. */
        type: "stall";
        afterFrames?: number;
      }
    | {
        /**
         * The turn ends but the body stays open, sending nothing, until the client aborts, as servers
         * and proxies have been seen to do (wire fact 1): after `[DONE]`, or with `withoutDone` right
         * after the stop reason and usage.
         */
        type: "hold-open";
        withoutDone?: boolean;
      }
    | {
        /** Sends `data: {not json` after `afterFrames` frames (default 1), then continues. Exempt from contract checks. */
        type: "malformed-frame";
        afterFrames?: number;
      }
    | {
        /** Sends a frame with an unknown `message_type` after `afterFrames` frames (default 1), then continues. */
        type: "unknown-message-type";
        afterFrames?: number;
        messageType?: string;
      }
    | {
        /**
         * An agent/LLM error inside the stream: `stop_reason` (default `llm_api_error` before output,
         * `error` after) then `event: error` with an `error_message`. `before-output`: nothing from the
         * agent, then `[DONE]`. `after-output`: after the first step, and the stream closes without `[DONE]`.
         */
        type: "stream-error";
        phase: "before-output" | "after-output";
        errorType?: string;
        message?: string;
        detail?: string;
        stopReason?: StopReasonType;
      }
  );
