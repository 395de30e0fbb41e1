import type { AgentState, AgentType } from "@letta-ai/letta-client/resources/agents/agents";
import type {
  ApprovalRequestMessage,
  Message,
  MessageType,
  Run,
} from "@letta-ai/letta-client/resources/agents/messages";
import type { BlockResponse } from "@letta-ai/letta-client/resources/blocks/blocks";
import type { EmbeddingConfig, LlmConfig } from "@letta-ai/letta-client/resources/models/models";
import type { Passage } from "@letta-ai/letta-client/resources/passages";
import type { StopReasonType } from "@letta-ai/letta-client/resources/runs/runs";
import type { Tool } from "@letta-ai/letta-client/resources/tools";

export type {
  AgentState,
  AgentType,
  ApprovalRequestMessage,
  BlockResponse,
  EmbeddingConfig,
  LlmConfig,
  Message,
  MessageType,
  Passage,
  Run,
  StopReasonType,
  Tool,
};

/* ------------------------------------------------------------------------------------------------
 * State
 * ---------------------------------------------------------------------------------------------- */

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
  /** The approval request the agent is waiting on, if any (blocks new user messages with 409). */
  pending_approval: ApprovalRequestMessage | null;
}

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
  /** Message history per agent id, oldest first, as Letta messages. */
  messages: Record<string, Message[]>;
  runs: Record<string, EmulatedRun>;
  /** Paused turns per agent id. */
  approvals: Record<string, PendingApproval>;
}

/* ------------------------------------------------------------------------------------------------
 * Scripted model
 * ---------------------------------------------------------------------------------------------- */

/** One tool call a scripted step makes. */
export interface ScriptedToolCall {
  /** Tool name, e.g. `"memory_insert"`. */
  name: string;
  /** Arguments as an object (serialised with `JSON.stringify`) or a raw JSON string. */
  arguments?: Record<string, unknown> | string;
  /** The tool call id; defaults to a deterministic `call_<n>` style id. */
  id?: string;
  /**
   * Overrides the tool's result. A string becomes a successful `tool_return` verbatim; an object
   * sets the status too. Without it, built-in tools run for real and other tools return a stub.
   */
  result?: string | { status?: "success" | "error"; return: string };
}

/** An extra frame a step emits, for producing arbitrary (even invalid) wire traffic. */
export type ScriptedFrame =
  | {
      /** JSON value sent as `data: <json>`. In sync responses, objects are appended to `messages`. */
      data: unknown;
      /** Optional `event:` name (e.g. `"error"`). The SDK throws on `error` and drops other names. */
      event?: string;
      /**
       * Marks the frame as deliberately off-spec so contract checks skip it. Give the reason.
       * Frames whose `message_type` Letta doesn't define should always set this.
       */
      exempt?: string;
    }
  | {
      /** Raw text written to the SSE stream as is (e.g. `"data: {not json\n\n"`). Streaming only. */
      raw: string;
      /** Reason the frame is off-spec; raw frames are always exempt from contract checks. */
      exempt?: string;
    };

/**
 * One LLM call of the agent loop. A step may reason, talk, and call tools; the emulator turns it
 * into Letta messages (`reasoning_message`, `assistant_message`, `tool_call_message`,
 * `tool_return_message`, `approval_request_message`) and executes the tools it knows.
 */
export interface ScriptedStep {
  /** Visible reasoning, emitted as a `reasoning_message` first. */
  reasoning?: string;
  /**
   * Emits a `hidden_reasoning_message`: `true` → `state: "redacted"`; a string → `state: "omitted"`
   * with that string as `hidden_reasoning`.
   */
  hiddenReasoning?: boolean | string;
  /** The assistant reply, as a string or as text content parts. */
  assistant?: string | Array<{ type?: "text"; text: string }>;
  /** Tool calls made in this step (in order). */
  toolCalls?: ScriptedToolCall[];
  /**
   * `true` (default): all tool calls of the step share one `tool_call_message` (`tool_calls` lists
   * them all) and one `tool_return_message` (`tool_returns` lists them all). `false`: one message
   * per call.
   */
  groupToolCalls?: boolean;
  /** Ends the turn after this step with this stop reason. */
  stopReason?: StopReasonType;
  /** Extra frames emitted after the step's messages (escape hatch for unusual traffic). */
  frames?: ScriptedFrame[];
}

