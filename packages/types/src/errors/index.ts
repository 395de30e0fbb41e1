// @openharness/types/errors: the typed errors of the contract, and their wire form both ways.
export { AgentBusyError } from "./agent-busy-error";
export { AuthenticationError } from "./authentication-error";
export { CancelledError } from "./cancelled-error";
export { ConflictError } from "./conflict-error";
export { ConnectionError } from "./connection-error";
export { errorFromEvent } from "./error-from-event";
export { errorFromPayload } from "./error-from-payload";
export { HarnessApiError } from "./harness-api-error";
export { InvalidRequestError } from "./invalid-request-error";
export { NotFoundError } from "./not-found-error";
export { type ErrorContext, OpenHarnessError, type OpenHarnessErrorOptions } from "./openharness-error";
export { PendingApprovalError } from "./pending-approval-error";
export { PermissionDeniedError } from "./permission-denied-error";
export { RateLimitError } from "./rate-limit-error";
export { StreamInterruptedError } from "./stream-interrupted-error";
export { TimeoutError } from "./timeout-error";
export { UnsupportedFeatureError, type UnsupportedFeatureErrorOptions } from "./unsupported-feature-error";
export { toErrorEvent } from "./to-error-event";
