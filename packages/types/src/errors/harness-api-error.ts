import { hasMarker, mark } from "./error-marker";
import { type ErrorContext, OpenHarnessError, withDetails } from "./openharness-error";

const marker = Symbol.for("openharness.error.HarnessApiError");

/** The harness answered with an error. `status` is the HTTP status when there was one. */
export class HarnessApiError extends OpenHarnessError {
  /** The HTTP status, or undefined for an error reported inside a stream. */
  readonly status: number | undefined;

  constructor(options: ErrorContext & { status?: number }) {
    super({
      ...options,
      retryable: options.retryable ?? false,
      code: options.code ?? "harness_error",
      details: withDetails(options.details, { status: options.status }),
    });
    this.name = "HarnessApiError";
    mark(this, marker);
    this.status = options.status;
  }

  static override isInstance(error: unknown): error is HarnessApiError {
    return hasMarker(error, marker);
  }
}
