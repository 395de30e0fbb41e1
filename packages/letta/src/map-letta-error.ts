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
import { describeLettaTarget, type LettaCallTarget, lettaCallFailed } from "./describe-letta-call";
import { mapLettaStreamError } from "./map-letta-stream-error";
import { readLettaErrorBody } from "./read-letta-error-body";
import { redactError, redactSecret } from "./redact-secret";

/** What the failing call was about, so the error can name it. */
export interface LettaErrorContext extends LettaCallTarget {
  domain?: string;
  /** The API key, removed from every message that leaves the adapter. */
  secret?: string;
  /** The last stop reason Letta sent in the stream before an in-stream error. */
  stopReason?: string;
}

const HARNESS = "Letta";

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

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

/** `Letta answered 404 (Not Found)`-style tail: the status and Letta's own words. */
const answered = (status: number, detail: string) => `(Letta answered ${status}: ${detail.replace(/\.$/, "")})`;

/**
 * A model-provider error (`{"error": {"type": "llm_…"}}`): the server's LLM call failed, not the
 * caller's request or key (`letta/server/rest_api/app.py`). `undefined` for types handled by status.
 */
function fromProviderError(
  status: number,
  type: string,
  detail: string,
  base: { harness: string; domain?: string; operation?: string; cause: unknown; details: JsonObject },
  context: LettaErrorContext,
  headers: Headers | undefined,
): OpenHarnessError | undefined {
  const failed = lettaCallFailed(context);
  switch (type) {
    case "llm_authentication":
      return new HarnessApiError({
        ...base,
        status,
        message: `${failed}: the model provider rejected the credentials configured on the Letta server ${answered(status, detail)}; your Letta API key was accepted, so fix the provider key on the server.`,
      });
    case "llm_rate_limit":
      return new RateLimitError({
        ...base,
        message: `${failed}: the model provider is rate-limiting Letta ${answered(status, detail)}.`,
        retryAfterMs: retryAfterMs(headers),
      });
    case "llm_timeout":
      return new TimeoutError({
        ...base,
        message: `${failed}: the model provider timed out ${answered(status, detail)}.`,
      });
    case "llm_insufficient_credits":
      return new HarnessApiError({
        ...base,
        status,
        message: `${failed}: the model provider account has no credits left ${answered(status, detail)}.`,
      });
    default:
      return undefined;
  }
}

function fromStatus(error: APIError, context: LettaErrorContext): OpenHarnessError {
  const status = error.status as number;
  const body = error.error as JsonObject | undefined;
  const read = readLettaErrorBody(body);
  // A plain-text body reaches us only in the SDK's message, `"401 <text>"`.
  const fallback = error.message.replace(new RegExp(`^${status}\\s*`), "") || `HTTP ${status}`;
  const detail = redactSecret(read.detail ?? fallback, context.secret);
  const details: JsonObject = { status, detail };
  if (read.providerType) details.provider_error_type = read.providerType;
  if (read.providerDetail) details.provider_detail = redactSecret(read.providerDetail, context.secret);
  const base = { harness: HARNESS, domain: context.domain, operation: context.operation, cause: error, details };
  const failed = lettaCallFailed(context);
  const target = describeLettaTarget(context);
  if (read.providerType) {
    const provider = fromProviderError(status, read.providerType, detail, base, context, error.headers);
    if (provider) return provider;
  }
  switch (status) {
    case 400:
    case 422:
      if (/conflict|already exists/i.test(detail))
        return new ConflictError({
          ...base,
          message: `${failed}: it conflicts with what exists ${answered(status, detail)}.`,
        });
      return new InvalidRequestError({
        what: `${context.operation ?? "Letta"} request (Letta answered ${status})`,
        issues: [{ path: "(server)", message: detail }],
        harness: HARNESS,
        domain: context.domain,
        operation: context.operation,
      });
    case 401:
      return new AuthenticationError({
        ...base,
        message: `${failed}: Letta rejected the API key ${answered(status, detail)}; check LETTA_API_KEY and the server URL.`,
      });
    case 403:
      return new PermissionDeniedError({
        ...base,
        message: `${failed}: permission denied${target ? ` for ${target}` : ""} ${answered(status, detail)}.`,
      });
    case 404:
      return notFound(detail, base, context);
    case 409:
      return fromConflict(error, body, detail, base, context);
    case 429:
      return new RateLimitError({
        ...base,
        message: `${failed}: Letta is rate-limiting requests ${answered(status, detail)}.`,
        retryAfterMs: retryAfterMs(error.headers),
      });
    default:
      return new HarnessApiError({
        ...base,
        message: `${failed}${target ? ` for ${target}` : ""} ${answered(status, detail)}.`,
        status,
        retryable: status === 408 || status >= 500,
      });
  }
}

