import {
  AuthenticationError,
  ConflictError,
  HarnessApiError,
  NotFoundError,
  type OpenHarnessError,
  RateLimitError,
} from "@openharness/adapter-kit";
import type { LettaFault } from "@openharness/letta-emulator";
import { describe, expect, it } from "vitest";
import { collect, rejection as rejectionOf, useLettaEmulator } from "../test/support/emulator-fixture";

// Letta's HTTP facts (letta-wire-facts.md 12–15) through the real SDK against the emulator.
const { emulator, newAdapter } = useLettaEmulator();

const rejection = (promise: Promise<unknown>) => rejectionOf<OpenHarnessError>(promise);
const onSend = { method: "POST", path: /\/messages$/ };
const sends = () => emulator.requests.filter((r) => r.method === "POST" && /\/messages$/.test(r.path));

describe("model-provider errors are told apart from Letta's own", () => {
  it("a provider 401 says the server's provider key failed, not the caller's Letta key", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    emulator.inject({ type: "provider-error", errorType: "llm_authentication", match: onSend });
    const error = await rejection(adapter.execute({ message: "hi", agent_id: agentId }));
    expect(AuthenticationError.isInstance(error)).toBe(false);
    expect(HarnessApiError.isInstance(error)).toBe(true);
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(
      /^execute failed: the model provider rejected the credentials configured on the Letta server \(Letta answered 401: Authentication failed with the LLM model provider\); your Letta API key was accepted/,
    );
    expect(error.message).not.toContain("LETTA_API_KEY");
    expect(error.details).toMatchObject({ status: 401, provider_error_type: "llm_authentication" });
  });

  it("a Letta 401 with a plain-text body is the caller's API key", async () => {
    emulator.inject({ type: "status", status: 401, body: "Invalid API key" });
    const error = await rejection(newAdapter().listAgents());
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      "listAgents failed: Letta rejected the API key (Letta answered 401: Invalid API key); check LETTA_API_KEY and the server URL.",
    );
  });

  it("a provider 429 is a RateLimitError with a readable sentence, not a JSON dump", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    emulator.inject({ type: "provider-error", errorType: "llm_rate_limit", match: onSend });
    const error = await rejection(adapter.execute({ message: "hi", agent_id: agentId }));
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(
      "execute failed: the model provider is rate-limiting Letta (Letta answered 429: Rate limit exceeded for LLM model provider. Please wait before making another request).",
    );
    expect(error.message).not.toMatch(/[{}]/);
  });
});

describe("a locked 409 with Retry-After", () => {
  it("on a send is retryable, carries the wait, and the message is sent once", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    emulator.inject({ type: "locked", match: onSend });
    const error = await rejection(adapter.execute({ message: "hi", agent_id: agentId }));
    expect(ConflictError.isInstance(error)).toBe(true);
    expect(error.retryable).toBe(true);
    expect(error.details).toMatchObject({ retry_after_ms: 1000 });
    expect(sends()).toHaveLength(1);
  });

  it("on a read is retried by the SDK after Retry-After, and succeeds", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({ name: "kept" });
    emulator.inject({ type: "locked", retryAfterSeconds: 0.01, match: { method: "GET" } });
    expect((await adapter.getAgent(agentId)).name).toBe("kept");
    expect(emulator.requests.filter((r) => r.method === "GET" && r.path.endsWith(agentId))).toHaveLength(2);
  });
});

describe("an in-stream error after output started", () => {
  it("is recoverable when Letta's stop reason says the model call failed", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    emulator.inject({
      type: "stream-error",
      phase: "after-output",
      errorType: "internal_error",
      stopReason: "llm_api_error",
      message: "An error occurred during agent execution.",
      detail: "Connection to the model provider failed",
    });
    const events = await collect(adapter.executeStream({ message: "My name is Sam", agent_id: agentId }));
    expect(events.at(-2)).toMatchObject({
      type: "error",
      recoverable: true,
      details: { stop_reason: "llm_api_error" },
    });
    expect(events.at(-1)).toMatchObject({ type: "done", stop_reason: "error" });
  });

  it("is not recoverable for a failure a retry cannot fix", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    emulator.inject({
      type: "stream-error",
      phase: "after-output",
      errorType: "context_window_overflow_in_system_prompt",
      stopReason: "context_window_overflow_in_system_prompt",
    });
    const events = await collect(adapter.executeStream({ message: "My name is Sam", agent_id: agentId }));
    expect(events.at(-2)).toMatchObject({ type: "error", recoverable: false });
  });
});

