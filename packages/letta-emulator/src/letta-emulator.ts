import type { RequestHandler } from "msw";
import type { LettaFault } from "./faults/letta-fault.js";
import type { ScriptedModel, ScriptedStep } from "./model/scripted-model.js";
import type { LettaEmulatorState } from "./state/emulator-state.js";
import type { RecordedRequest } from "./wire/letta-exchange.js";

/**
 * An in-process emulator of the Letta REST API (`/v1/...`), served through msw request handlers
 * so the real `@letta-ai/letta-client` talks to it over intercepted `fetch`.
 *
 * Create one with {@link createLettaEmulator}; serve it with `setupServer(...emulator.handlers)`
 * (Node), `setupWorker(...)` (browser) or {@link startLettaEmulator}.
 */
export interface LettaEmulator {
  /** The msw handlers. They only answer requests under {@link LettaEmulator.baseUrl}. */
  readonly handlers: RequestHandler[];
  /** The origin the emulator answers on, e.g. `https://emulator.letta.invalid`. Pass it as the SDK's `baseURL`. */
  readonly baseUrl: string;
  /** The live state (agents, blocks, tools, passages, messages, runs). Mutations are visible to the API. */
  readonly state: LettaEmulatorState;
  /** Every request received since creation or the last {@link LettaEmulator.reset}, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Faults waiting to fire; `times` shows how many matching requests each still applies to. */
  readonly faults: readonly LettaFault[];
  /** A deep, JSON-serialisable copy of the state. */
  exportState(): LettaEmulatorState;
  /** Replaces the state with a copy of `state` (e.g. from {@link LettaEmulator.exportState}). Base tools are re-seeded if missing. */
  importState(state: LettaEmulatorState): void;
  /**
   * Back to a fresh state: ends open streams and runs, clears timers, requests, faults and scripts.
   * The model given at creation (or via {@link LettaEmulator.setModel}) is kept.
   */
  reset(): void;
  /** Queues a fault for the next matching request(s). See {@link LettaFault}. Returns the emulator. */
  inject(fault: LettaFault): LettaEmulator;
  /** Removes every queued fault. */
  clearFaults(): void;
  /**
   * Queues exact steps for the next turn, overriding the model once. Call repeatedly to queue
   * several turns. After an approval, remaining steps of the paused turn run before any queue.
   */
  script(steps: ScriptedStep[]): LettaEmulator;
  /** Replaces the scripted model for later turns. */
  setModel(model: ScriptedModel): void;
  /** Resolves when no run is active (including runs whose client disconnected). */
  idle(): Promise<void>;
  /** Number of pending emulator timers (pacing, keepalives); 0 when idle. For leak assertions. */
  readonly pendingTimers: number;
  /** Ends every open stream and run and clears all timers. The emulator stays usable. */
  dispose(): void;
}
