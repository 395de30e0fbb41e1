/** The vocabulary of one agent turn: the parsed request, what the loop reports, and run bookkeeping. */
import type { Message } from "@letta-ai/letta-client/resources/agents/messages";
import type { StopReasonType } from "@letta-ai/letta-client/resources/runs/runs";
import type { LettaFault } from "../faults/letta-fault.js";
import type { ScriptedFrame, ScriptedStep, ScriptedTurn } from "../model/scripted-model.js";
import type { EmulatedAgent, EmulatedRun } from "../state/emulator-state.js";
import type { EmulatorStore } from "../state/emulator-store.js";
import type { Scheduler } from "../support/scheduler.js";

/** A parsed `POST /v1/agents/{agent_id}/messages` body. */
export interface SendRequest {
  body: Record<string, unknown>;
  streaming: boolean;
  streamTokens: boolean;
  includePings: boolean;
  background: boolean;
  maxSteps: number;
  includeTypes: ReadonlySet<string> | null;
  clientTools: Array<{ name: string }>;
  overrideModel: string | null;
  overrideSystem: string | null;
  inputs: InputMessage[];
}

/** One entry of the request's `messages` (or the `input` sugar), normalised. */
export type InputMessage =
  | {
      type: "message";
      role: "user" | "system" | "assistant";
      content: unknown;
      otid: string | null;
      name: string | null;
      sender_id: string | null;
    }
  | { type: "approval"; approvals: Array<Record<string, unknown>>; otid: string | null }
  | { type: "tool_return"; tool_returns: Array<Record<string, unknown>>; otid: string | null };

/** Usage as sent in `usage_statistics`. */
export interface UsageStatistics {
  message_type: "usage_statistics";
  completion_tokens: number;
  prompt_tokens: number;
  total_tokens: number;
  step_count: number;
  run_ids: null;
  cached_input_tokens: null;
  cache_write_tokens: null;
  reasoning_tokens: null;
  context_tokens: number;
}

/** Letta's in-band `error_message` (sent as `event: error`). */
export interface ErrorMessage {
  message_type: "error_message";
  run_id: string;
  error_type: string;
  message: string;
  detail: string;
  seq_id: null;
}

/** What the agent loop reports, in order. The SSE writer and the sync collector consume these. */
export type LoopEvent =
  /** A complete message (persisted; part of a sync response's `messages`). */
  | { kind: "message"; message: Message }
  /** One SSE `data:` object for a message (several per message when streaming tokens). */
  | { kind: "wire"; data: Record<string, unknown> }
  /** An extra scripted frame. */
  | { kind: "frame"; frame: ScriptedFrame }
  | { kind: "stop"; stopReason: StopReasonType }
  | { kind: "usage"; usage: UsageStatistics }
  /** An in-band error: `stop_reason`, then `event: error`; `done` says whether `[DONE]` follows. */
  | { kind: "error"; stopReason: StopReasonType; error: ErrorMessage; done: boolean }
  /** The loop finished normally; `[DONE]` follows. */
  | { kind: "done" };

/** Run bookkeeping that lives outside the JSON state (cancellation). */
export interface ActiveRun {
  run: EmulatedRun;
  agentId: string;
  /** Where the turn's messages go: the conversation id, or the agent id for its default conversation. */
  thread: string;
  cancelled: boolean;
  controller: AbortController;
  finished: Promise<void>;
}

/** Everything one turn of the loop needs. */
export interface TurnContext {
  store: EmulatorStore;
  scheduler: Scheduler;
  frameDelayMs: number;
  agent: EmulatedAgent;
  active: ActiveRun;
  request: SendRequest;
  /** Resolves the steps for a turn (queued script first, then the model). */
  resolveSteps(turn: ScriptedTurn): Promise<ScriptedStep[]>;
  /** A stream fault that acts inside the loop (`ping-only`, `stream-error`). */
  fault: LettaFault | null;
  emit(event: LoopEvent): void;
}

/** Letta's text when a user message arrives while a tool call waits for approval. */
export const PENDING_APPROVAL_MESSAGE =
  "Cannot send a new message: The agent is waiting for approval on a tool call. Please approve or deny the pending request before continuing.";
