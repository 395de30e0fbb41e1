import { HarnessApiError, NotFoundError, type OpenHarnessError } from "@openharness/adapter-kit";

/** What a failed App Server request was about, so the error can name it. */
export interface AppServerFailureContext {
  operation: string;
  domain?: string;
  /** The kind of thing addressed (`agent`, `memory_block`, `conversation`). */
  resource?: string;
  resourceId?: string;
}

/**
 * A `success: false` answer → a typed error. The App Server reports failures as text only
 * (`Agent agent-local-… not found`, a failed git command), so "not found" is read from it.
 */
export function mapAppServerFailure(error: string | undefined, context: AppServerFailureContext): OpenHarnessError {
  const message = error?.trim() || `${context.operation} failed without a reason`;
  const base = { harness: "Letta (local)", domain: context.domain, operation: context.operation };
  if (/\bnot found\b|ENOENT|does not exist/i.test(message) && context.resource) {
    return new NotFoundError({
      ...base,
      message: `${message} (App Server)`,
      resource: context.resource,
      resourceId: context.resourceId,
    });
  }
  return new HarnessApiError({ ...base, message: `The App Server could not ${context.operation}: ${message}` });
}
