import type { AgentState } from "@letta-ai/letta-client/resources/agents/agents";
import type { Message } from "@letta-ai/letta-client/resources/agents/messages";
import type { BlockResponse } from "@letta-ai/letta-client/resources/blocks/blocks";
import type { StopReasonType } from "@letta-ai/letta-client/resources/runs/runs";

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
   * Emits a `hidden_reasoning_message` as real providers do (wire fact 3): `"redacted"` (or `true`)
   * is Anthropic's redacted thinking, an encrypted blob in `hidden_reasoning`; `"omitted"` is an
   * OpenAI reasoning model's, `hidden_reasoning: null`.
   */
  hiddenReasoning?: boolean | "redacted" | "omitted";
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
