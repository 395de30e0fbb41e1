import { conversationBusy } from "../wire/conversation-busy.js";
import type { LettaFault, ProviderErrorType } from "./letta-fault.js";

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

/** Status and message of each provider error, as Letta's exception handlers send them (`letta/server/rest_api/app.py`). */
const PROVIDER_ERRORS: Record<ProviderErrorType, { status: number; message: string; detail: string }> = {
  llm_authentication: {
    status: 401,
    message: "Authentication failed with the LLM model provider.",
    detail: "Error code: 401 - {'error': {'message': 'Incorrect API key provided', 'type': 'invalid_request_error'}}",
  },
  llm_rate_limit: {
    status: 429,
    message: "Rate limit exceeded for LLM model provider. Please wait before making another request.",
    detail: "Error code: 429 - {'error': {'message': 'Rate limit reached for requests', 'type': 'requests'}}",
  },
  llm_insufficient_credits: {
    status: 402,
    message: "Insufficient credits for LLM request. Please check your account.",
    detail: "Error code: 402 - insufficient credits",
  },
  llm_timeout: {
    status: 504,
    message: "The LLM request timed out. Please try again.",
    detail: "Request timed out.",
  },
  llm_bad_request: {
    status: 400,
    message: "The request to the LLM model provider was invalid.",
    detail: "Error code: 400 - invalid request",
  },
  llm_error: { status: 500, message: "An error occurred with the LLM request.", detail: "LLM request failed" },
};

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
      return { status: 409, body: conversationBusy(runId).body, headers: {} };
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
    case "provider-error": {
      const known = PROVIDER_ERRORS[fault.errorType];
      return {
        status: known.status,
        body: { error: { type: fault.errorType, message: known.message, detail: fault.detail ?? known.detail } },
        headers: {},
      };
    }
    case "locked":
      return {
        status: 409,
        body: { detail: "The resource is currently locked by another operation. Please retry shortly." },
        headers: { "retry-after": String(fault.retryAfterSeconds ?? 1) },
      };
    case "cloud-router":
      // Answered by Cloud's router, not by Letta: its own body shape.
      return { status: 404, body: { error: "Not Found" }, headers: {} };
    default:
      return null;
  }
}