type ErrorBase = { harness: string; domain?: string; operation?: string; cause: unknown; details: JsonObject };

/** A 404 naming what is missing: the agent when Letta says so, else the resource the call addressed. */
function notFound(detail: string, base: ErrorBase, context: LettaErrorContext): NotFoundError {
  const agentMissing = /\bagent\b/i.test(detail) && !/block|tool|passage|run/i.test(detail);
  const agentId = context.agentId ?? (context.resource === "agent" ? context.resourceId : undefined);
  const resource = agentMissing ? "agent" : (context.resource ?? "resource");
  const resourceId = agentMissing ? agentId : context.resourceId;
  const target = agentMissing
    ? describeLettaTarget({ resource: "agent", resourceId: agentId })
    : describeLettaTarget(context);
  const what = target ? `${target} was not found` : "Letta found no such route or resource";
  return new NotFoundError({
    ...base,
    message: `${lettaCallFailed(context)}: ${what} ${answered(404, detail)}.`,
    resource,
    resourceId,
  });
}

/** 409 has several meanings (letta-wire-facts.md 13): pending approval, busy, a lock to retry, a plain conflict. */
function fromConflict(
  error: APIError,
  body: JsonObject | undefined,
  detail: string,
  base: ErrorBase,
  context: LettaErrorContext,
): OpenHarnessError {
  const failed = lettaCallFailed(context);
  const structured = body?.detail && typeof body.detail === "object" ? (body.detail as JsonObject) : undefined;
  if (structured?.code === "PENDING_APPROVAL" || /waiting for approval/i.test(detail)) {
    return new PendingApprovalError({
      ...base,
      message: `${failed}: the agent is waiting for a tool-call approval ${answered(409, detail)}.`,
      requestId: text(structured?.pending_request_id),
    });
  }
  if (/busy|currently being processed|another request/i.test(detail)) {
    const runId = text(body?.run_id) ?? /run_id=([\w-]+)/.exec(detail)?.[1];
    return new AgentBusyError({
      ...base,
      message: `${failed}: the agent is busy with another run ${answered(409, detail)}.`,
      runId,
      hint: runId
        ? `Wait for run ${runId} to finish (or cancel it), then send again; adapter.joinRun({ agent_id, session_id, run_id: "${runId}" }) follows it meanwhile.`
        : undefined,
    });
  }
  const wait = retryAfterMs(error.headers);
  // Letta's database lock and deadlock answers carry `Retry-After: 1` and ask for a retry (`app.py`).
  if (wait !== undefined || /locked|deadlock|retry/i.test(detail)) {
    const target = describeLettaTarget(context) ?? "the resource";
    return new ConflictError({
      ...base,
      details: { ...base.details, ...(wait !== undefined ? { retry_after_ms: wait } : {}) },
      message: `${failed}: ${target} is locked by another operation on Letta ${answered(409, detail)}; retry shortly.`,
      retryable: true,
      hint: `Retry after ${wait ?? 1000} ms.`,
    });
  }
  return new ConflictError({
    ...base,
    message: `${failed}: it conflicts with the current state ${answered(409, detail)}.`,
  });
}

/** Turns what the Letta SDK threw into the kit's typed error, with Letta's detail and no secret. */
export function mapLettaError(thrown: unknown, context: LettaErrorContext = {}): unknown {
  // Every typed error keeps what the SDK threw as its cause: never with the key in it.
  const error = redactError(thrown, context.secret);
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
    return error.status === undefined ? mapLettaStreamError(error, context) : fromStatus(error, context);
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
