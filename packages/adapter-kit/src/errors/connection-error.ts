import { type ErrorContext, hasMarker, OpenHarnessError } from "./openharness-error";

const marker = Symbol.for("openharness.error.ConnectionError");

/** The harness could not be reached (refused, reset, DNS). */
export class ConnectionError extends OpenHarnessError {
  private readonly [marker] = true;
  constructor(options: ErrorContext) {
    super({ retryable: true, ...options, code: options.code ?? "connection_error" });
    this.name = "ConnectionError";
  }

  static override isInstance(error: unknown): error is ConnectionError {
    return hasMarker(error, marker);
  }
}
