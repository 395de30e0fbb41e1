import {
  type APIError,
  AuthenticationError,
  ConflictError,
  NotFoundError,
  RateLimitError,
} from "@letta-ai/letta-client";
import { describe, expect, it } from "vitest";
import { createTestAgent, useLettaEmulator } from "./support/emulator-fixture.js";

const fx = useLettaEmulator();

// The HTTP facts of letta-wire-facts.md (12–15), reproduced through the fault language.
describe("faults for Letta's HTTP facts", () => {
  it("answers a model-provider error with Letta's `error` body, not `detail`", async () => {
    fx.emulator.inject({ type: "provider-error", errorType: "llm_authentication" });
    const auth = await fx
      .client()
      .agents.list()
      .catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(AuthenticationError);
    expect((auth as APIError).error).toEqual({
      error: {
        type: "llm_authentication",
        message: "Authentication failed with the LLM model provider.",
        detail: expect.any(String),
      },
    });
    fx.emulator.inject({ type: "provider-error", errorType: "llm_rate_limit", detail: "slow down" });
    const limited = await fx
      .client()
      .agents.list()
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as APIError).error).toMatchObject({ error: { type: "llm_rate_limit", detail: "slow down" } });
  });

  it("answers a database lock with 409 and Retry-After, which the SDK retries for reads", async () => {
    fx.emulator.inject({ type: "locked", retryAfterSeconds: 3 });
    const error = await fx
      .client()
      .agents.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as APIError).headers?.get("retry-after")).toBe("3");
    expect((error as APIError).error).toEqual({
      detail: "The resource is currently locked by another operation. Please retry shortly.",
    });
  });

  it("ignores paging cursors: every page is the first", async () => {
    const client = fx.client();
    const first = await createTestAgent(client);
    await createTestAgent(client);
    fx.emulator.inject({ type: "ignore-cursor", times: 2 });
    const page = await client.agents.list({ limit: 1, order: "asc" });
    const next = await client.agents.list({ limit: 1, order: "asc", after: page.items[0]?.id });
    expect(page.items.map((a) => a.id)).toEqual([first.id]);
    expect(next.items.map((a) => a.id)).toEqual([first.id]);
  });

  it("404s the slashed POST /v1/agents/ like Cloud's router, and nothing else", async () => {
    fx.emulator.inject({ type: "cloud-router", times: Infinity });
    const client = fx.client();
    const error = await client.agents.create({ name: "a" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as APIError).error).toEqual({ error: "Not Found" });
    const created = await client.post<{ id: string }>("/v1/agents", {
      body: { name: "a", model: "openai/gpt-4o-mini" },
    });
    expect((await client.agents.retrieve(created.id)).name).toBe("a");
  });
});
