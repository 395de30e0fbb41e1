import { type ErrorContext, hasMarker, OpenHarnessError } from "./openharness-error";

const marker = Symbol.for("openharness.error.AuthenticationError");

/** The harness rejected the credentials (missing, wrong or expired API key). */
export class AuthenticationError extends OpenHarnessError {
  private readonly [marker] = true;
  constructor(options: ErrorContext) {
    super({ retryable: false, ...options, code: options.code ?? "authentication_failed" });
    this.name = "AuthenticationError";
  }

  static override isInstance(error: unknown): error is AuthenticationError {
    return hasMarker(error, marker);
  }
}
