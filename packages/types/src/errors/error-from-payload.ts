import type { ErrorPayload } from "../error-payload";
import type { ApprovalRequestEvent } from "../execution-event";
import type { ExecutionResult } from "../execution-result";
import type { JsonObject } from "../json-object";
import { AgentBusyError } from "./agent-busy-error";
import { AuthenticationError } from "./authentication-error";
import { CancelledError } from "./cancelled-error";
import { ConflictError } from "./conflict-error";
import { ConnectionError } from "./connection-error";
import { HarnessApiError } from "./harness-api-error";
import { InvalidRequestError } from "./invalid-request-error";
import { NotFoundError } from "./not-found-error";
import { type ErrorContext, OpenHarnessError } from "./openharness-error";
import { PendingApprovalError } from "./pending-approval-error";
import { PermissionDeniedError } from "./permission-denied-error";
import { RateLimitError } from "./rate-limit-error";
import { StreamInterruptedError } from "./stream-interrupted-error";
import { TimeoutError } from "./timeout-error";
import { UnsupportedFeatureError } from "./unsupported-feature-error";

const text = (value: unknown) => (typeof value === "string" ? value : undefined);
const number = (value: unknown) => (typeof value === "number" ? value : undefined);

type Build = (context: ErrorContext, details: JsonObject, payload: ErrorPayload) => OpenHarnessError;

/** Error code (lower-cased) → the class that carries it, rebuilt from the payload's details. */
const byCode: Record<string, Build> = {
  invalid_request: (c, d, p) =>
    new InvalidRequestError({
      what: "request",
      issues: Array.isArray(d.issues)
        ? (d.issues as InvalidRequestError["issues"])
        : [{ path: "(root)", message: p.message }],
      harness: c.harness,
      domain: c.domain,
      operation: c.operation,
      message: p.message,
    }),
  capability_not_supported: (c, d, p) =>
    new UnsupportedFeatureError({
      harness: c.harness ?? "harness",
      domain: p.domain ?? "unknown",
      operation: p.operation ?? "unknown",
      reason: text(d.reason) ?? p.message,
      workaround: text(d.workaround ?? d.suggestion),
    }),
  not_found: (c, d) =>
    new NotFoundError({ ...c, resource: text(d.resource) ?? "resource", resourceId: text(d.resource_id) }),
  authentication_failed: (c) => new AuthenticationError(c),
  permission_denied: (c) => new PermissionDeniedError(c),
  rate_limited: (c, d) => new RateLimitError({ ...c, retryAfterMs: number(d.retry_after_ms) }),
  conflict: (c, d) => new ConflictError({ ...c, hint: text(d.hint) }),
  agent_busy: (c, d) => new AgentBusyError({ ...c, runId: text(d.run_id), hint: text(d.hint) }),
  pending_approval: (c, d) => {
    const request = d.approval_request as ApprovalRequestEvent | undefined;
    const valid =
      request?.type === "approval_request" && typeof request.id === "string" && Array.isArray(request.tool_calls);
    return new PendingApprovalError({
      ...c,
      requestId: text(d.request_id),
      hint: text(d.hint),
      approvalRequest: valid ? request : undefined,
    });
  },
  harness_error: (c, d) => new HarnessApiError({ ...c, status: number(d.status) }),
  connection_error: (c) => new ConnectionError(c),
  timeout: (c, d) => new TimeoutError({ ...c, timeoutMs: number(d.timeout_ms) }),
  stream_interrupted: (c, d) => new StreamInterruptedError({ ...c, runId: text(d.run_id) }),
  cancelled: (c, d) => new CancelledError({ ...c, runId: text(d.run_id) }),
};

/**
 * Rebuilds a typed error from its payload (an `error` event, an HTTP error body). Unknown codes
 * give a plain {@link OpenHarnessError} that keeps the code. Codes match case-insensitively, so
 * the spec's `CAPABILITY_NOT_SUPPORTED` works too. `extra` wins over what the payload says.
 */
export function errorFromPayload(
  payload: ErrorPayload,
  extra: { harness?: string; retryable?: boolean; partial?: ExecutionResult; cause?: unknown } = {},
): OpenHarnessError {
  // `harness` and `retryable` travel inside `details` (see `toPayload`) but are fields of the error.
  const { harness: sentHarness, retryable: sentRetryable, ...details } = payload.details ?? {};
  const harness = extra.harness ?? text(sentHarness);
  const retryable = extra.retryable ?? (typeof sentRetryable === "boolean" ? sentRetryable : undefined);
  const context: ErrorContext = {
    message: payload.message,
    harness,
    domain: payload.domain,
    operation: payload.operation,
    details,
    partial: extra.partial,
    ...(retryable === undefined ? {} : { retryable }),
  };
  const build = byCode[payload.code.toLowerCase()];
  const error = build ? build(context, details, payload) : new OpenHarnessError({ ...context, code: payload.code });
  error.partial = extra.partial;
  // Set here rather than through each constructor: not every class takes a `cause`.
  if (extra.cause !== undefined)
    Object.defineProperty(error, "cause", { value: extra.cause, writable: true, configurable: true });
  return error;
}
