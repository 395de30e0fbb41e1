import { describe, expect, it, vi } from "vitest";
import {
  AgentBusyError,
  AuthenticationError,
  CancelledError,
  ConflictError,
  ConnectionError,
  HarnessApiError,
  InvalidRequestError,
  NotFoundError,
  OpenHarnessError,
  PendingApprovalError,
  PermissionDeniedError,
  RateLimitError,
  StreamInterruptedError,
  TimeoutError,
  UnsupportedFeatureError,
} from "./index";

type ErrorClass = { name: string; isInstance(value: unknown): boolean } & (abstract new (...args: never[]) => Error);

interface Case {
  Class: ErrorClass;
  /** Builds the error from a module's exports, so the same case can run against a second copy. */
  make: (m: typeof import("./index")) => OpenHarnessError;
  code: string;
  retryable: boolean;
  ancestors: ErrorClass[];
  fields: Record<string, unknown>;
}

const base = { message: "It went wrong", harness: "letta" };

const cases: Case[] = [
  {
    Class: OpenHarnessError,
    make: (m) =>
      new m.OpenHarnessError({ ...base, code: "custom_code", domain: "agents", operation: "get", details: { a: 1 } }),
    code: "custom_code",
    retryable: false,
    ancestors: [],
    fields: { domain: "agents", operation: "get", details: { a: 1 } },
  },
  {
    Class: InvalidRequestError,
    make: (m) =>
      new m.InvalidRequestError({
        what: "ExecuteRequest",
        issues: [{ path: "message", message: "Required" }],
        harness: "letta",
      }),
    code: "invalid_request",
    retryable: false,
    ancestors: [OpenHarnessError],
    fields: {
      issues: [{ path: "message", message: "Required" }],
      message: "Invalid ExecuteRequest: message: Required",
    },
  },
  {
    Class: UnsupportedFeatureError,
    make: (m) =>
      new m.UnsupportedFeatureError({
        harness: "Letta",
        domain: "sessions",
        operation: "create",
        reason: "Agents maintain state",
        workaround: "Use agents for persistent conversations",
      }),
    code: "capability_not_supported",
    retryable: false,
    ancestors: [OpenHarnessError],
    fields: {
      harness: "Letta",
      domain: "sessions",
      operation: "create",
      reason: "Agents maintain state",
      workaround: "Use agents for persistent conversations",
      message:
        "Letta does not support sessions.create: Agents maintain state. Workaround: Use agents for persistent conversations.",
    },
  },
  {
    Class: NotFoundError,
    make: (m) => new m.NotFoundError({ ...base, resource: "agent", resourceId: "agent-1" }),
    code: "not_found",
    retryable: false,
    ancestors: [OpenHarnessError],
    fields: { resource: "agent", resourceId: "agent-1", details: { resource: "agent", resource_id: "agent-1" } },
  },
  {
    Class: AuthenticationError,
    make: (m) => new m.AuthenticationError(base),
    code: "authentication_failed",
    retryable: false,
    ancestors: [OpenHarnessError],
    fields: {},
  },
  {
    Class: PermissionDeniedError,
    make: (m) => new m.PermissionDeniedError(base),
    code: "permission_denied",
    retryable: false,
    ancestors: [OpenHarnessError],
    fields: {},
  },
  {
    Class: RateLimitError,
    make: (m) => new m.RateLimitError({ ...base, retryAfterMs: 1500 }),
    code: "rate_limited",
    retryable: true,
    ancestors: [OpenHarnessError],
    fields: { retryAfterMs: 1500, details: { retry_after_ms: 1500 } },
  },
  {
    Class: ConflictError,
    make: (m) => new m.ConflictError({ ...base, hint: "Pick another label" }),
    code: "conflict",
    retryable: false,
    ancestors: [OpenHarnessError],
    fields: { hint: "Pick another label", details: { hint: "Pick another label" } },
  },
  {
    Class: AgentBusyError,
    make: (m) => new m.AgentBusyError({ ...base, runId: "run-1" }),
    code: "agent_busy",
    retryable: true,
    ancestors: [ConflictError, OpenHarnessError],
    fields: { runId: "run-1", hint: expect.stringContaining("Wait for the running turn") },
  },
  {
    Class: PendingApprovalError,
    make: (m) => new m.PendingApprovalError({ ...base, requestId: "req-1" }),
    code: "pending_approval",
    retryable: false,
    ancestors: [ConflictError, OpenHarnessError],
    fields: { requestId: "req-1", hint: expect.stringContaining("Approve or deny") },
  },
  {
    Class: HarnessApiError,
    make: (m) => new m.HarnessApiError({ ...base, status: 502 }),
    code: "harness_error",
    retryable: false,
    ancestors: [OpenHarnessError],
    fields: { status: 502, details: { status: 502 } },
  },
  {
    Class: ConnectionError,
    make: (m) => new m.ConnectionError(base),
    code: "connection_error",
    retryable: true,
    ancestors: [OpenHarnessError],
    fields: {},
  },
  {
    Class: TimeoutError,
    make: (m) => new m.TimeoutError({ ...base, timeoutMs: 30_000 }),
    code: "timeout",
    retryable: true,
    ancestors: [OpenHarnessError],
    fields: { timeoutMs: 30_000, details: { timeout_ms: 30_000 } },
  },
  {
    Class: StreamInterruptedError,
    make: (m) => new m.StreamInterruptedError({ ...base, runId: "run-2" }),
    code: "stream_interrupted",
    retryable: true,
    ancestors: [OpenHarnessError],
    fields: { runId: "run-2", details: { run_id: "run-2" } },
  },
  {
    Class: CancelledError,
    make: (m) => new m.CancelledError({ ...base, runId: "run-3" }),
    code: "cancelled",
    retryable: false,
    ancestors: [OpenHarnessError],
    fields: { runId: "run-3", details: { run_id: "run-3" } },
  },
];

