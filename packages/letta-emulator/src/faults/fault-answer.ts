import type { LettaFault } from "./letta-fault.js";

/** An HTTP answer a fault gives instead of the route's. */
export interface FaultAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** What the answers need from the running emulator. */
export interface FaultAnswerContext {
  /** The id of the newest active run (named by a `busy` conflict), if any. */
  latestRunId: string | undefined;
  uuid(): string;
}

/** Default Letta-style bodies for statuses injected by faults. */
export function defaultErrorBody(status: number): unknown {
  switch (status) {
    case 400:
      return { detail: "INVALID_ARGUMENT: Bad request" };
    case 401:
      return { detail: "Unauthorized" };
    case 403:
      return { detail: "PERMISSION_DENIED: You do not have permission to perform this action" };
    case 404:
      return { detail: "Not Found" };
    case 409:
      return { detail: "CONFLICT: The request conflicts with the current state of the resource" };
    case 422:
      return { detail: "Unprocessable Entity" };
    case 429:
      return { detail: "RATE_LIMIT_EXCEEDED: Rate limit exceeded" };
    case 500:
      return { detail: "An unknown error occurred" };
    case 502:
      return { detail: "Bad Gateway" };
    case 503:
      return { detail: "The database is temporarily unavailable. Please try again later." };
    default:
      return { detail: `HTTP ${status}` };
  }
}

/**
 * The answer of an HTTP fault, with Letta's status, body and headers; `null` for faults that
 * answer no HTTP response (`network-error`, `delay`, stream faults).
 */
export function faultAnswer(fault: LettaFault, context: FaultAnswerContext): FaultAnswer | null {
  switch (fault.type) {
    case "status":
      return {
        status: fault.status,
        body: fault.body === undefined ? defaultErrorBody(fault.status) : fault.body,
        headers: { ...fault.headers },
      };
    case "busy": {
      const runId = fault.runId ?? context.latestRunId ?? `run-${context.uuid()}`;
      return {
        status: 409,
        body: {
          detail: `CONFLICT: Cannot send a new message: Another request (run_id=${runId}) is currently being processed for this conversation. Please wait for the current request to complete.`,
          run_id: runId,
        },
        headers: {},
      };
    }
    case "pending-approval":
      return {
        status: 409,
        body: {
          detail: {
            code: "PENDING_APPROVAL",
            message:
              "CONFLICT: Cannot send a new message: The agent is waiting for approval on a tool call. Please approve or deny the pending request before continuing.",
            pending_request_id: fault.pendingRequestId ?? `message-${context.uuid()}`,
          },
        },
        headers: {},
      };
    case "rate-limit":
      return {
        status: 429,
        body: { detail: "RATE_LIMIT_EXCEEDED: Rate limit exceeded" },
        headers: { "retry-after": String(fault.retryAfterSeconds ?? 1) },
      };
    default:
      return null;
  }
}
