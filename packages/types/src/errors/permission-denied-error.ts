import { hasMarker, mark } from "./error-marker";
import { type ErrorContext, OpenHarnessError } from "./openharness-error";

const marker = Symbol.for("openharness.error.PermissionDeniedError");

/** The credentials are valid but not allowed to do this. */
export class PermissionDeniedError extends OpenHarnessError {
  constructor(options: ErrorContext) {
    super({ ...options, retryable: options.retryable ?? false, code: options.code ?? "permission_denied" });
    this.name = "PermissionDeniedError";
    mark(this, marker);
  }

  static override isInstance(error: unknown): error is PermissionDeniedError {
    return hasMarker(error, marker);
  }
}
