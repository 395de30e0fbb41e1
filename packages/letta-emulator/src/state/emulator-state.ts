import type { AgentType } from "@letta-ai/letta-client/resources/agents/agents";
import type {
  ApprovalRequestMessage,
  Message,
  MessageType,
  Run,
} from "@letta-ai/letta-client/resources/agents/messages";
import type { BlockResponse } from "@letta-ai/letta-client/resources/blocks/blocks";
import type { Conversation } from "@letta-ai/letta-client/resources/conversations/conversations";
import type { EmbeddingConfig, LlmConfig } from "@letta-ai/letta-client/resources/models/models";
import type { Passage } from "@letta-ai/letta-client/resources/passages";
import type { StopReasonType } from "@letta-ai/letta-client/resources/runs/runs";
import type { Tool } from "@letta-ai/letta-client/resources/tools";
import type { ScriptedStep, ScriptedToolCall } from "../model/scripted-model.js";

/**
 * An agent as the emulator stores it. Relations are kept as id lists (`block_ids`, `tool_ids`) and
 * expanded into a wire {@link AgentState} when served, honouring the request's `include` like Letta.
 */
export interface EmulatedAgent {
  id: string;
  name: string;
  agent_type: AgentType;
  system: string;
  description: string | null;
  /** The model handle (`provider/model`), e.g. `"openai/gpt-4o-mini"`. */
  model: string | null;
  /** The embedding handle, or `null` when the agent has no embedding (text-only archival search). */
  embedding: string | null;
  llm_config: LlmConfig;
  embedding_config: EmbeddingConfig | null;
  tags: string[];
  metadata: Record<string, unknown> | null;
  tool_rules: Array<Record<string, unknown>>;
  /** Attached core-memory blocks, in attachment order. */
  block_ids: string[];
  /** Attached tools, in attachment order. */
  tool_ids: string[];
  /** The archive that holds this agent's passages (`archive-<uuid>`). */
  archive_id: string;
  timezone: string | null;
  secrets: Array<{ key: string; value: string }>;
  message_ids: string[];
  created_at: string;
  updated_at: string;
  last_run_completion: string | null;
  last_run_duration_ms: number | null;
  last_stop_reason: StopReasonType | null;
  /** The last `model_settings` given (absent in states saved before the emulator kept them). */
  model_settings?: Record<string, unknown> | null;
  enable_sleeptime?: boolean | null;
  message_buffer_autoclear?: boolean;
  max_files_open?: number | null;
  per_file_view_window_char_limit?: number | null;
  /** The approval request the agent is waiting on, if any (blocks new user messages with 409). */
  pending_approval: ApprovalRequestMessage | null;
}

/** A wire `Conversation`, with the spec's `isolated_block_ids` (the SDK's type leaves it out). */
export type EmulatedConversation = Conversation & { isolated_block_ids?: string[] };

/** What the emulator recorded about the request that started a run (not served over HTTP). */
export interface EmulatedRunRequest {
  streaming: boolean;
  stream_tokens: boolean;
  include_pings: boolean;
  background: boolean;
  max_steps: number;
  override_model: string | null;
  override_system: string | null;
  include_return_message_types: MessageType[] | null;
  client_tools: string[];
}

/** A run as the emulator stores it: the wire {@link Run} plus the recorded request options. */
export interface EmulatedRun extends Run {
  /** The request options that started this run (`max_steps`, `override_model`, …). Emulator-only. */
  request: EmulatedRunRequest;
}

/** A tool call the agent is waiting on (client tool or tool that requires approval). */
export interface PendingToolCall {
  tool_call_id: string;
  name: string;
  arguments: string;
  /** `"client"` for `client_tools` entries (the client returns the result); `"approval"` otherwise. */
  kind: "client" | "approval";
  /** A scripted result to use if the call is approved (see {@link ScriptedToolCall.result}). */
  result?: ScriptedToolCall["result"];
}

/** The paused part of a turn while the agent waits for approval or client tool results. */
export interface PendingApproval {
  approval_request_id: string;
  run_id: string;
  tool_calls: PendingToolCall[];
  /**
   * Calls of the same step that needed no approval: Letta runs none of a step's calls while one
   * waits, and runs these after the answer, whatever it is (\`letta_agent_v3.py\`).
   */
  parked?: PendingToolCall[];
  /** Scripted steps that had not run yet when the turn paused; resumed after the approval. */
  remaining_steps: ScriptedStep[];
}

/**
 * The emulator's whole state. Plain JSON (no classes, no `Date`s), so it can be persisted with
 * `JSON.stringify` and restored with {@link LettaEmulator.importState}.
 */
export interface LettaEmulatorState {
  version: 1;
  agents: Record<string, EmulatedAgent>;
  blocks: Record<string, BlockResponse>;
  tools: Record<string, Tool>;
  /** Archival passages per agent id, oldest first. */
  passages: Record<string, Passage[]>;
  /**
   * Message history per thread, oldest first, as Letta messages: keyed by agent id for the agent's
   * default conversation and by conversation id for the others.
   */
  messages: Record<string, Message[]>;
  /** Conversations by id (deleted ones are removed: Letta soft-deletes and never serves them again). */
  conversations?: Record<string, EmulatedConversation>;
  runs: Record<string, EmulatedRun>;
  /** Paused turns per thread (agent id, or conversation id). */
  approvals: Record<string, PendingApproval>;
}
