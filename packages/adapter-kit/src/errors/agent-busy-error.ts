import { ConflictError } from "./conflict-error";
import { type ErrorContext, hasMarker, withDetails } from "./openharness-error";

const marker = Symbol.for("openharness.error.AgentBusyError");

/** The agent is already running another turn. Retry after it finishes, or cancel `runId`. */
export class AgentBusyError extends ConflictError {
  private readonly [marker] = true;
  /** The run that holds the agent, when the harness said. */
  readonly runId?: string;

  constructor(options: ErrorContext & { runId?: string; hint?: string }) {
    super({
      retryable: true,
      hint: "Wait for the running turn to finish (or cancel it), then send again.",
      ...options,
      code: "agent_busy",
      details: withDetails(options.details, { run_id: options.runId }),
    });
    this.name = "AgentBusyError";
    this.runId = options.runId;
  }

  static override isInstance(error: unknown): error is AgentBusyError {
    return hasMarker(error, marker);
  }
}
