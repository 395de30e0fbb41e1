import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "@letta-ai/letta-client";
import {
  AgentBusyError,
  AuthenticationError,
  CancelledError,
  ConflictError,
  ConnectionError,
  HarnessApiError,
  InvalidRequestError,
  NotFoundError,
  PendingApprovalError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
} from "@openharness/adapter-kit";
import { describe, expect, it } from "vitest";
import { mapLettaError } from "./map-letta-error";

const KEY = "sk-let-ThisIsTheSecretKey123";
const http = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  APIError.generate(status, body as object, undefined, new Headers(headers));

describe("mapLettaError", () => {
  it("maps HTTP statuses to the kit's error families, keeping Letta's detail", () => {
    const cases: [APIError, (e: unknown) => boolean, RegExp][] = [
      [http(401, { detail: "Invalid API key" }), AuthenticationError.isInstance, /Invalid API key.*LETTA_API_KEY/],
      [
        http(403, { detail: "Forbidden" }),
        PermissionDeniedError.isInstance,
        /getAgent failed: permission denied \(Letta answered 403: Forbidden\)\./,
      ],
      [
        http(422, { detail: "Messages must not be empty" }),
        InvalidRequestError.isInstance,
        /Messages must not be empty/,
      ],
      [http(400, { detail: "Tool with name x already exists" }), ConflictError.isInstance, /already exists/],
      [
        http(500, { detail: "An unknown error occurred" }),
        HarnessApiError.isInstance,
        /getAgent failed \(Letta answered 500: An unknown error occurred\)\./,
      ],
    ];
    for (const [error, is, message] of cases) {
      const mapped = mapLettaError(error, { operation: "getAgent" }) as Error;
      expect(is(mapped), `${error.status}`).toBe(true);
      expect(mapped.message).toMatch(message);
    }
  });

  it("names what was not found, and tells a missing agent from a missing block", () => {
    const block = mapLettaError(http(404, { detail: "Block with label notes not found" }), {
      resource: "memory_block",
      resourceId: "notes",
    });
    expect(NotFoundError.isInstance(block) && block.resource === "memory_block" && block.resourceId === "notes").toBe(
      true,
    );
    const agent = mapLettaError(http(404, { detail: "Agent agent-123 not found" }), {
      resource: "memory_block",
      resourceId: "notes",
    });
    expect(NotFoundError.isInstance(agent) && agent.resource === "agent").toBe(true);
  });

  it("tells a busy agent from a pending approval on 409", () => {
    const busy = mapLettaError(
      http(409, {
        detail: "CONFLICT: Cannot send a new message: Another request (run_id=run-42) is currently being processed",
        run_id: "run-42",
      }),
    );
    expect(AgentBusyError.isInstance(busy) && busy.runId === "run-42" && busy.retryable).toBe(true);
    const pending = mapLettaError(
      http(409, {
        detail: {
          code: "PENDING_APPROVAL",
          message: "The agent is waiting for approval on a tool call",
          pending_request_id: "message-7",
        },
      }),
    );
    expect(PendingApprovalError.isInstance(pending) && pending.requestId === "message-7").toBe(true);
    expect(AgentBusyError.isInstance(pending)).toBe(false);
    expect((pending as PendingApprovalError).hint).toMatch(/Approve or deny/);
  });

  it("reads retry-after (seconds) and retry-after-ms on 429", () => {
    const seconds = mapLettaError(http(429, { detail: "slow down" }, { "retry-after": "3" }));
    expect(RateLimitError.isInstance(seconds) && seconds.retryAfterMs).toBe(3000);
    const ms = mapLettaError(http(429, { detail: "slow down" }, { "retry-after-ms": "250" }));
    expect(RateLimitError.isInstance(ms) && ms.retryAfterMs).toBe(250);
  });

  it("maps an in-stream error_message by its error_type, with the run id", () => {
    const body = {
      message_type: "error_message",
      run_id: "run-9",
      error_type: "llm_error",
      message: "An error occurred with the LLM request.",
      detail: "Unhandled LLM error",
    };
    const mapped = mapLettaError(new APIError(undefined, body, undefined, undefined));
    expect(HarnessApiError.isInstance(mapped)).toBe(true);
    expect((mapped as HarnessApiError).status).toBeUndefined();
    expect((mapped as HarnessApiError).details).toMatchObject({
      error_type: "llm_error",
      run_id: "run-9",
      detail: "Unhandled LLM error",
    });
    const rate = mapLettaError(
      new APIError(undefined, { ...body, error_type: "llm_rate_limit" }, undefined, undefined),
    );
    expect(RateLimitError.isInstance(rate)).toBe(true);
    const approval = mapLettaError(
      new APIError(
        undefined,
        {
          ...body,
          error_type: "internal_error",
          message: "CONFLICT: Cannot send a new message: The agent is waiting for approval",
        },
        undefined,
        undefined,
      ),
    );
    expect(PendingApprovalError.isInstance(approval)).toBe(true);
  });

  it("maps connection failures, timeouts and aborts", () => {
    expect(
      ConnectionError.isInstance(mapLettaError(new APIConnectionError({ cause: new Error("ECONNREFUSED") }))),
    ).toBe(true);
    expect(TimeoutError.isInstance(mapLettaError(new APIConnectionTimeoutError()))).toBe(true);
    expect(CancelledError.isInstance(mapLettaError(new APIUserAbortError()))).toBe(true);
  });

  it("never lets the API key through in a message or the details", () => {
    const mapped = mapLettaError(http(401, { detail: `Invalid API key ${KEY}` }), {
      secret: KEY,
    }) as AuthenticationError;
    expect(mapped.message).not.toContain(KEY);
    expect(JSON.stringify(mapped)).not.toContain(KEY);
    expect(mapped.message).toContain("[redacted]");
  });

  it("leaves errors that are not Letta's alone", () => {
    const bug = new TypeError("x is not a function");
    expect(mapLettaError(bug)).toBe(bug);
  });
});
