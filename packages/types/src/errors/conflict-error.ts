import { hasMarker, mark } from "./error-marker";
import { type ErrorContext, OpenHarnessError, withDetails } from "./openharness-error";

const marker = Symbol.for("openharness.error.ConflictError");

/** The request conflicts with the resource's current state (a duplicate, a concurrent update). */
export class ConflictError extends OpenHarnessError {
  /** What the caller can do about it. */
  readonly hint?: string;

  constructor(options: ErrorContext & { hint?: string }) {
    super({
      ...options,
      code: options.code ?? "conflict",
      details: withDetails(options.details, { hint: options.hint }),
    });
    this.name = "ConflictError";
    mark(this, marker);
    this.hint = options.hint;
  }

  static override isInstance(error: unknown): error is ConflictError {
    return hasMarker(error, marker);
  }
}
