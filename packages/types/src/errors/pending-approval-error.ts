import type { ApprovalRequestEvent } from "../execution-event";
import type { JsonObject } from "../json-object";
import { ConflictError } from "./conflict-error";
import { hasMarker, mark } from "./error-marker";
import { type ErrorContext, withDetails } from "./openharness-error";

const marker = Symbol.for("openharness.error.PendingApprovalError");

/** The agent waits for a tool-call approval; no new message is accepted until it is answered. */
export class PendingApprovalError extends ConflictError {
  /** The harness's id of the approval request, when it said. */
  readonly requestId?: string;
  /** The pending request itself, when the adapter could read it: answer it with `respondToApproval`. */
  readonly approvalRequest?: ApprovalRequestEvent;

  constructor(options: ErrorContext & { requestId?: string; hint?: string; approvalRequest?: ApprovalRequestEvent }) {
    const request = options.approvalRequest;
    super({
      ...options,
      hint:
        options.hint ??
        "Approve or deny the pending tool call first (respondToApproval), or reset the agent's messages.",
      code: "pending_approval",
      details: withDetails(options.details, {
        request_id: options.requestId ?? request?.id,
        approval_request: request as unknown as JsonObject | undefined,
      }),
    });
    this.name = "PendingApprovalError";
    mark(this, marker);
    this.requestId = options.requestId ?? request?.id;
    this.approvalRequest = request;
  }

  static override isInstance(error: unknown): error is PendingApprovalError {
    return hasMarker(error, marker);
  }
}