describe("lists end on a server that ignores paging cursors", () => {
  const ignore: LettaFault = { type: "ignore-cursor", times: Infinity, match: { method: "GET" } };
  const gets = (pattern: RegExp) => emulator.requests.filter((r) => r.method === "GET" && pattern.test(r.path));

  it("agents, blocks and tools: every item once, two requests per list", async () => {
    const adapter = newAdapter();
    const first = await adapter.createAgent({ name: "a" });
    await adapter.createAgent({ name: "b" });
    emulator.inject(ignore);
    const agents = await adapter.listAgents();
    expect(agents.map((a) => a.name).sort()).toEqual(["a", "b"]);
    expect(gets(/^\/v1\/agents\/$/)).toHaveLength(2);

    const blocks = await adapter.memory.getBlocks(first);
    expect(blocks.map((b) => b.label).sort()).toEqual(["human", "persona"]);
    expect(gets(/\/core-memory\/blocks$/)).toHaveLength(2);

    const tools = await adapter.listTools();
    expect(new Set(tools.map((t) => t.id)).size).toBe(tools.length);
    expect(gets(/^\/v1\/tools\/$/)).toHaveLength(2);
    const agentTools = await adapter.listTools({ agent_id: first });
    expect(agentTools.length).toBeGreaterThan(0);
  });
});

describe("createAgent's path", () => {
  it("works on Letta Cloud's router, which 404s the slashed POST /v1/agents/", async () => {
    emulator.inject({ type: "cloud-router", times: Infinity });
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({ name: "cloud" });
    expect((await adapter.getAgent(agentId)).name).toBe("cloud");
    expect(emulator.requests.filter((r) => r.method === "POST" && r.path.startsWith("/v1/agents"))).toHaveLength(1);
  });

  it("works on a server that wants the slash (FastAPI's 307), creating one agent", async () => {
    const adapter = newAdapter();
    await adapter.createAgent({ name: "self-hosted" });
    expect((await adapter.listAgents()).map((a) => a.name)).toEqual(["self-hosted"]);
  });
});

describe("error messages name the operation and the id", () => {
  const MISSING = "agent-00000000-0000-4000-8000-000000000000";

  it("deleting a missing block says deleteBlock and names the block and agent", async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    const error = await rejection(adapter.memory.deleteBlock(agentId, "nope"));
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(
      new RegExp(`^deleteBlock failed: memory block "nope" of agent ${agentId} was not found \\(Letta answered 404: `),
    );
    expect(error.message).not.toContain("getBlock");
  });

  it("an invalid id says what is wrong with it", async () => {
    const error = await rejection(newAdapter().getAgent("block-00000000-0000-4000-8000-000000000000"));
    expect(error.message).toBe(
      'Invalid agentId: expected a Letta agent id (agent-<uuid>), got one starting with "block-".',
    );
    const empty = await rejection(newAdapter().getAgent("  "));
    expect(empty.message).toBe("Invalid agentId: expected a Letta agent id (agent-<uuid>), got an empty string.");
  });

  it("a 404 on execute names the agent", async () => {
    const error = await rejection(newAdapter().execute({ message: "hi", agent_id: MISSING }));
    expect(NotFoundError.isInstance(error) && error.resourceId).toBe(MISSING);
    expect(error.message).toMatch(
      new RegExp(`^execute failed: agent ${MISSING} was not found \\(Letta answered 404: `),
    );
  });
});
