import type { ErrorEvent } from "@openharness/types";
import { OpenHarnessError } from "./errors/openharness-error";

/**
 * The `error` event for a thrown value. OpenHarness errors keep their code and details; anything
 * else is reported as a `harness_error` with its message.
 */
export function toErrorEvent(error: unknown): ErrorEvent {
  if (OpenHarnessError.isInstance(error)) {
    const payload = error.toPayload();
    // `recoverable` already says it; the payload's `retryable` would only repeat it.
    const { retryable: _retryable, ...details } = payload.details ?? {};
    if (payload.domain) details.domain = payload.domain;
    if (payload.operation) details.operation = payload.operation;
    const event: ErrorEvent = { type: "error", code: error.code, message: error.message, recoverable: error.retryable };
    if (Object.keys(details).length > 0) event.details = details;
    return event;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { type: "error", code: "harness_error", message, recoverable: false };
}
