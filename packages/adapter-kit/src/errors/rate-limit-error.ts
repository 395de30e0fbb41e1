import { type ErrorContext, hasMarker, OpenHarnessError, withDetails } from "./openharness-error";

const marker = Symbol.for("openharness.error.RateLimitError");

/** The harness is rate limiting; `retryAfterMs` says when to try again, when it said. */
export class RateLimitError extends OpenHarnessError {
  private readonly [marker] = true;
  /** How long the harness asked to wait, in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(options: ErrorContext & { retryAfterMs?: number }) {
    super({ retryable: true, ...options, code: options.code ?? "rate_limited", details: withDetails(options.details, { retry_after_ms: options.retryAfterMs }) });
    this.name = "RateLimitError";
    this.retryAfterMs = options.retryAfterMs;
  }

  static override isInstance(error: unknown): error is RateLimitError {
    return hasMarker(error, marker);
  }
}
