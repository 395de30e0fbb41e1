import type { AppServerMessage } from "./app-server-messages";
import type { AppServerFailureContext } from "./map-app-server-failure";

/** What the local adapter's memory and sessions need from it: its App Server commands and its agent-id check. */
export interface AppServerRequests {
  /** Sends a command; rejects with a typed error when the App Server answers `success: false`. */
  request: (
    command: { type: string; [key: string]: unknown },
    context: AppServerFailureContext,
  ) => Promise<AppServerMessage>;
  checkAgentId: (agentId: unknown, operation: string) => string;
}