/** What the scripted model sees for one turn. */
export interface ScriptedTurn {
  /** The agent with blocks and tools loaded. */
  agent: AgentState;
  /** The agent's core-memory blocks (same as `agent.blocks`). */
  blocks: BlockResponse[];
  /** The text of the incoming user message(s), joined by newlines ("" for tool-return turns). */
  input: string;
  /** The message history before this turn, oldest first. */
  history: Message[];
  /** The raw request body of `POST /v1/agents/{agent_id}/messages`. */
  request: Record<string, unknown>;
  /** Tool results delivered by this request (client tool returns / approvals), if any. */
  toolReturns: Array<{ tool_call_id: string; name: string; status: "success" | "error"; tool_return: string }>;
}

/**
 * The deterministic stand-in for the LLM: given a turn, returns the steps the agent takes.
 * May be async. Use {@link LettaEmulator.script} to override it for the next turn(s).
 */
export type ScriptedModel = (turn: ScriptedTurn) => ScriptedStep[] | Promise<ScriptedStep[]>;

/* ------------------------------------------------------------------------------------------------
 * Faults
 * ---------------------------------------------------------------------------------------------- */

/** Which requests a fault applies to. Omitted fields match anything. */
export interface FaultMatch {
  /** HTTP method, case-insensitive. */
  method?: string;
  /** Exact path (e.g. `"/v1/agents/"`) or a RegExp tested against the path. */
  path?: string | RegExp;
}

interface FaultBase {
  /** Which requests the fault applies to. Stream faults only ever match streaming message sends. */
  match?: FaultMatch;
  /** How many matching requests the fault applies to (default 1). `Infinity` keeps it forever. */
  times?: number;
}

/**
 * A failure to inject into the next matching request(s). HTTP faults answer before the handler
 * runs; stream faults alter the SSE response of a streaming `POST …/messages`.
 */
export type LettaFault = FaultBase &
  (
    | {
        /** Answer with this status and a Letta-style body. */
        type: "status";
        status: number;
        /** Response body; defaults to Letta's body for the status (`{"detail": …}`). A string is sent as text. */
        body?: unknown;
        headers?: Record<string, string>;
      }
    | {
        /** 409 `CONFLICT: Cannot send a new message: Another request (run_id=…) is currently being processed…` with `run_id`. */
        type: "busy";
        runId?: string;
      }
    | {
        /** 409 `{"detail":{"code":"PENDING_APPROVAL","message":…,"pending_request_id":…}}`. */
        type: "pending-approval";
        pendingRequestId?: string;
      }
    | {
        /** 429 with a `retry-after` header (seconds, default 1). */
        type: "rate-limit";
        retryAfterSeconds?: number;
      }
    | {
        /** The connection fails before any response (msw `HttpResponse.error()`). */
        type: "network-error";
      }
    | {
        /** Waits before handling the request normally (headers are delayed). Aborting the request ends the wait. */
        type: "delay";
        ms: number;
      }
    | {
        /** The stream ends after `afterFrames` data frames (the ping counts): no stop_reason, no `[DONE]`. */
        type: "stream-cut";
        afterFrames: number;
      }
    | {
        /** The agent takes `durationMs` before its first output; only keepalive pings flow meanwhile. */
        type: "ping-only";
        durationMs: number;
      }
    | {
        /** After `afterFrames` frames (default 1, the ping) nothing more is sent, forever, until the client aborts. */
        type: "stall";
        afterFrames?: number;
      }
    | {
        /** Sends `data: {not json` after `afterFrames` frames (default 1), then continues. Exempt from contract checks. */
        type: "malformed-frame";
        afterFrames?: number;
      }
    | {
        /** Sends a frame with an unknown `message_type` after `afterFrames` frames (default 1), then continues. */
        type: "unknown-message-type";
        afterFrames?: number;
        messageType?: string;
      }
    | {
        /**
         * An agent/LLM error inside the stream: `stop_reason` (default `llm_api_error` before output,
         * `error` after) then `event: error` with an `error_message`. `before-output`: nothing from the
         * agent, then `[DONE]`. `after-output`: after the first step, and the stream closes without `[DONE]`.
         */
        type: "stream-error";
        phase: "before-output" | "after-output";
        errorType?: string;
        message?: string;
        detail?: string;
        stopReason?: StopReasonType;
      }
  );

