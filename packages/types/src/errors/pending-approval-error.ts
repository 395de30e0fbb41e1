import { ConflictError } from "./conflict-error";
import { hasMarker, mark } from "./error-marker";
import { type ErrorContext, withDetails } from "./openharness-error";

const marker = Symbol.for("openharness.error.PendingApprovalError");

/** The agent waits for a tool-call approval; no new message is accepted until it is answered. */
export class PendingApprovalError extends ConflictError {
  /** The harness's id of the approval request, when it said. */
  readonly requestId?: string;

  constructor(options: ErrorContext & { requestId?: string; hint?: string }) {
    super({
      ...options,
      hint: options.hint ?? "Approve or deny the pending tool call first (or reset the agent's messages).",
      code: "pending_approval",
      details: withDetails(options.details, { request_id: options.requestId }),
    });
    this.name = "PendingApprovalError";
    mark(this, marker);
    this.requestId = options.requestId;
  }

  static override isInstance(error: unknown): error is PendingApprovalError {
    return hasMarker(error, marker);
  }
}
