import { hasMarker, mark } from "./error-marker";
import { type ErrorContext, OpenHarnessError } from "./openharness-error";

const marker = Symbol.for("openharness.error.ConnectionError");

/** The harness could not be reached (refused, reset, DNS). */
export class ConnectionError extends OpenHarnessError {
  constructor(options: ErrorContext) {
    super({ ...options, retryable: options.retryable ?? true, code: options.code ?? "connection_error" });
    this.name = "ConnectionError";
    mark(this, marker);
  }

  static override isInstance(error: unknown): error is ConnectionError {
    return hasMarker(error, marker);
  }
}
