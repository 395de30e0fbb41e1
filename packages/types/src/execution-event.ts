import * as z from "zod";
import { type JsonObject, JsonObjectSchema } from "./json-object";
import { type StopReason, StopReasonSchema } from "./stop-reason";
import { type Usage, UsageSchema } from "./usage";

/** A fragment of the agent's visible answer. */
export interface ExecutionTextEvent {
  type: "text";
  content: string;
}

/** A fragment of the agent's reasoning (inner monologue). `redacted` when the harness hid it. */
export interface ThinkingEvent {
  type: "thinking";
  thinking: string;
  redacted?: boolean;
}

/**
 * A tool call begins. `input` is the parsed arguments; when the harness sent arguments that are
 * not a JSON object, `input` is `{}` and the text is kept in `raw_input`.
 */
export interface ToolCallStartEvent {
  type: "tool_call_start";
  id: string;
  name: string;
  input: JsonObject;
  raw_input?: string;
}

/** More of a tool call's arguments, as streamed (`partial_json` is a fragment of JSON text). */
export interface ToolCallDeltaEvent {
  type: "tool_call_delta";
  id: string;
  input_delta: { partial_json: string };
}

/** A tool call's outcome. */
export interface ToolResultEvent {
  type: "tool_result";
  id: string;
  success: boolean;
  output?: unknown;
  error?: string;
  stdout?: string;
  stderr?: string;
}

/**
 * A tool call is over; nothing more will arrive for this id. `input` is the call's complete
 * parsed arguments, however they were streamed (`raw_input` keeps text that is not a JSON
 * object). Adapters may leave it to `guardEventStream`, which fills it in from the start's
 * `input` and the deltas' `partial_json`.
 */
export interface ToolCallEndEvent {
  type: "tool_call_end";
  id: string;
  input: JsonObject;
  raw_input?: string;
}

/** A tool call as it is requested: its id, the tool's name and the parsed arguments. */
export interface ToolCall {
  id: string;
  name: string;
  input: JsonObject;
}

/**
 * The turn waits for the caller to approve or deny tool calls. Unless the caller answers in the
 * stream (`onApproval`), the stream then ends with `done { stop_reason: "requires_approval" }`
 * and `respondToApproval` continues it.
 */
export interface ApprovalRequestEvent {
  type: "approval_request";
  /** The harness's id of the request, for `respondToApproval`'s `approval_request_id`. */
  id: string;
  tool_calls: ToolCall[];
}

/** What a {@link MemoryUpdateEvent} did: a block created, changed or deleted, a passage inserted or deleted. */
export const MEMORY_UPDATE_OPERATIONS = ["create", "update", "delete"] as const;

/** One of {@link MEMORY_UPDATE_OPERATIONS}. */
export type MemoryUpdateOperation = (typeof MEMORY_UPDATE_OPERATIONS)[number];

/**
 * The agent's memory changed during the turn, emitted after the tool call that changed it and
 * only when something did change. `before` and `after` are the block's whole value around the
 * change (`null` where it did not exist); for archival memory `label` is `"archival"`,
 * `passage_id` names the passage, and the values are its text.
 */
export interface MemoryUpdateEvent {
  type: "memory_update";
  agent_id: string;
  label: string;
  operation: MemoryUpdateOperation;
  before: string | null;
  after: string | null;
  passage_id?: string;
  /** The tool call that made the change, when one did. */
  tool_call_id?: string;
}

/** An artifact produced by the execution (spec compatibility; the Letta adapter emits none). */
export interface ArtifactEvent {
  type: "artifact";
  id: string;
  name: string;
  mime_type: string;
  size_bytes: number;
}

/** Progress through a multi-step execution (spec compatibility). */
export interface ExecutionProgressEvent {
  type: "progress";
  percentage: number;
  step?: string;
  step_number?: number;
  total_steps?: number;
}

/** Something went wrong. A `done` event always follows. `details` carries structured context. */
export interface ExecutionErrorEvent {
  type: "error";
  code: string;
  message: string;
  recoverable: boolean;
  details?: JsonObject;
}

/** The last event of every stream, exactly once. */
export interface DoneEvent {
  type: "done";
  usage: Usage;
  stop_reason: StopReason;
  /** The harness's own stop reason, unnormalised. */
  raw_stop_reason?: string;
  /** Harness facts about the execution, such as Letta's `run_id`. */
  metadata?: JsonObject;
}

/** Every event of an OpenHarness execution stream, discriminated by `type`. */
export type ExecutionEvent =
  | ExecutionTextEvent
  | ThinkingEvent
  | ToolCallStartEvent
  | ToolCallDeltaEvent
  | ToolResultEvent
  | ToolCallEndEvent
  | ApprovalRequestEvent
  | MemoryUpdateEvent
  | ArtifactEvent
  | ExecutionProgressEvent
  | ExecutionErrorEvent
  | DoneEvent;