/* ------------------------------------------------------------------------------------------------
 * Recording
 * ---------------------------------------------------------------------------------------------- */

/** A request the emulator received. */
export interface RecordedRequest {
  method: string;
  /** The full URL. */
  url: string;
  /** The path, e.g. `/v1/agents/`. */
  path: string;
  /** Query parameters; repeated keys (e.g. `include`) become arrays. */
  query: Record<string, string | string[]>;
  /** Parsed JSON body, the raw text if it isn't JSON, or `undefined` when empty. */
  body: unknown;
  /** Lower-cased request headers. */
  headers: Record<string, string>;
}

/** One server-sent event as written to the wire. */
export interface RecordedFrame {
  /** The `event:` name, if any. */
  event?: string;
  /** The `data:` payload as text (`[DONE]` included). For raw frames, the raw text. */
  data: string;
  /** `true` for raw frames written verbatim. */
  raw?: boolean;
  /** Set when the frame is deliberately off-spec (injected fault, escape hatch); the reason. */
  exempt?: string;
}

/** A completed request/response pair, reported through `onExchange`. */
export interface LettaExchange {
  request: RecordedRequest;
  response: {
    status: number;
    headers: Record<string, string>;
    /** Parsed JSON body (non-streaming responses). */
    body?: unknown;
    /** The SSE frames written (streaming responses), in order. */
    frames?: RecordedFrame[];
    /** `true` when the connection failed on purpose (network fault). */
    networkError?: boolean;
  };
  /** `true` when the client disconnected before the response finished. */
  aborted?: boolean;
  /** The fault that shaped this exchange, if any. */
  fault?: LettaFault;
  /** Set when the whole exchange is deliberately off-spec; the reason. */
  exempt?: string;
}

/* ------------------------------------------------------------------------------------------------
 * Options and the emulator
 * ---------------------------------------------------------------------------------------------- */

/** Options for {@link createLettaEmulator}. */
export interface LettaEmulatorOptions {
  /** Origin the emulator answers on. Default `"https://emulator.letta.invalid"`. */
  baseUrl?: string;
  /**
   * When set, requests without `Authorization: Bearer <apiKey>` get 401 `{"detail": "Unauthorized"}`
   * (`/v1/health/` is exempt, as on Letta). Default `null` (no auth).
   */
  apiKey?: string | null;
  /** The stand-in LLM. Default {@link createMemoryChatModel}(). */
  model?: ScriptedModel;
  /** Model handle used when `POST /v1/agents/` has no `model` (Letta's `LETTA_DEFAULT_LLM_HANDLE`). Default `null` → 400. */
  defaultModel?: string | null;
  /** Initial state (e.g. from {@link LettaEmulator.exportState}). Default: empty apart from base tools. */
  state?: LettaEmulatorState;
  /** Delay before each agent frame, in ms (paces runs so cancellation can land). Default 0. */
  frameDelayMs?: number;
  /** Keepalive ping interval while no data flows, in ms. Default 20000 (Letta's default). */
  keepaliveMs?: number;
  /** Called with every completed exchange (request, response, frames). */
  onExchange?: (exchange: LettaExchange) => void;
  /** Clock. Default `() => new Date()`. */
  now?: () => Date;
  /** UUID v4 source. Default `crypto.randomUUID()`. Provide one for deterministic ids. */
  uuid?: () => string;
  /** Version reported by `GET /v1/health/`. Default `"0.16.8"`. */
  serverVersion?: string;
}
