import { ConflictError } from "./conflict-error";
import { hasMarker, mark } from "./error-marker";
import { type ErrorContext, withDetails } from "./openharness-error";

const marker = Symbol.for("openharness.error.AgentBusyError");

/** The agent is already running another turn. Retry after it finishes, or cancel `runId`. */
export class AgentBusyError extends ConflictError {
  /** The run that holds the agent, when the harness said. */
  readonly runId?: string;

  constructor(options: ErrorContext & { runId?: string; hint?: string }) {
    super({
      ...options,
      retryable: options.retryable ?? true,
      // `?? ` rather than a spread default, so an explicit `hint: undefined` keeps the default.
      hint: options.hint ?? "Wait for the running turn to finish (or cancel it), then send again.",
      code: "agent_busy",
      details: withDetails(options.details, { run_id: options.runId }),
    });
    this.name = "AgentBusyError";
    mark(this, marker);
    this.runId = options.runId;
  }

  static override isInstance(error: unknown): error is AgentBusyError {
    return hasMarker(error, marker);
  }
}
