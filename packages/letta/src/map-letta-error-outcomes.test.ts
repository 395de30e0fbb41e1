import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  LettaError,
} from "@letta-ai/letta-client";
import { describe, expect, it, vi } from "vitest";
import { type LettaErrorContext, mapLettaError } from "./map-letta-error";

// What a caller reads from each Letta answer, exactly: class, message, hint, retryability and
// the structured fields (the messages are the product; found by mutation testing).

const http = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  APIError.generate(status, body as object, `${status} ${JSON.stringify(body)}`, new Headers(headers));

/** The fields a caller reads, without the cause (it is the SDK error itself). */
function outcome(error: unknown) {
  const e = error as Record<string, unknown> & Error;
  const fields: Record<string, unknown> = { class: e.name, message: e.message, retryable: e.retryable };
  for (const key of [
    "hint",
    "retryAfterMs",
    "runId",
    "requestId",
    "resource",
    "resourceId",
    "status",
    "details",
    "issues",
  ])
    if (e[key] !== undefined) fields[key] = e[key];
  return fields;
}

const agentCall: LettaErrorContext = { operation: "getAgent", resource: "agent", resourceId: "agent-1" };
const bare: LettaErrorContext = {};

describe("mapLettaError, outcome by outcome", () => {
  it("model-provider failures name the provider, not the caller's key", () => {
    const provider = (type: string, status = 500, headers = {}) =>
      outcome(mapLettaError(http(status, { error: { type, message: `${type} happened` } }, headers), agentCall));
    expect(provider("llm_authentication", 401)).toMatchInlineSnapshot(`
      {
        "class": "HarnessApiError",
        "details": {
          "detail": "llm_authentication happened",
          "provider_error_type": "llm_authentication",
          "status": 401,
        },
        "message": "getAgent failed: the model provider rejected the credentials configured on the Letta server (Letta answered 401: llm_authentication happened); your Letta API key was accepted, so fix the provider key on the server.",
        "retryable": false,
        "status": 401,
      }
    `);
    expect(provider("llm_rate_limit", 429, { "retry-after-ms": "1500" })).toMatchInlineSnapshot(`
      {
        "class": "RateLimitError",
        "details": {
          "detail": "llm_rate_limit happened",
          "provider_error_type": "llm_rate_limit",
          "retry_after_ms": 1500,
          "status": 429,
        },
        "message": "getAgent failed: the model provider is rate-limiting Letta (Letta answered 429: llm_rate_limit happened).",
        "retryAfterMs": 1500,
        "retryable": true,
      }
    `);
    expect(provider("llm_timeout", 504)).toMatchInlineSnapshot(`
      {
        "class": "TimeoutError",
        "details": {
          "detail": "llm_timeout happened",
          "provider_error_type": "llm_timeout",
          "status": 504,
        },
        "message": "getAgent failed: the model provider timed out (Letta answered 504: llm_timeout happened).",
        "retryable": true,
      }
    `);
    expect(provider("llm_insufficient_credits", 402)).toMatchInlineSnapshot(`
      {
        "class": "HarnessApiError",
        "details": {
          "detail": "llm_insufficient_credits happened",
          "provider_error_type": "llm_insufficient_credits",
          "status": 402,
        },
        "message": "getAgent failed: the model provider account has no credits left (Letta answered 402: llm_insufficient_credits happened).",
        "retryable": false,
        "status": 402,
      }
    `);
    // An unknown provider error type is read by its status.
    expect(provider("llm_something_new", 502)).toMatchInlineSnapshot(`
      {
        "class": "HarnessApiError",
        "details": {
          "detail": "llm_something_new happened",
          "provider_error_type": "llm_something_new",
          "status": 502,
        },
        "message": "getAgent failed for agent agent-1 (Letta answered 502: llm_something_new happened).",
        "retryable": true,
        "status": 502,
      }
    `);
  });

  it("reads Retry-After in milliseconds, seconds or as a date, and ignores what it cannot read", () => {
    vi.useFakeTimers({ now: Date.parse("2026-06-10T12:00:00Z") });
    try {
      const wait = (headers: Record<string, string>) =>
        (mapLettaError(http(429, { detail: "slow down" }, headers), bare) as { retryAfterMs?: number }).retryAfterMs;
      expect(wait({ "retry-after-ms": "250" })).toBe(250);
      expect(wait({ "retry-after-ms": "0", "retry-after": "2" })).toBe(2000);
      expect(wait({ "retry-after": "Wed, 10 Jun 2026 12:00:05 GMT" })).toBe(5000);
      expect(wait({ "retry-after": "Wed, 10 Jun 2026 11:59:00 GMT" })).toBe(0);
      expect(wait({ "retry-after": "-3" })).toBe(0);
      expect(wait({ "retry-after": "soon" })).toBeUndefined();
      expect(wait({})).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it("each HTTP status, with and without a target to name", () => {
    for (const context of [agentCall, bare]) {
      const at = (status: number, detail: string, headers = {}) =>
        outcome(mapLettaError(http(status, { detail }, headers), context));
      expect([
        at(400, "Agent with name x already exists"),
        at(422, "field required: name"),
        at(401, "Invalid API key."),
        at(403, "Forbidden"),
        at(404, "Not Found"),
        at(408, "Request Timeout"),
        at(429, "Too many requests", { "retry-after": "3" }),
        at(500, "Internal error"),
        at(501, "Not implemented"),
        at(503, "Unavailable"),
      ]).toMatchSnapshot();
    }
  });

  it("tells the meanings of 409 apart (letta-wire-facts.md 13)", () => {
    const conflict = (body: unknown, headers = {}, context = agentCall) =>
      outcome(mapLettaError(http(409, body, headers), context));
    expect([
      conflict({ detail: { code: "PENDING_APPROVAL", message: "waiting", pending_request_id: "message-9" } }),
      conflict({ detail: "Cannot send a new message: the agent is waiting for approval on a tool call." }),
      conflict({ detail: "The agent is busy: another request is being processed. run_id=run-abc-1" }),
      conflict({ detail: "Agent is currently being processed", run_id: "run-def-2" }),
      conflict({ detail: "Conversation is busy" }),
      conflict({ detail: "Database is locked, please retry" }, { "retry-after": "1" }),
      conflict({ detail: "deadlock detected" }, {}, bare),
      conflict({ detail: "Name taken" }),
    ]).toMatchSnapshot();
  });

  it("a 4xx Letta does not single out is not retryable; a 409 lock is read from Retry-After alone too", () => {
    expect(outcome(mapLettaError(http(418, { detail: "teapot" }), bare))).toMatchObject({
      class: "HarnessApiError",
      retryable: false,
    });
    expect(outcome(mapLettaError(http(409, { detail: "Try again" }, { "retry-after": "2" }), bare))).toMatchObject({
      class: "ConflictError",
      retryable: true,
      hint: "Retry after 2000 ms.",
    });
    // A plain-text 409 body (no JSON) still says busy.
    const text = new APIError(409, undefined, "409 Agent is busy", new Headers());
    expect(outcome(mapLettaError(text, bare))).toMatchObject({ class: "AgentBusyError", retryable: true });
  });

  it("failures before any answer, and frames that are not JSON", () => {
    expect(
      [
        new APIUserAbortError(),
        new APIConnectionTimeoutError(),
        new APIConnectionError({ message: "fetch failed", cause: new Error("ECONNREFUSED 127.0.0.1:8283") }),
        new LettaError("Attempted to iterate over a response with no body"),
        new SyntaxError("Unexpected token"),
      ].map((error) => outcome(mapLettaError(error, bare))),
    ).toMatchInlineSnapshot(`
      [
        {
          "class": "CancelledError",
          "details": {},
          "message": "The request was cancelled.",
          "retryable": false,
        },
        {
          "class": "TimeoutError",
          "details": {},
          "message": "Letta did not answer before the timeout.",
          "retryable": true,
        },
        {
          "class": "ConnectionError",
          "details": {},
          "message": "Could not reach Letta: ECONNREFUSED 127.0.0.1:8283. Check the server URL and your network.",
          "retryable": true,
        },
        {
          "class": "HarnessApiError",
          "details": {},
          "message": "Attempted to iterate over a response with no body",
          "retryable": false,
        },
        {
          "class": "HarnessApiError",
          "details": {},
          "message": "Letta sent a stream frame that is not valid JSON; the stream cannot continue.",
          "retryable": true,
        },
      ]
    `);
  });
});
