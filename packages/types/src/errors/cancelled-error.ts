import { hasMarker, mark } from "./error-marker";
import { type ErrorContext, OpenHarnessError, withDetails } from "./openharness-error";

const marker = Symbol.for("openharness.error.CancelledError");

/** The caller cancelled the execution (through its AbortSignal). */
export class CancelledError extends OpenHarnessError {
  /** The harness's run id, when known. */
  readonly runId: string | undefined;

  constructor(options: ErrorContext & { runId?: string }) {
    super({
      ...options,
      retryable: options.retryable ?? false,
      code: options.code ?? "cancelled",
      details: withDetails(options.details, { run_id: options.runId }),
    });
    this.name = "CancelledError";
    mark(this, marker);
    this.runId = options.runId;
  }

  static override isInstance(error: unknown): error is CancelledError {
    return hasMarker(error, marker);
  }
}