const local = await import("./index");

// A second, independent copy of the module graph: what a user gets when two versions of the
// package end up in node_modules. `instanceof` fails across copies; `isInstance` must not.
vi.resetModules();
const copy = await import("./index");

describe.each(cases)("$Class.name", ({ Class, make, code, retryable, ancestors, fields }) => {
  const error = make(local);

  it("is an Error with its name, code, message and retryable default", () => {
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(Class);
    expect(error.name).toBe(Class.name);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(0);
    expect(error.retryable).toBe(retryable);
    expect(error.stack).toContain(Class.name);
  });

  it("carries its structured fields", () => {
    expect(error).toMatchObject(fields);
  });

  it("isInstance is true for itself and its ancestors, false for everything else", () => {
    for (const Other of [Class, ...ancestors]) expect(Other.isInstance(error), Other.name).toBe(true);
    const unrelated = cases.map((c) => c.Class).filter((Other) => Other !== Class && !ancestors.includes(Other));
    for (const Other of unrelated) expect(Other.isInstance(error), Other.name).toBe(false);
    for (const value of [null, undefined, 0, "not_found", {}, new Error("x"), { code, message: "x" }]) {
      expect(Class.isInstance(value)).toBe(false);
    }
  });

  it("isInstance and instanceof work across duplicate copies of the package", () => {
    const fromCopy = make(copy);
    expect(fromCopy).toBeInstanceOf(Class);
    expect(fromCopy instanceof OpenHarnessError).toBe(true);
    expect(Class.isInstance(fromCopy)).toBe(true);
    expect(OpenHarnessError.isInstance(fromCopy)).toBe(true);
    const CopyClass = (copy as unknown as Record<string, ErrorClass>)[Class.name]!;
    expect(CopyClass).not.toBe(Class);
    expect(CopyClass.isInstance(error)).toBe(true);
  });

  it("does not hand its identity to a spread copy", () => {
    expect(OpenHarnessError.isInstance({ ...error })).toBe(false);
  });

  it("serialises to the payload, with harness and retryable in details", () => {
    const payload = error.toPayload();
    expect(payload.code).toBe(code);
    expect(payload.message).toBe(error.message);
    expect(payload.details).toMatchObject({
      ...error.details,
      retryable,
      ...(error.harness ? { harness: error.harness } : {}),
    });
    if (error.domain) expect(payload.domain).toBe(error.domain);
    if (error.operation) expect(payload.operation).toBe(error.operation);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: Class.name, ...payload });
  });

  it("round-trips through errorFromPayload", () => {
    const back = local.errorFromPayload(JSON.parse(JSON.stringify(error.toPayload())));
    expect(Class.isInstance(back)).toBe(true);
    expect(back.name).toBe(Class.name);
    for (const key of ["code", "message", "retryable", "harness", "domain", "operation", "details"] as const) {
      expect(back[key], key).toEqual(error[key]);
    }
    expect(back).toMatchObject(fields);
    expect(back.toPayload()).toEqual(error.toPayload());
  });
});

