import { type APIError, NotFoundError, UnprocessableEntityError } from "@letta-ai/letta-client";
import { describe, expect, it } from "vitest";
import { allowContractViolations } from "../src/contract/index.js";
import { createTestAgent, useLettaEmulator } from "./support/emulator-fixture.js";

const fx = useLettaEmulator();

describe("archival memory", () => {
  it("inserts passages (returning a list) and lists them oldest first", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const created = await client.agents.passages.create(agent.id, {
      text: "Sam's cat is called Miso.",
      tags: ["pets"],
    });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      text: "Sam's cat is called Miso.",
      tags: ["pets"],
      embedding: null,
      embedding_config: null,
      is_deleted: false,
    });
    expect(created[0]?.id).toMatch(/^passage-/);
    await client.agents.passages.create(agent.id, { text: "Sam works at a bakery." });
    await client.agents.passages.create(agent.id, { text: "Sam likes long walks." });
    const list = await client.agents.passages.list(agent.id);
    expect(list.map((p) => p.text)).toEqual([
      "Sam's cat is called Miso.",
      "Sam works at a bakery.",
      "Sam likes long walks.",
    ]);
    const newest = await client.agents.passages.list(agent.id, { ascending: false, limit: 2 });
    expect(newest.map((p) => p.text)).toEqual(["Sam likes long walks.", "Sam works at a bakery."]);
    const after = await client.agents.passages.list(agent.id, { after: list[0]?.id ?? "", limit: 1 });
    expect(after.map((p) => p.text)).toEqual(["Sam works at a bakery."]);
    expect((await client.agents.passages.list(agent.id, { search: "bakery" })).map((p) => p.text)).toEqual([
      "Sam works at a bakery.",
    ]);
  });

  it("searches by word overlap, filters by tags, honours top_k", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    await client.agents.passages.create(agent.id, { text: "The cat sleeps on the sofa.", tags: ["pets", "home"] });
    await client.agents.passages.create(agent.id, { text: "The cat likes tuna and the cat purrs.", tags: ["pets"] });
    await client.agents.passages.create(agent.id, { text: "Quarterly report due Friday.", tags: ["work"] });
    const result = await client.agents.passages.search(agent.id, { query: "what does the cat like" });
    expect(result.count).toBe(2);
    expect(result.results.map((r) => r.content)).toEqual([
      "The cat likes tuna and the cat purrs.",
      "The cat sleeps on the sofa.",
    ]);
    expect(result.results[0]).toMatchObject({ tags: ["pets"] });
    expect(result.results[0]?.id).toMatch(/^passage-/);
    expect(
      (await client.agents.passages.search(agent.id, { query: "cat", tags: ["home"] })).results.map((r) => r.content),
    ).toEqual(["The cat sleeps on the sofa."]);
    expect(
      (await client.agents.passages.search(agent.id, { query: "cat", tags: ["pets", "home"], tag_match_mode: "all" }))
        .count,
    ).toBe(1);
    expect((await client.agents.passages.search(agent.id, { query: "cat", top_k: 1 })).count).toBe(1);
    expect((await client.agents.passages.search(agent.id, { query: "zebra" })).count).toBe(0);
  });

  it("deletes a passage and 404s for an unknown one", async () => {
    const client = fx.client();
    const agent = await createTestAgent(client);
    const [passage] = await client.agents.passages.create(agent.id, { text: "temporary" });
    const id = passage?.id ?? "";
    expect(await client.agents.passages.delete(id, { agent_id: agent.id })).toEqual({
      message: `Memory id=${id} successfully deleted`,
    });
    expect(await client.agents.passages.list(agent.id)).toEqual([]);
    const error = await client.agents.passages.delete(id, { agent_id: agent.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it("requires a query for search (422)", async () => {
    allowContractViolations(
      "search without the required `query` on purpose",
      (v) => v.location === "request.query.query",
    );
    const client = fx.client();
    const agent = await createTestAgent(client);
    const error = await client.get(`/v1/agents/${agent.id}/archival-memory/search`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as APIError).error).toMatchObject({ detail: "query.query: Field required" });
  });
});
