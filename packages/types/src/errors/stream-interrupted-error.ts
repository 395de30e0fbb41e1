import { hasMarker, mark } from "./error-marker";
import { type ErrorContext, OpenHarnessError, withDetails } from "./openharness-error";

const marker = Symbol.for("openharness.error.StreamInterruptedError");

/** A stream stopped before it finished (cut, silent, or ended without a final event). `runId` lets the caller look the run up. */
export class StreamInterruptedError extends OpenHarnessError {
  /** The harness's run id, when it was announced before the interruption. */
  readonly runId: string | undefined;

  constructor(options: ErrorContext & { runId?: string }) {
    super({
      ...options,
      retryable: options.retryable ?? true,
      code: options.code ?? "stream_interrupted",
      details: withDetails(options.details, { run_id: options.runId }),
    });
    this.name = "StreamInterruptedError";
    mark(this, marker);
    this.runId = options.runId;
  }

  static override isInstance(error: unknown): error is StreamInterruptedError {
    return hasMarker(error, marker);
  }
}
