import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as letta from "./index";
import { type ExecutionEvent, LettaAdapter, type MemoryBlock, NotFoundError } from "./index";

const BASE_URL = "https://letta.test";
const AGENT = "agent-00000000-0000-4000-8000-000000000404";
const server = setupServer(
  http.get(`${BASE_URL}/v1/agents/${AGENT}`, () =>
    HttpResponse.json({ detail: `Agent ${AGENT} not found` }, { status: 404 }),
  ),
);
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterAll(() => server.close());

describe("@openharness/letta's public surface", () => {
  it("exports the adapter, its constants and the error classes, and nothing internal", () => {
    expect(Object.keys(letta).sort()).toEqual([
      "AgentBusyError",
      "AuthenticationError",
      "CancelledError",
      "ClientToolRunner",
      "ConflictError",
      "ConnectionError",
      "HOST_TOOLS",
      "HarnessApiError",
      "InvalidRequestError",
      "LETTA_CLOUD_URL",
      "LettaAdapter",
      "LettaLocalAdapter",
      "NotFoundError",
      "OpenHarnessError",
      "PendingApprovalError",
      "PermissionDeniedError",
      "RateLimitError",
      "StreamInterruptedError",
      "TimeoutError",
      "UnsupportedFeatureError",
      "VERSION",
    ]);
  });

  it("lets a user catch a 404 with instanceof and isInstance, importing nothing else", async () => {
    const adapter = new LettaAdapter({ apiKey: "test-key", baseUrl: BASE_URL, env: {}, maxRetries: 0 });
    const error = await adapter.getAgent(AGENT).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error instanceof NotFoundError, String(error)).toBe(true);
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ resource: "agent", resourceId: AGENT });
  });

  it("names the contract types a user handles", () => {
    // Compile-time: these annotations fail to typecheck if the types are not exported.
    const text: ExecutionEvent = { type: "text", content: "hi" };
    const block: MemoryBlock = { label: "human", value: "Name: Sam" };
    expect([text.type, block.label]).toEqual(["text", "human"]);
  });
});
