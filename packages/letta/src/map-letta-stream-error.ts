import type { APIError } from "@letta-ai/letta-client";
import {
  AgentBusyError,
  HarnessApiError,
  type OpenHarnessError,
  PendingApprovalError,
  RateLimitError,
  TimeoutError,
} from "@openharness/adapter-kit";
import type { JsonObject } from "@openharness/types";
import { describeLettaTarget } from "./describe-letta-call";
import type { LettaErrorContext } from "./map-letta-error";
import { redactSecret } from "./redact-secret";

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** In-stream error types Letta uses for failures a retry cannot fix. */
const PERMANENT = new Set([
  "llm_authentication",
  "llm_bad_request",
  "llm_insufficient_credits",
  "context_window_overflow_in_system_prompt",
]);
const TRANSIENT_TYPES = new Set([
  "llm_error",
  "llm_rate_limit",
  "llm_timeout",
  "llm_server_error",
  "llm_connection_error",
]);
const TRANSIENT_TEXT =
  /rate.?limit|timed? ?out|timeout|overloaded|temporarily|unavailable|connection (error|reset)|\b(429|502|503|529)\b/i;

/**
 * Whether a retry can help, from everything Letta sent: after output has started Letta labels every
 * failure `internal_error` (`letta_agent_v3.py`), so its stop reason (`llm_api_error`: the model call
 * failed) and the error's detail say more than `error_type`.
 */
function streamErrorRetryable(errorType: string, detail: string | undefined, stopReason: string | undefined): boolean {
  if (PERMANENT.has(errorType)) return false;
  if (TRANSIENT_TYPES.has(errorType)) return true;
  if (detail !== undefined && TRANSIENT_TEXT.test(detail)) return true;
  return stopReason === "llm_api_error";
}

/**
 * An error reported inside a stream (`event: error`, which the SDK throws as an `APIError`
 * without status). `error_type` says what failed on Letta's side.
 */
export function mapLettaStreamError(error: APIError, context: LettaErrorContext): OpenHarnessError {
  const body = (error.error ?? {}) as JsonObject;
  const errorType = text(body.error_type) ?? text(body.code) ?? "unknown";
  // The SDK's own message is the body as JSON: worth showing only when the frame was not JSON at all.
  const fallback = typeof error.error === "object" && error.error !== null ? "no message" : error.message;
  const message = redactSecret(text(body.message) ?? text(body.error) ?? fallback, context.secret);
  const detail =
    text(body.detail) === undefined ? undefined : redactSecret(text(body.detail) as string, context.secret);
  const runId = text(body.run_id);
  const target = describeLettaTarget(context);
  const during = `Letta reported an error during the run${target ? ` of ${target}` : ""}`;
  const full = `${context.operation ? `${context.operation} failed: ` : ""}${during} (${errorType}): ${message}${detail ? ` (${detail})` : ""}`;
  const base = {
    harness: "Letta",
    domain: context.domain,
    operation: context.operation,
    cause: error,
    message: full,
    details: {
      error_type: errorType,
      ...(detail ? { detail } : {}),
      ...(runId ? { run_id: runId } : {}),
      ...(context.stopReason ? { stop_reason: context.stopReason } : {}),
    } as JsonObject,
  };
  if (/waiting for approval/i.test(message)) return new PendingApprovalError(base);
  if (/busy|currently being processed/i.test(message)) return new AgentBusyError({ ...base, runId });
  const retryable = streamErrorRetryable(errorType, detail, context.stopReason);
  switch (errorType) {
    case "llm_rate_limit":
      return new RateLimitError(base);
    case "llm_timeout":
      return new TimeoutError(base);
    default:
      // `llm_authentication` is the provider's credentials on the server, not the caller's API key.
      return new HarnessApiError({ ...base, status: undefined, retryable });
  }
}
