import { APIError } from "@letta-ai/letta-client";
import {
  AgentBusyError,
  HarnessApiError,
  PendingApprovalError,
  RateLimitError,
  TimeoutError,
} from "@openharness/adapter-kit";
import { describe, expect, it } from "vitest";
import { mapLettaStreamError } from "./map-letta-stream-error";

/** What the SDK throws for `event: error`: an APIError without status, the frame's JSON as its body. */
const inStream = (body: Record<string, unknown>) => new APIError(undefined, body, "fallback text", new Headers());
const context = { operation: "execute", resource: "agent", resourceId: "agent-1", domain: "execution" };

describe("an in-stream Letta error", () => {
  it("reads as one sentence naming the call, the run's agent, the error type, the message and the detail", () => {
    const error = mapLettaStreamError(
      inStream({ error_type: "llm_error", message: "The model failed.", detail: "upstream said no", run_id: "run-1" }),
      { ...context, stopReason: "llm_api_error" },
    );
    expect(error.message).toBe(
      "execute failed: Letta reported an error during the run of agent agent-1 (llm_error): The model failed. (upstream said no)",
    );
    expect(error.details).toMatchObject({
      error_type: "llm_error",
      detail: "upstream said no",
      run_id: "run-1",
      stop_reason: "llm_api_error",
    });
    expect([error.harness, error.domain, error.operation, error.retryable]).toEqual([
      "Letta",
      "execution",
      "execute",
      true,
    ]);
    expect(error.cause).toBeInstanceOf(APIError);
  });

  it("falls back to `code`, `error` and the SDK's message, and says so plainly without a call or a target", () => {
    expect(mapLettaStreamError(inStream({ code: "internal_error", error: "boom" }), {}).message).toBe(
      "Letta reported an error during the run (internal_error): boom",
    );
    expect(mapLettaStreamError(inStream({ error_type: 7 }), {}).message).toBe(
      "Letta reported an error during the run (unknown): no message",
    );
    // A frame that was not JSON: the SDK's message is its text.
    const raw = new APIError(undefined, "upstream exploded", undefined, new Headers());
    expect(mapLettaStreamError(raw, {}).message).toBe(
      `Letta reported an error during the run (unknown): ${raw.message}`,
    );
  });

  it("has no detail part when Letta sent no detail, with a key to redact or not", () => {
    expect(mapLettaStreamError(inStream({ message: "m" }), { secret: "sk-123456" }).message).toBe(
      "Letta reported an error during the run (unknown): m",
    );
  });

  it("redacts the key in the message and the detail", () => {
    const error = mapLettaStreamError(inStream({ message: "for sk-123456", detail: "Bearer sk-123456" }), {
      secret: "sk-123456",
    });
    expect(error.message).toBe(
      "Letta reported an error during the run (unknown): for [redacted] ([redacted])".replace(
        "([redacted])",
        "(Bearer [redacted])",
      ),
    );
  });

  it.each([
    ["llm_rate_limit", RateLimitError],
    ["llm_timeout", TimeoutError],
  ] as const)("%s is its own typed error", (errorType, type) => {
    expect(mapLettaStreamError(inStream({ error_type: errorType, message: "m" }), context)).toBeInstanceOf(type);
  });

  it("a busy agent or a pending approval is told by its message", () => {
    const busy = mapLettaStreamError(
      inStream({ message: "Another request is currently being processed", run_id: "run-9" }),
      context,
    );
    expect(busy).toBeInstanceOf(AgentBusyError);
    expect((busy as AgentBusyError).runId).toBe("run-9");
    expect(mapLettaStreamError(inStream({ message: "The agent is busy" }), context)).toBeInstanceOf(AgentBusyError);
    expect(mapLettaStreamError(inStream({ message: "Still waiting for approval" }), context)).toBeInstanceOf(
      PendingApprovalError,
    );
  });

  describe("whether a retry can help, from everything Letta sent", () => {
    const retryable = (body: Record<string, unknown>, stopReason?: string) =>
      mapLettaStreamError(inStream({ message: "m", ...body }), { ...context, stopReason }).retryable;

    it.each([
      "llm_authentication",
      "llm_bad_request",
      "llm_insufficient_credits",
      "context_window_overflow_in_system_prompt",
    ])("%s: never, even with a transient detail and stop reason", (errorType) => {
      expect(retryable({ error_type: errorType, detail: "rate limit, 503" }, "llm_api_error")).toBe(false);
      expect(mapLettaStreamError(inStream({ error_type: errorType }), context)).toBeInstanceOf(HarnessApiError);
    });

    it.each(["llm_error", "llm_server_error", "llm_connection_error", "llm_rate_limit", "llm_timeout"])(
      "%s: yes, whatever the stop reason",
      (errorType) => {
        expect(retryable({ error_type: errorType }, "error")).toBe(true);
      },
    );

    it.each([
      "Rate limit reached",
      "ratelimit",
      "request timed out",
      "timedout",
      "timeout",
      "model overloaded",
      "temporarily down",
      "service unavailable",
      "connection error",
      "connection reset by peer",
      "upstream 429",
      "got 502",
      "got 503",
      "status 529",
    ])("internal_error with the detail %j: yes", (detail) => {
      expect(retryable({ error_type: "internal_error", detail }, "error")).toBe(true);
    });

    it("internal_error after output: yes when the stop reason says the model call failed, else no", () => {
      expect(retryable({ error_type: "internal_error" }, "llm_api_error")).toBe(true);
      expect(retryable({ error_type: "internal_error", detail: "a bug" }, "error")).toBe(false);
      expect(retryable({ error_type: "internal_error", detail: "code 4290" }, "error")).toBe(false);
      expect(retryable({ error_type: "internal_error" })).toBe(false);
    });
  });
});
