import type { ExecutionErrorEvent } from "../execution-event";
import { OpenHarnessError } from "./openharness-error";

// Registered, so the origin survives when the event crosses to another copy of this package.
const thrownBy = Symbol.for("openharness.error.thrown");

/**
 * The `error` event for a thrown value. OpenHarness errors keep their code and details; anything
 * else is reported as a `harness_error` with its message. The event remembers the thrown value
 * (a non-enumerable field, never serialised), so {@link errorFromEvent} can give back the very
 * same error object, `cause` and all, in the same process.
 */
export function toErrorEvent(error: unknown): ExecutionErrorEvent {
  let event: ExecutionErrorEvent;
  if (OpenHarnessError.isInstance(error)) {
    const payload = error.toPayload();
    // `recoverable` already says it; the payload's `retryable` would only repeat it.
    const { retryable: _retryable, ...details } = payload.details ?? {};
    if (payload.domain) details.domain = payload.domain;
    if (payload.operation) details.operation = payload.operation;
    event = { type: "error", code: error.code, message: error.message, recoverable: error.retryable };
    if (Object.keys(details).length > 0) event.details = details;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    event = { type: "error", code: "harness_error", message, recoverable: false };
  }
  Object.defineProperty(event, thrownBy, { value: error, enumerable: false });
  return event;
}

/** The value `toErrorEvent` built `event` from, when it did so in this process. */
export function thrownErrorOf(event: ExecutionErrorEvent): { error: unknown } | undefined {
  return Object.hasOwn(event, thrownBy)
    ? { error: (event as unknown as Record<symbol, unknown>)[thrownBy] }
    : undefined;
}
