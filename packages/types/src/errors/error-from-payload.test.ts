import { emptyUsage } from "../index";
import { describe, expect, it } from "vitest";
import { errorFromPayload } from "./error-from-payload";
import { NotFoundError } from "./not-found-error";
import { OpenHarnessError } from "./openharness-error";
import { RateLimitError } from "./rate-limit-error";
import { UnsupportedFeatureError } from "./unsupported-feature-error";

describe("errorFromPayload", () => {
  it("reads the spec's upper-case CAPABILITY_NOT_SUPPORTED body", () => {
    const error = errorFromPayload({
      code: "CAPABILITY_NOT_SUPPORTED",
      message: "Sessions are not supported",
      domain: "sessions",
      operation: "create",
      details: { suggestion: "Use agents for persistent conversations", harness: "letta" },
    });
    expect(UnsupportedFeatureError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: "capability_not_supported",
      harness: "letta",
      domain: "sessions",
      operation: "create",
      reason: "Sessions are not supported",
      workaround: "Use agents for persistent conversations",
    });
    expect(error.message).toContain("Workaround: Use agents for persistent conversations.");
  });

  it("matches any code case-insensitively", () => {
    const error = errorFromPayload({
      code: "NOT_FOUND",
      message: "No agent",
      details: { resource: "agent", resource_id: "a-1" },
    });
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ resource: "agent", resourceId: "a-1" });
  });

  it("keeps an unknown code on a plain OpenHarnessError", () => {
    const error = errorFromPayload({ code: "quota_exhausted", message: "Out of credits", details: { plan: "free" } });
    expect(error.constructor).toBe(OpenHarnessError);
    expect(error).toMatchObject({
      code: "quota_exhausted",
      message: "Out of credits",
      details: { plan: "free" },
      retryable: false,
    });
  });

  it("lets the caller's harness, retryable and partial win over the payload", () => {
    const partial = {
      output: "so far",
      tool_calls: [],
      usage: emptyUsage(),
      stop_reason: "error" as const,
      metadata: {},
    };
    const error = errorFromPayload(
      { code: "rate_limited", message: "slow down", details: { retryable: true, harness: "other" } },
      { harness: "letta", retryable: false, partial },
    );
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ harness: "letta", retryable: false });
    expect(error.partial).toBe(partial);
  });

  it("falls back to the class default when the payload does not say whether to retry", () => {
    expect(errorFromPayload({ code: "timeout", message: "slow" }).retryable).toBe(true);
    expect(errorFromPayload({ code: "timeout", message: "slow", details: { retryable: false } }).retryable).toBe(false);
  });

  it("does not leave the transport fields harness and retryable in details", () => {
    const error = errorFromPayload({
      code: "conflict",
      message: "dup",
      details: { hint: "rename", harness: "letta", retryable: true },
    });
    expect(error.details).toEqual({ hint: "rename" });
    expect(error.harness).toBe("letta");
  });

  it("rebuilds an invalid_request without issues from its message", () => {
    const error = errorFromPayload({ code: "invalid_request", message: "message is required" });
    expect(error.message).toBe("message is required");
    expect(error.details).toEqual({ issues: [{ path: "(root)", message: "message is required" }] });
  });
});