/** The `type` of every {@link ExecutionEvent}. */
export type ExecutionEventType = ExecutionEvent["type"];

/** Schema for {@link ExecutionTextEvent}. */
export const ExecutionTextEventSchema = z.object({ type: z.literal("text"), content: z.string() });

/** Schema for {@link ThinkingEvent}. */
export const ThinkingEventSchema = z.object({
  type: z.literal("thinking"),
  thinking: z.string(),
  redacted: z.boolean().optional(),
});

/** Schema for {@link ToolCallStartEvent}. */
export const ToolCallStartEventSchema = z.object({
  type: z.literal("tool_call_start"),
  id: z.string().min(1),
  name: z.string(),
  input: JsonObjectSchema,
  raw_input: z.string().optional(),
});

/** Schema for {@link ToolCallDeltaEvent}. */
export const ToolCallDeltaEventSchema = z.object({
  type: z.literal("tool_call_delta"),
  id: z.string().min(1),
  input_delta: z.object({ partial_json: z.string() }),
});

/** Schema for {@link ToolResultEvent}. */
export const ToolResultEventSchema = z.object({
  type: z.literal("tool_result"),
  id: z.string().min(1),
  success: z.boolean(),
  output: z.unknown().optional(),
  error: z.string().optional(),
  stdout: z.string().optional(),
  stderr: z.string().optional(),
});

/** Schema for {@link ToolCallEndEvent}. */
export const ToolCallEndEventSchema = z.object({
  type: z.literal("tool_call_end"),
  id: z.string().min(1),
  input: JsonObjectSchema,
  raw_input: z.string().optional(),
});

/** Schema for {@link ToolCall}. */
export const ToolCallSchema = z.object({ id: z.string().min(1), name: z.string(), input: JsonObjectSchema });

/** Schema for {@link ApprovalRequestEvent}. */
export const ApprovalRequestEventSchema = z.object({
  type: z.literal("approval_request"),
  id: z.string().min(1),
  tool_calls: z.array(ToolCallSchema).min(1),
});

/** Schema for {@link MemoryUpdateEvent}. */
export const MemoryUpdateEventSchema = z.object({
  type: z.literal("memory_update"),
  agent_id: z.string().min(1),
  label: z.string().min(1),
  operation: z.enum(MEMORY_UPDATE_OPERATIONS),
  before: z.string().nullable(),
  after: z.string().nullable(),
  passage_id: z.string().min(1).optional(),
  tool_call_id: z.string().min(1).optional(),
});

/** Schema for {@link ArtifactEvent}. */
export const ArtifactEventSchema = z.object({
  type: z.literal("artifact"),
  id: z.string(),
  name: z.string(),
  mime_type: z.string(),
  size_bytes: z.number().int().nonnegative(),
});

/** Schema for {@link ExecutionProgressEvent}. */
export const ExecutionProgressEventSchema = z.object({
  type: z.literal("progress"),
  percentage: z.number().min(0).max(100),
  step: z.string().optional(),
  step_number: z.number().int().optional(),
  total_steps: z.number().int().optional(),
});

/** Schema for {@link ExecutionErrorEvent}. */
export const ExecutionErrorEventSchema = z.object({
  type: z.literal("error"),
  code: z.string().min(1),
  message: z.string(),
  recoverable: z.boolean(),
  details: JsonObjectSchema.optional(),
});

/** Schema for {@link DoneEvent}. */
export const DoneEventSchema = z.object({
  type: z.literal("done"),
  usage: UsageSchema,
  stop_reason: StopReasonSchema,
  raw_stop_reason: z.string().optional(),
  metadata: JsonObjectSchema.optional(),
});

/** Schema for {@link ExecutionEvent}. */
export const ExecutionEventSchema = z.discriminatedUnion("type", [
  ExecutionTextEventSchema,
  ThinkingEventSchema,
  ToolCallStartEventSchema,
  ToolCallDeltaEventSchema,
  ToolResultEventSchema,
  ToolCallEndEventSchema,
  ApprovalRequestEventSchema,
  MemoryUpdateEventSchema,
  ArtifactEventSchema,
  ExecutionProgressEventSchema,
  ExecutionErrorEventSchema,
  DoneEventSchema,
]);

/** Every event `type`, for consumers that dispatch on it. */
export const EXECUTION_EVENT_TYPES: readonly ExecutionEventType[] = ExecutionEventSchema.options.map(
  (option) => option.shape.type.value,
);
