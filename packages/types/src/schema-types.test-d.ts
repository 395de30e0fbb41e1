import { describe, expectTypeOf, test } from "vitest";
import type { z } from "zod";
import type * as T from "./index";
import type {
  AgentSchema,
  ApprovalDecisionSchema,
  ApprovalRequestEventSchema,
  ApprovalResponseSchema,
  CreateSessionRequestSchema,
  MemoryUpdateEventSchema,
  MessageSchema,
  SessionHistoryOptionsSchema,
  SessionSchema,
  ToolCallSchema,
  ArtifactEventSchema,
  CapabilityManifestSchema,
  CreateAgentRequestSchema,
  CreateMemoryBlockSchema,
  DomainCapabilitySchema,
  DoneEventSchema,
  ExecutionErrorEventSchema,
  ErrorPayloadSchema,
  EXECUTION_EVENT_TYPES,
  ExecuteRequestSchema,
  ExecutionEventSchema,
  ExecutionResultSchema,
  JsonObjectSchema,
  MemoryBlockSchema,
  MemoryBlockUpdateSchema,
  OperationCapabilitySchema,
  PassageSchema,
  PassageSearchResultSchema,
  ExecutionProgressEventSchema,
  StopReasonSchema,
  ExecutionTextEventSchema,
  ThinkingEventSchema,
  ToolCallDeltaEventSchema,
  ToolCallEndEventSchema,
  ToolCallRecordSchema,
  ToolCallStartEventSchema,
  ToolResultEventSchema,
  ToolSchema,
  UsageSchema,
} from "./index";

// The declared interfaces are the documented contract; these prove each schema validates exactly
// that shape, both what it accepts (z.input) and what it returns (z.infer), so neither can drift.

