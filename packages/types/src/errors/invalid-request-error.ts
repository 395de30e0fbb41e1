import { formatIssues, type ValidationIssue } from "../validate";
import { hasMarker, mark } from "./error-marker";
import { OpenHarnessError } from "./openharness-error";

const marker = Symbol.for("openharness.error.InvalidRequestError");

/** Input was rejected before anything was sent. `issues` name each field and what was expected. */
export class InvalidRequestError extends OpenHarnessError {
  readonly issues: ValidationIssue[];

  /** `message` overrides the one built from `what` and `issues` (to rebuild a received error verbatim). */
  constructor(options: {
    what: string;
    issues: ValidationIssue[];
    harness?: string;
    domain?: string;
    operation?: string;
    message?: string;
  }) {
    super({
      code: "invalid_request",
      message: options.message ?? `Invalid ${options.what}: ${formatIssues(options.issues)}`,
      harness: options.harness,
      domain: options.domain,
      operation: options.operation,
      details: { issues: options.issues },
    });
    this.name = "InvalidRequestError";
    mark(this, marker);
    this.issues = options.issues;
  }

  static override isInstance(error: unknown): error is InvalidRequestError {
    return hasMarker(error, marker);
  }
}
