import { hasMarker, mark } from "./error-marker";
import { type ErrorContext, OpenHarnessError, withDetails } from "./openharness-error";

const marker = Symbol.for("openharness.error.RateLimitError");

/** The harness is rate limiting; `retryAfterMs` says when to try again, when it said. */
export class RateLimitError extends OpenHarnessError {
  /** How long the harness asked to wait, in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(options: ErrorContext & { retryAfterMs?: number }) {
    super({
      ...options,
      retryable: options.retryable ?? true,
      code: options.code ?? "rate_limited",
      details: withDetails(options.details, { retry_after_ms: options.retryAfterMs }),
    });
    this.name = "RateLimitError";
    mark(this, marker);
    this.retryAfterMs = options.retryAfterMs;
  }

  static override isInstance(error: unknown): error is RateLimitError {
    return hasMarker(error, marker);
  }
}