describe("schemas infer exactly their declared types", () => {
  test("usage, stop reason, json", () => {
    expectTypeOf<z.infer<typeof UsageSchema>>().toEqualTypeOf<T.Usage>();
    expectTypeOf<z.input<typeof UsageSchema>>().toEqualTypeOf<T.Usage>();
    expectTypeOf<z.infer<typeof StopReasonSchema>>().toEqualTypeOf<T.StopReason>();
    expectTypeOf<z.input<typeof StopReasonSchema>>().toEqualTypeOf<T.StopReason>();
    expectTypeOf<z.infer<typeof JsonObjectSchema>>().toEqualTypeOf<T.JsonObject>();
    expectTypeOf<z.input<typeof JsonObjectSchema>>().toEqualTypeOf<T.JsonObject>();
  });

  test("execute request and result", () => {
    expectTypeOf<z.infer<typeof ExecuteRequestSchema>>().toEqualTypeOf<T.ExecuteRequest>();
    expectTypeOf<z.input<typeof ExecuteRequestSchema>>().toEqualTypeOf<T.ExecuteRequest>();
    expectTypeOf<z.infer<typeof ToolCallRecordSchema>>().toEqualTypeOf<T.ToolCallRecord>();
    expectTypeOf<z.input<typeof ToolCallRecordSchema>>().toEqualTypeOf<T.ToolCallRecord>();
    expectTypeOf<z.infer<typeof ExecutionResultSchema>>().toEqualTypeOf<T.ExecutionResult>();
    expectTypeOf<z.input<typeof ExecutionResultSchema>>().toEqualTypeOf<T.ExecutionResult>();
  });

  test("every execution event", () => {
    expectTypeOf<z.infer<typeof ExecutionTextEventSchema>>().toEqualTypeOf<T.ExecutionTextEvent>();
    expectTypeOf<z.input<typeof ExecutionTextEventSchema>>().toEqualTypeOf<T.ExecutionTextEvent>();
    expectTypeOf<z.infer<typeof ThinkingEventSchema>>().toEqualTypeOf<T.ThinkingEvent>();
    expectTypeOf<z.input<typeof ThinkingEventSchema>>().toEqualTypeOf<T.ThinkingEvent>();
    expectTypeOf<z.infer<typeof ToolCallStartEventSchema>>().toEqualTypeOf<T.ToolCallStartEvent>();
    expectTypeOf<z.input<typeof ToolCallStartEventSchema>>().toEqualTypeOf<T.ToolCallStartEvent>();
    expectTypeOf<z.infer<typeof ToolCallDeltaEventSchema>>().toEqualTypeOf<T.ToolCallDeltaEvent>();
    expectTypeOf<z.input<typeof ToolCallDeltaEventSchema>>().toEqualTypeOf<T.ToolCallDeltaEvent>();
    expectTypeOf<z.infer<typeof ToolResultEventSchema>>().toEqualTypeOf<T.ToolResultEvent>();
    expectTypeOf<z.input<typeof ToolResultEventSchema>>().toEqualTypeOf<T.ToolResultEvent>();
    expectTypeOf<z.infer<typeof ToolCallEndEventSchema>>().toEqualTypeOf<T.ToolCallEndEvent>();
    expectTypeOf<z.input<typeof ToolCallEndEventSchema>>().toEqualTypeOf<T.ToolCallEndEvent>();
    expectTypeOf<z.infer<typeof ApprovalRequestEventSchema>>().toEqualTypeOf<T.ApprovalRequestEvent>();
    expectTypeOf<z.input<typeof ApprovalRequestEventSchema>>().toEqualTypeOf<T.ApprovalRequestEvent>();
    expectTypeOf<z.infer<typeof MemoryUpdateEventSchema>>().toEqualTypeOf<T.MemoryUpdateEvent>();
    expectTypeOf<z.input<typeof MemoryUpdateEventSchema>>().toEqualTypeOf<T.MemoryUpdateEvent>();
    expectTypeOf<z.infer<typeof ToolCallSchema>>().toEqualTypeOf<T.ToolCall>();
    expectTypeOf<z.infer<typeof ArtifactEventSchema>>().toEqualTypeOf<T.ArtifactEvent>();
    expectTypeOf<z.input<typeof ArtifactEventSchema>>().toEqualTypeOf<T.ArtifactEvent>();
    expectTypeOf<z.infer<typeof ExecutionProgressEventSchema>>().toEqualTypeOf<T.ExecutionProgressEvent>();
    expectTypeOf<z.input<typeof ExecutionProgressEventSchema>>().toEqualTypeOf<T.ExecutionProgressEvent>();
    expectTypeOf<z.infer<typeof ExecutionErrorEventSchema>>().toEqualTypeOf<T.ExecutionErrorEvent>();
    expectTypeOf<z.input<typeof ExecutionErrorEventSchema>>().toEqualTypeOf<T.ExecutionErrorEvent>();
    expectTypeOf<z.infer<typeof DoneEventSchema>>().toEqualTypeOf<T.DoneEvent>();
    expectTypeOf<z.input<typeof DoneEventSchema>>().toEqualTypeOf<T.DoneEvent>();
    expectTypeOf<z.infer<typeof ExecutionEventSchema>>().toEqualTypeOf<T.ExecutionEvent>();
    expectTypeOf<z.input<typeof ExecutionEventSchema>>().toEqualTypeOf<T.ExecutionEvent>();
  });

  test("EXECUTION_EVENT_TYPES and ExecutionEventType are the union of the events' types", () => {
    expectTypeOf<(typeof EXECUTION_EVENT_TYPES)[number]>().toEqualTypeOf<T.ExecutionEventType>();
    expectTypeOf<z.infer<typeof ExecutionEventSchema>["type"]>().toEqualTypeOf<T.ExecutionEventType>();
    expectTypeOf<T.ExecutionEventType>().toEqualTypeOf<
      | "text"
      | "thinking"
      | "tool_call_start"
      | "tool_call_delta"
      | "tool_result"
      | "tool_call_end"
      | "approval_request"
      | "memory_update"
      | "artifact"
      | "progress"
      | "error"
      | "done"
    >();
  });

  test("agents, memory blocks, tools, passages", () => {
    expectTypeOf<z.infer<typeof AgentSchema>>().toEqualTypeOf<T.Agent>();
    expectTypeOf<z.input<typeof AgentSchema>>().toEqualTypeOf<T.Agent>();
    expectTypeOf<z.infer<typeof CreateAgentRequestSchema>>().toEqualTypeOf<T.CreateAgentRequest>();
    expectTypeOf<z.input<typeof CreateAgentRequestSchema>>().toEqualTypeOf<T.CreateAgentRequest>();
    expectTypeOf<z.infer<typeof MemoryBlockSchema>>().toEqualTypeOf<T.MemoryBlock>();
    expectTypeOf<z.input<typeof MemoryBlockSchema>>().toEqualTypeOf<T.MemoryBlock>();
    expectTypeOf<z.infer<typeof CreateMemoryBlockSchema>>().toEqualTypeOf<T.CreateMemoryBlock>();
    expectTypeOf<z.input<typeof CreateMemoryBlockSchema>>().toEqualTypeOf<T.CreateMemoryBlock>();
    expectTypeOf<z.infer<typeof MemoryBlockUpdateSchema>>().toEqualTypeOf<T.MemoryBlockUpdate>();
    expectTypeOf<z.input<typeof MemoryBlockUpdateSchema>>().toEqualTypeOf<T.MemoryBlockUpdate>();
    expectTypeOf<z.infer<typeof ToolSchema>>().toEqualTypeOf<T.Tool>();
    expectTypeOf<z.input<typeof ToolSchema>>().toEqualTypeOf<T.Tool>();
    expectTypeOf<z.infer<typeof ToolSchema>["source"]>().toEqualTypeOf<T.ToolSource>();
    expectTypeOf<z.infer<typeof PassageSchema>>().toEqualTypeOf<T.Passage>();
    expectTypeOf<z.input<typeof PassageSchema>>().toEqualTypeOf<T.Passage>();
    expectTypeOf<z.infer<typeof PassageSearchResultSchema>>().toEqualTypeOf<T.PassageSearchResult>();
    expectTypeOf<z.input<typeof PassageSearchResultSchema>>().toEqualTypeOf<T.PassageSearchResult>();
  });

  test("sessions, messages and approval responses", () => {
    expectTypeOf<z.infer<typeof SessionSchema>>().toEqualTypeOf<T.Session>();
    expectTypeOf<z.input<typeof SessionSchema>>().toEqualTypeOf<T.Session>();
    expectTypeOf<z.infer<typeof CreateSessionRequestSchema>>().toEqualTypeOf<T.CreateSessionRequest>();
    expectTypeOf<z.infer<typeof SessionHistoryOptionsSchema>>().toEqualTypeOf<T.SessionHistoryOptions>();
    expectTypeOf<z.infer<typeof MessageSchema>>().toEqualTypeOf<T.Message>();
    expectTypeOf<z.input<typeof MessageSchema>>().toEqualTypeOf<T.Message>();
    expectTypeOf<z.infer<typeof ApprovalDecisionSchema>>().toEqualTypeOf<T.ApprovalDecision>();
    expectTypeOf<z.infer<typeof ApprovalResponseSchema>>().toEqualTypeOf<T.ApprovalResponse>();
    expectTypeOf<z.input<typeof ApprovalResponseSchema>>().toEqualTypeOf<T.ApprovalResponse>();
  });

  test("capabilities and errors", () => {
    expectTypeOf<z.infer<typeof OperationCapabilitySchema>>().toEqualTypeOf<T.OperationCapability>();
    expectTypeOf<z.input<typeof OperationCapabilitySchema>>().toEqualTypeOf<T.OperationCapability>();
    expectTypeOf<z.infer<typeof OperationCapabilitySchema>["status"]>().toEqualTypeOf<T.CapabilityStatus>();
    expectTypeOf<z.infer<typeof DomainCapabilitySchema>>().toEqualTypeOf<T.DomainCapability>();
    expectTypeOf<z.input<typeof DomainCapabilitySchema>>().toEqualTypeOf<T.DomainCapability>();
    expectTypeOf<z.infer<typeof CapabilityManifestSchema>>().toEqualTypeOf<T.CapabilityManifest>();
    expectTypeOf<z.input<typeof CapabilityManifestSchema>>().toEqualTypeOf<T.CapabilityManifest>();
    expectTypeOf<keyof z.infer<typeof CapabilityManifestSchema>["capabilities"]>().toEqualTypeOf<T.CapabilityDomain>();
    expectTypeOf<T.CapabilityOperation<"memory">>().toEqualTypeOf<
      "blocks" | "search" | "archive" | "cross-session" | "read-only" | "update-events"
    >();
    expectTypeOf<z.infer<typeof ErrorPayloadSchema>>().toEqualTypeOf<T.ErrorPayload>();
    expectTypeOf<z.input<typeof ErrorPayloadSchema>>().toEqualTypeOf<T.ErrorPayload>();
  });
});

