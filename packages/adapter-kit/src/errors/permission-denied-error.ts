import { type ErrorContext, hasMarker, OpenHarnessError } from "./openharness-error";

const marker = Symbol.for("openharness.error.PermissionDeniedError");

/** The credentials are valid but not allowed to do this. */
export class PermissionDeniedError extends OpenHarnessError {
  private readonly [marker] = true;
  constructor(options: ErrorContext) {
    super({ retryable: false, ...options, code: options.code ?? "permission_denied" });
    this.name = "PermissionDeniedError";
  }

  static override isInstance(error: unknown): error is PermissionDeniedError {
    return hasMarker(error, marker);
  }
}
