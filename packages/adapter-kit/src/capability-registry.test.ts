import { CAPABILITY_DOMAINS, CAPABILITY_VOCABULARY, CapabilityManifestSchema } from "@openharness/types";
import { describe, expect, it } from "vitest";
import { CapabilityRegistry, declarationFor } from "./capability-registry";
import { UnsupportedFeatureError } from "@openharness/types/errors";

const harness = { id: "echo", name: "Echo", version: "1.2.3" };
const registry = () =>
  new CapabilityRegistry(harness, {
    "agents.create": { status: "supported" },
    "memory.blocks": { status: "partial", limitations: ["no read-only blocks"] },
    "sessions.create": { status: "unsupported", reason: "Agents maintain state", workaround: "Use agents" },
  });

const vocabularySize = Object.values(CAPABILITY_VOCABULARY).reduce((sum, ops) => sum + ops.length, 0);

describe("CapabilityRegistry", () => {
  it("answers get/isSupported for declared and undeclared operations", () => {
    const r = registry();
    expect(r.get("agents", "create")).toEqual({ status: "supported" });
    expect(r.isSupported("agents", "create")).toBe(true);
    expect(r.get("memory", "blocks")).toEqual({ status: "partial", limitations: ["no read-only blocks"] });
    expect(r.isSupported("memory", "blocks")).toBe(true);
    expect(r.isSupported("sessions", "create")).toBe(false);
    // Left out means unsupported, with a reason rather than silence.
    expect(r.get("mcp", "connect")).toEqual({ status: "unsupported", reason: expect.stringContaining("Echo") });
  });

  it("assertSupported passes for usable operations and throws UnsupportedFeatureError with the declaration otherwise", () => {
    const r = registry();
    expect(() => r.assertSupported("agents", "create")).not.toThrow();
    expect(() => r.assertSupported("memory", "blocks")).not.toThrow();
    let thrown: unknown;
    try {
      r.assertSupported("sessions", "create");
    } catch (error) {
      thrown = error;
    }
    expect(UnsupportedFeatureError.isInstance(thrown)).toBe(true);
    expect(thrown).toMatchObject({
      harness: "Echo",
      domain: "sessions",
      operation: "create",
      reason: "Agents maintain state",
      workaround: "Use agents",
    });
  });

  it("list() covers every vocabulary operation once, and filters by status", () => {
    const all = registry().list();
    expect(all).toHaveLength(vocabularySize);
    expect(new Set(all.map((row) => `${row.domain}.${row.operation}`)).size).toBe(vocabularySize);
    expect(
      registry()
        .list("supported")
        .map((row) => `${row.domain}.${row.operation}`),
    ).toEqual(["agents.create"]);
    expect(
      registry()
        .list("partial")
        .map((row) => `${row.domain}.${row.operation}`),
    ).toEqual(["memory.blocks"]);
    expect(registry().list("unsupported")).toHaveLength(vocabularySize - 2);
  });

  it("toManifest() is valid, names the harness, and covers all 12 domains with every operation", () => {
    const manifest = registry().toManifest();
    expect(CapabilityManifestSchema.safeParse(manifest).success).toBe(true);
    expect(manifest).toMatchObject({ harness_id: "echo", harness_name: "Echo", version: "1.2.3" });
    expect(Object.keys(manifest.capabilities)).toEqual(CAPABILITY_DOMAINS);
    expect(CAPABILITY_DOMAINS).toHaveLength(12);
    for (const domain of CAPABILITY_DOMAINS) {
      expect(Object.keys(manifest.capabilities[domain].operations)).toEqual([...CAPABILITY_VOCABULARY[domain]]);
    }
    expect(manifest.capabilities.agents.supported).toBe(true);
    expect(manifest.capabilities.memory.supported).toBe(true);
    expect(manifest.capabilities.sessions.supported).toBe(false);
    expect(manifest.capabilities.sessions.operations.create).toEqual({
      status: "unsupported",
      reason: "Agents maintain state",
      workaround: "Use agents",
    });
  });

  it("rejects keys outside the vocabulary", () => {
    for (const key of [
      "agents.teleport",
      "telepathy.read",
      "agents",
      "agents.create.extra",
      "toString.x",
      "__proto__.x",
    ]) {
      expect(() => new CapabilityRegistry(harness, { [key]: { status: "supported" } }), key).toThrow(
        /Unknown capability/,
      );
    }
    const r = registry();
    expect(() => r.get("memory", "block" as "blocks")).toThrow(/Unknown capability "memory.block"/);
    expect(() => r.isSupported("nope" as "memory", "blocks")).toThrow(/Unknown capability/);
  });

  it("rejects an entry with an unknown status", () => {
    expect(() => new CapabilityRegistry(harness, { "agents.get": { status: "maybe" as "supported" } })).toThrow(
      /Invalid capability "agents.get"/,
    );
  });

  it("cannot be changed through the objects it returns", () => {
    const r = registry();
    r.get("memory", "blocks").limitations?.push("edited");
    r.toManifest().capabilities.agents.operations.create!.status = "unsupported";
    expect(r.get("memory", "blocks").limitations).toEqual(["no read-only blocks"]);
    expect(r.isSupported("agents", "create")).toBe(true);
  });
});

describe("declarationFor", () => {
  it("uses an operation's own declaration, or the domain-wide one", () => {
    const declarations = {
      sessions: { status: "unsupported" as const, reason: "Agents maintain state" },
      memory: { archive: { status: "partial" as const, limitations: ["no tags"] } },
    };
    expect(declarationFor(declarations, "sessions", "fork")).toEqual(declarations.sessions);
    expect(declarationFor(declarations, "memory", "archive")).toEqual({ status: "partial", limitations: ["no tags"] });
    expect(declarationFor(declarations, "memory", "blocks")).toBeUndefined();
    expect(declarationFor(declarations, "mcp", "connect")).toBeUndefined();
  });
});