describe("the contract's documented shapes", () => {
  test("event types cannot be confused with the DOM's ErrorEvent, ProgressEvent or TextEvent", () => {
    // @ts-expect-error the contract's error event is ExecutionErrorEvent
    type _Error = T.ErrorEvent;
    // @ts-expect-error the contract's progress event is ExecutionProgressEvent
    type _Progress = T.ProgressEvent;
    // @ts-expect-error the contract's text event is ExecutionTextEvent
    type _Text = T.TextEvent;
    expectTypeOf<T.ExecutionErrorEvent["type"]>().toEqualTypeOf<"error">();
  });

  test("a tool call's end carries its complete arguments", () => {
    expectTypeOf<T.ToolCallEndEvent>().toHaveProperty("input").toEqualTypeOf<T.JsonObject>();
  });

  test("an approval decision needs its tool call and, to deny, may give a reason", () => {
    const approve: T.ApprovalDecision = { tool_call_id: "c1", approve: true };
    const deny: T.ApprovalDecision = { tool_call_id: "c1", approve: false, reason: "not now" };
    // @ts-expect-error approving takes no reason
    const wrong: T.ApprovalDecision = { tool_call_id: "c1", approve: true, reason: "x" };
    expectTypeOf([approve, deny, wrong]).items.toEqualTypeOf<T.ApprovalDecision>();
  });

  test("thinking carries `thinking`, not `content`", () => {
    expectTypeOf<T.ThinkingEvent>().toHaveProperty("thinking").toEqualTypeOf<string>();
    expectTypeOf<T.ThinkingEvent>().not.toHaveProperty("content");
  });

  test("a handler narrows events by type", () => {
    const handle = (event: T.ExecutionEvent) => {
      if (event.type === "text") expectTypeOf(event.content).toEqualTypeOf<string>();
      if (event.type === "done") expectTypeOf(event.usage.total_tokens).toEqualTypeOf<number>();
      if (event.type === "tool_call_start") expectTypeOf(event.input).toEqualTypeOf<T.JsonObject>();
    };
    expectTypeOf(handle).parameter(0).toEqualTypeOf<T.ExecutionEvent>();
  });

  test("validate returns the schema's output type", () => {
    expectTypeOf<ReturnType<typeof T.validate<typeof ExecuteRequestSchema>>>().toEqualTypeOf<
      T.ValidationResult<T.ExecuteRequest>
    >();
  });
});
