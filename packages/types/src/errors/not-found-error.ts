import { hasMarker, mark } from "./error-marker";
import { type ErrorContext, OpenHarnessError, withDetails } from "./openharness-error";

const marker = Symbol.for("openharness.error.NotFoundError");

/** A resource (agent, memory block, tool, passage, run) does not exist. */
export class NotFoundError extends OpenHarnessError {
  /** What kind of thing was missing (`agent`, `memory_block`, ...). */
  readonly resource: string;
  /** Its id or label, when known. */
  readonly resourceId: string | undefined;

  constructor(options: ErrorContext & { resource: string; resourceId?: string }) {
    super({
      ...options,
      retryable: options.retryable ?? false,
      code: options.code ?? "not_found",
      details: withDetails(options.details, { resource: options.resource, resource_id: options.resourceId }),
    });
    this.name = "NotFoundError";
    mark(this, marker);
    this.resource = options.resource;
    this.resourceId = options.resourceId;
  }

  static override isInstance(error: unknown): error is NotFoundError {
    return hasMarker(error, marker);
  }
}
