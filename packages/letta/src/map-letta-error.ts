import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  LettaError,
} from "@letta-ai/letta-client";
import {
  AgentBusyError,
  AuthenticationError,
  CancelledError,
  ConflictError,
  ConnectionError,
  HarnessApiError,
  InvalidRequestError,
  NotFoundError,
  type OpenHarnessError,
  PendingApprovalError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
} from "@openharness/adapter-kit";
import type { JsonObject } from "@openharness/types";
import { redactSecret } from "./redact-secret";

/** What the failing call was about, so the error can name it. */
export interface LettaErrorContext {
  /** The kind of resource the call addressed (`agent`, `memory_block`, `tool`, `passage`, `run`). */
  resource?: string;
  resourceId?: string;
  domain?: string;
  operation?: string;
  /** The API key, removed from every message that leaves the adapter. */
  secret?: string;
}

const HARNESS = "Letta";

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** Letta's error body `detail`, as text (it is a string, an object, or pydantic's error list). */
function detailOf(body: unknown): string | undefined {
  if (typeof body === "string") return body;
  if (body === null || typeof body !== "object") return undefined;
  const detail = (body as JsonObject).detail;
  if (typeof detail === "string") return detail;
  if (detail && typeof detail === "object" && !Array.isArray(detail)) {
    return text((detail as JsonObject).message) ?? JSON.stringify(detail);
  }
  if (detail !== undefined) return JSON.stringify(detail);
  return text((body as JsonObject).message) ?? text((body as JsonObject).error);
}

function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get("retry-after-ms"));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function fromStatus(error: APIError, context: LettaErrorContext): OpenHarnessError {
  const status = error.status as number;
  const body = error.error as JsonObject | undefined;
  const detail = redactSecret(detailOf(body) ?? error.message, context.secret);
  const base = {
    harness: HARNESS,
    domain: context.domain,
    operation: context.operation,
    cause: error,
    details: { status, detail } as JsonObject,
  };
  const what = context.operation ? `${context.operation} failed` : "Letta request failed";
  switch (status) {
    case 400:
    case 422:
      if (/conflict|already exists/i.test(detail)) return new ConflictError({ ...base, message: `${what}: ${detail}` });
      return new InvalidRequestError({
        what: `request (Letta answered ${status})`,
        issues: [{ path: "(server)", message: detail }],
        harness: HARNESS,
        domain: context.domain,
        operation: context.operation,
      });
    case 401:
      return new AuthenticationError({
        ...base,
        message: `Letta rejected the credentials (401): ${detail}. Check the API key (LETTA_API_KEY) and the server URL.`,
      });
    case 403:
      return new PermissionDeniedError({ ...base, message: `${what}: permission denied (403): ${detail}` });
    case 404: {
      const resource =
        /\bagent\b/i.test(detail) && !/block|tool|passage|run/i.test(detail)
          ? "agent"
          : (context.resource ?? "resource");
      const resourceId = resource === context.resource ? context.resourceId : undefined;
      return new NotFoundError({ ...base, message: `${what}: not found (404): ${detail}`, resource, resourceId });
    }
    case 409: {
      const structured = body?.detail && typeof body.detail === "object" ? (body.detail as JsonObject) : undefined;
      if (structured?.code === "PENDING_APPROVAL" || /waiting for approval/i.test(detail)) {
        return new PendingApprovalError({
          ...base,
          message: `${what}: the agent is waiting for a tool-call approval (409): ${detail}`,
          requestId: text(structured?.pending_request_id),
        });
      }
      if (/busy|currently being processed|another request/i.test(detail)) {
        const runId = text(body?.run_id) ?? /run_id=([\w-]+)/.exec(detail)?.[1];
        return new AgentBusyError({
          ...base,
          message: `${what}: the agent is busy with another run (409): ${detail}`,
          runId,
        });
      }
      return new ConflictError({ ...base, message: `${what}: conflict (409): ${detail}` });
    }
    case 429:
      return new RateLimitError({
        ...base,
        message: `${what}: rate limited by Letta (429): ${detail}`,
        retryAfterMs: retryAfterMs(error.headers),
      });
    default:
      return new HarnessApiError({
        ...base,
        message: `${what}: Letta answered ${status}: ${detail}`,
        status,
        retryable: status === 408 || status >= 500,
      });
  }
}

/**
 * An error reported inside a stream (`event: error`, which the SDK throws as an `APIError`
 * without status). `error_type` says what failed on Letta's side.
 */
function fromStreamError(error: APIError, context: LettaErrorContext): OpenHarnessError {
  const body = (error.error ?? {}) as JsonObject;
  const errorType = text(body.error_type) ?? text(body.code) ?? "unknown";
  const message = redactSecret(text(body.message) ?? text(body.error) ?? error.message, context.secret);
  const detail =
    text(body.detail) === undefined ? undefined : redactSecret(text(body.detail) as string, context.secret);
  const runId = text(body.run_id);
  const full = `Letta reported an error during the run (${errorType}): ${message}${detail ? ` (${detail})` : ""}`;
  const base = {
    harness: HARNESS,
    domain: context.domain,
    operation: context.operation,
    cause: error,
    message: full,
    details: {
      error_type: errorType,
      ...(detail ? { detail } : {}),
      ...(runId ? { run_id: runId } : {}),
    } as JsonObject,
  };
  if (/waiting for approval/i.test(message)) return new PendingApprovalError(base);
  if (/busy|currently being processed/i.test(message)) return new AgentBusyError({ ...base, runId });
  switch (errorType) {
    case "llm_rate_limit":
      return new RateLimitError(base);
    case "llm_timeout":
      return new TimeoutError(base);
    case "llm_authentication":
      // The model provider rejected Letta's credentials, not the caller's API key.
      return new HarnessApiError({ ...base, status: undefined });
    default:
      return new HarnessApiError({ ...base, status: undefined, retryable: errorType === "llm_error" });
  }
}

/** Turns what the Letta SDK threw into the kit's typed error, with Letta's detail and no secret. */
export function mapLettaError(error: unknown, context: LettaErrorContext = {}): unknown {
  if (error instanceof APIUserAbortError) {
    return new CancelledError({ harness: HARNESS, message: "The request was cancelled.", cause: error });
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new TimeoutError({ harness: HARNESS, message: "Letta did not answer before the timeout.", cause: error });
  }
  if (error instanceof APIConnectionError) {
    const reason = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return new ConnectionError({
      harness: HARNESS,
      message: redactSecret(`Could not reach Letta${reason}. Check the server URL and your network.`, context.secret),
      cause: error,
    });
  }
  if (error instanceof APIError) {
    return error.status === undefined ? fromStreamError(error, context) : fromStatus(error, context);
  }
  if (error instanceof LettaError) {
    return new HarnessApiError({
      harness: HARNESS,
      message: redactSecret(error.message, context.secret),
      status: undefined,
      cause: error,
    });
  }
  if (error instanceof SyntaxError) {
    return new HarnessApiError({
      harness: HARNESS,
      message: "Letta sent a stream frame that is not valid JSON; the stream cannot continue.",
      status: undefined,
      cause: error,
      retryable: true,
    });
  }
  return error;
}
