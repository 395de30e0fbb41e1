import { describe, expect, it } from "vitest";
import { emptyUsage, type ExecutionErrorEvent, type ExecutionResult } from "../index";
import { errorFromEvent } from "./error-from-event";
import { HarnessApiError } from "./harness-api-error";
import { NotFoundError } from "./not-found-error";
import { PendingApprovalError } from "./pending-approval-error";
import { toErrorEvent } from "./to-error-event";

const partial: ExecutionResult = {
  output: "so far",
  tool_calls: [],
  usage: emptyUsage(),
  stop_reason: "error",
  metadata: {},
};
const overTheWire = (event: ExecutionErrorEvent): ExecutionErrorEvent => JSON.parse(JSON.stringify(event));

describe("errorFromEvent", () => {
  it("gives back the very error toErrorEvent was made from, cause intact, adding partial", () => {
    const cause = new Error("HTTP 404");
    const thrown = new NotFoundError({ message: "No agent a-1.", resource: "agent", resourceId: "a-1", cause });
    const error = errorFromEvent(toErrorEvent(thrown), { partial });
    expect(error).toBe(thrown);
    expect(error.cause).toBe(cause);
    expect(error.partial).toBe(partial);
  });

  it("keeps a partial the error already has", () => {
    const own = { ...partial, output: "own" };
    const thrown = new NotFoundError({ message: "gone", resource: "agent", partial: own });
    expect(errorFromEvent(toErrorEvent(thrown), { partial }).partial).toBe(own);
  });

  it("rebuilds an event that arrived as data from its payload, domain and operation included", () => {
    const sent = new NotFoundError({
      message: "No agent a-1.",
      harness: "Letta",
      domain: "agents",
      operation: "get",
      resource: "agent",
      resourceId: "a-1",
    });
    const event = overTheWire(toErrorEvent(sent));
    expect(JSON.stringify(event)).not.toContain("thrown");
    const error = errorFromEvent(event, { partial });
    expect(error).not.toBe(sent);
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      message: "No agent a-1.",
      harness: "Letta",
      domain: "agents",
      operation: "get",
      resourceId: "a-1",
      retryable: false,
      partial,
    });
    expect(error.cause).toBeUndefined();
  });

  it("rebuilds a pending approval with the pending request, so another process can answer it", () => {
    const approvalRequest = {
      type: "approval_request" as const,
      id: "message-1",
      tool_calls: [{ id: "call_1", name: "delete_file", input: { path: "/tmp/a" } }],
    };
    const sent = new PendingApprovalError({
      message: "The agent waits for approval.",
      harness: "Letta",
      approvalRequest,
    });
    const error = errorFromEvent(overTheWire(toErrorEvent(sent)));
    expect(PendingApprovalError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ requestId: "message-1", approvalRequest });
  });

  it("types a thrown non-OpenHarness value, keeping it as cause", () => {
    const thrown = new TypeError("undefined is not a function");
    const error = errorFromEvent(toErrorEvent(thrown));
    expect(HarnessApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: "harness_error", message: "undefined is not a function" });
    expect(error.cause).toBe(thrown);
  });

  it("leaves the event itself plain data: equal to its JSON copy", () => {
    const event = toErrorEvent(new NotFoundError({ message: "gone", resource: "agent" }));
    expect(event).toEqual(overTheWire(event));
    expect(Object.keys(event)).toEqual(["type", "code", "message", "recoverable", "details"]);
  });
});
