import { ExecutionErrorEventSchema } from "../index";
import { describe, expect, it } from "vitest";
import { NotFoundError } from "./not-found-error";
import { UnsupportedFeatureError } from "./unsupported-feature-error";
import { toErrorEvent } from "./to-error-event";

describe("toErrorEvent", () => {
  it("keeps an OpenHarness error's code, retryability, details, harness, domain and operation", () => {
    const event = toErrorEvent(
      new UnsupportedFeatureError({ harness: "Letta", domain: "mcp", operation: "connect", reason: "Not in Letta" }),
    );
    expect(ExecutionErrorEventSchema.safeParse(event).success).toBe(true);
    expect(event).toEqual({
      type: "error",
      code: "capability_not_supported",
      message: "Letta does not support mcp.connect: Not in Letta.",
      recoverable: false,
      details: { reason: "Not in Letta", harness: "Letta", domain: "mcp", operation: "connect" },
    });
  });

  it("reports retryability as recoverable only, not again in details", () => {
    const event = toErrorEvent(new NotFoundError({ message: "gone", resource: "agent", retryable: true }));
    expect(event.recoverable).toBe(true);
    expect(event.details).toEqual({ resource: "agent" });
  });

  it("reports anything else as a non-recoverable harness_error", () => {
    expect(toErrorEvent(new TypeError("bad"))).toEqual({
      type: "error",
      code: "harness_error",
      message: "bad",
      recoverable: false,
    });
    expect(toErrorEvent("just a string")).toMatchObject({ code: "harness_error", message: "just a string" });
  });
});