describe("error options", () => {
  it("keeps the cause", () => {
    const cause = new Error("socket hang up");
    expect(new ConnectionError({ message: "unreachable", cause }).cause).toBe(cause);
  });

  it("lets an explicit retryable override the class default, and undefined keep it", () => {
    expect(new RateLimitError({ message: "slow down", retryable: false }).retryable).toBe(false);
    expect(new RateLimitError({ message: "slow down", retryable: undefined }).retryable).toBe(true);
    expect(new AuthenticationError({ message: "bad key", retryable: true }).retryable).toBe(true);
  });

  it("keeps the default hint when hint is explicitly undefined", () => {
    expect(new AgentBusyError({ message: "busy", hint: undefined }).hint).toMatch(/Wait for the running turn/);
    expect(new PendingApprovalError({ message: "waiting", hint: undefined }).hint).toMatch(/Approve or deny/);
    expect(new AgentBusyError({ message: "busy", hint: "Cancel run-1" }).hint).toBe("Cancel run-1");
  });

  it("keeps partial results on the error", () => {
    const partial = {
      output: "Hel",
      tool_calls: [],
      usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 },
      stop_reason: "error" as const,
      metadata: {},
    };
    expect(new StreamInterruptedError({ message: "cut", partial }).partial).toBe(partial);
  });

  it("writes one full stop in an unsupported-feature message whatever the declaration's punctuation", () => {
    const error = new UnsupportedFeatureError({
      harness: "Letta",
      domain: "mcp",
      operation: "connect",
      reason: "Not in Letta.",
      workaround: "Register tools directly. ",
    });
    expect(error.message).toBe(
      "Letta does not support mcp.connect: Not in Letta. Workaround: Register tools directly.",
    );
    expect(
      new UnsupportedFeatureError({ harness: "Goose", domain: "hooks", operation: "stop", reason: "not supported" })
        .message,
    ).toBe("Goose does not support hooks.stop: not supported.");
  });

  it("recognises an object carrying the Symbol.for marker as an instance (the contract between copies)", () => {
    const foreign = Object.defineProperty({}, Symbol.for("openharness.error.NotFoundError"), { value: true });
    expect(NotFoundError.isInstance(foreign)).toBe(true);
    expect(OpenHarnessError.isInstance(foreign)).toBe(false);
  });

  it("keeps the ordinary instanceof for a subclass of the caller's own", () => {
    class QuotaError extends OpenHarnessError {}
    const quota = new QuotaError({ message: "over quota", code: "quota" });
    expect(quota).toBeInstanceOf(QuotaError);
    expect(quota).toBeInstanceOf(OpenHarnessError);
    expect(new NotFoundError({ message: "x", resource: "agent" })).not.toBeInstanceOf(QuotaError);
    expect(quota).not.toBeInstanceOf(NotFoundError);
  });
});
