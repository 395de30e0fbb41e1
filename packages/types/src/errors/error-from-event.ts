import type { ExecutionErrorEvent } from "../execution-event";
import type { ExecutionResult } from "../execution-result";
import { errorFromPayload } from "./error-from-payload";
import { OpenHarnessError } from "./openharness-error";
import { thrownErrorOf } from "./to-error-event";

/**
 * The typed error an `error` event stands for. An event made by `toErrorEvent` from a thrown
 * OpenHarness error gives back that very object (same identity, `cause` intact); anything else
 * thrown comes back typed from the payload, with the thrown value as `cause`. An event that
 * arrived as data (a harness's own error, a decoded SSE frame) is rebuilt from its payload.
 * `partial` is set when the error does not carry one yet.
 */
export function errorFromEvent(
  event: ExecutionErrorEvent,
  extra: { partial?: ExecutionResult } = {},
): OpenHarnessError {
  const thrown = thrownErrorOf(event);
  if (thrown && OpenHarnessError.isInstance(thrown.error)) {
    thrown.error.partial ??= extra.partial;
    return thrown.error;
  }
  // `toErrorEvent` moves the payload's domain and operation into `details`; take them back out.
  const { domain, operation, ...details } = event.details ?? {};
  const payload = {
    code: event.code,
    message: event.message,
    ...(typeof domain === "string" ? { domain } : {}),
    ...(typeof operation === "string" ? { operation } : {}),
    ...(Object.keys(details).length > 0 ? { details } : {}),
  };
  return errorFromPayload(payload, {
    retryable: event.recoverable,
    partial: extra.partial,
    ...(thrown ? { cause: thrown.error } : {}),
  });
}
