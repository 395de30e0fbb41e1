import { hasMarker, mark } from "./error-marker";
import { type ErrorContext, OpenHarnessError } from "./openharness-error";

const marker = Symbol.for("openharness.error.AuthenticationError");

/** The harness rejected the credentials (missing, wrong or expired API key). */
export class AuthenticationError extends OpenHarnessError {
  constructor(options: ErrorContext) {
    super({ ...options, retryable: options.retryable ?? false, code: options.code ?? "authentication_failed" });
    this.name = "AuthenticationError";
    mark(this, marker);
  }

  static override isInstance(error: unknown): error is AuthenticationError {
    return hasMarker(error, marker);
  }
}
