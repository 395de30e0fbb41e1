import { z } from "zod";
import { type JsonObject, JsonObjectSchema } from "./json-object";
import { type StopReason, StopReasonSchema } from "./stop-reason";
import { type Usage, UsageSchema } from "./usage";

/** A fragment of the agent's visible answer. */
export interface TextEvent {
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

/** A tool call is over; nothing more will arrive for this id. */
export interface ToolCallEndEvent {
  type: "tool_call_end";
  id: string;
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
export interface ProgressEvent {
  type: "progress";
  percentage: number;
  step?: string;
  step_number?: number;
  total_steps?: number;
}

/** Something went wrong. A `done` event always follows. `details` carries structured context. */
export interface ErrorEvent {
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
  | TextEvent
  | ThinkingEvent
  | ToolCallStartEvent
  | ToolCallDeltaEvent
  | ToolResultEvent
  | ToolCallEndEvent
  | ArtifactEvent
  | ProgressEvent
  | ErrorEvent
  | DoneEvent;

/** The `type` of every {@link ExecutionEvent}. */
export type ExecutionEventType = ExecutionEvent["type"];

/** Schema for {@link TextEvent}. */
export const TextEventSchema = z.object({ type: z.literal("text"), content: z.string() });

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
export const ToolCallEndEventSchema = z.object({ type: z.literal("tool_call_end"), id: z.string().min(1) });

/** Schema for {@link ArtifactEvent}. */
export const ArtifactEventSchema = z.object({
  type: z.literal("artifact"),
  id: z.string(),
  name: z.string(),
  mime_type: z.string(),
  size_bytes: z.number().int().nonnegative(),
});

/** Schema for {@link ProgressEvent}. */
export const ProgressEventSchema = z.object({
  type: z.literal("progress"),
  percentage: z.number().min(0).max(100),
  step: z.string().optional(),
  step_number: z.number().int().optional(),
  total_steps: z.number().int().optional(),
});

/** Schema for {@link ErrorEvent}. */
export const ErrorEventSchema = z.object({
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
  TextEventSchema,
  ThinkingEventSchema,
  ToolCallStartEventSchema,
  ToolCallDeltaEventSchema,
  ToolResultEventSchema,
  ToolCallEndEventSchema,
  ArtifactEventSchema,
  ProgressEventSchema,
  ErrorEventSchema,
  DoneEventSchema,
]);

/** Every event `type`, for consumers that dispatch on it. */
export const EXECUTION_EVENT_TYPES: readonly ExecutionEventType[] = ExecutionEventSchema.options.map(
  (option) => option.shape.type.value,
);
