import { hasMarker, mark } from "./error-marker";
import { type ErrorContext, OpenHarnessError, withDetails } from "./openharness-error";

const marker = Symbol.for("openharness.error.TimeoutError");

/** The harness did not answer in time. */
export class TimeoutError extends OpenHarnessError {
  /** The limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number | undefined;

  constructor(options: ErrorContext & { timeoutMs?: number }) {
    super({
      ...options,
      retryable: options.retryable ?? true,
      code: options.code ?? "timeout",
      details: withDetails(options.details, { timeout_ms: options.timeoutMs }),
    });
    this.name = "TimeoutError";
    mark(this, marker);
    this.timeoutMs = options.timeoutMs;
  }

  static override isInstance(error: unknown): error is TimeoutError {
    return hasMarker(error, marker);
  }
}
