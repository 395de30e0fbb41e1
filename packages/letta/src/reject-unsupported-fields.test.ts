import { UnsupportedFeatureError } from "@openharness/adapter-kit";
import { CAPABILITY_VOCABULARY, type ExecuteRequest } from "@openharness/types";
import { describe, expect, it } from "vitest";
import { rejection, useLettaEmulator } from "../test/support/emulator-fixture";
import { LettaLocalAdapter } from "./local/letta-local-adapter";
import { LOCAL_UNSUPPORTED_REQUEST_FIELDS } from "./local/local-execute-options";

const { emulator, newAdapter } = useLettaEmulator();

/** Whether an error names an operation of the contract's vocabulary. */
const inVocabulary = ({ domain, operation }: { domain: string; operation: string }) =>
  ((CAPABILITY_VOCABULARY as Record<string, readonly string[]>)[domain] ?? []).includes(operation);

const PER_TURN_FIELDS: Partial<ExecuteRequest>[] = [
  { session_id: "conv-1" },
  { skills: ["review"] },
  { tools: ["web_search"] },
  { max_tokens: 100 },
  { temperature: 0.1 },
];

describe("every UnsupportedFeatureError names an operation of the vocabulary, and the field", () => {
  it("Letta: per-turn fields it refuses, before anything is sent", async () => {
    const letta = newAdapter();
    const agent_id = await letta.createAgent({});
    const sent = emulator.requests.length;
    const refused: UnsupportedFeatureError[] = [];
    for (const field of PER_TURN_FIELDS) {
      const error = await rejection(letta.execute({ message: "hi", agent_id, ...field }));
      if (!(error instanceof UnsupportedFeatureError)) continue;
      refused.push(error);
      expect(error.message, JSON.stringify(field)).toContain(Object.keys(field)[0]);
    }
    expect(refused.length).toBeGreaterThanOrEqual(4);
    for (const error of refused) expect(inVocabulary(error), `${error.domain}.${error.operation}`).toBe(true);
    expect((refused.find((e) => e.message.includes("temperature")) as UnsupportedFeatureError).workaround).toContain(
      "letta.model_settings.temperature",
    );
    expect(emulator.requests.length).toBe(sent);
  });

  it("Letta local: the fields the App Server refuses", () => {
    for (const [field, unsupported] of Object.entries(LOCAL_UNSUPPORTED_REQUEST_FIELDS)) {
      expect(inVocabulary(unsupported), field).toBe(true);
      expect(unsupported.reason.startsWith(`${field}:`), field).toBe(true);
    }
  });

  it("both manifests: every row is in the vocabulary and says why when it is not supported", () => {
    const letta = newAdapter();
    const local = new LettaLocalAdapter({ url: "ws://127.0.0.1:9" });
    for (const manifest of [letta.getCapabilityManifest(), local.getCapabilityManifest()]) {
      for (const [domain, { operations }] of Object.entries(manifest.capabilities))
        for (const [operation, capability] of Object.entries(operations)) {
          expect(inVocabulary({ domain, operation }), `${domain}.${operation}`).toBe(true);
          if (capability.status === "unsupported") expect(capability.reason, `${domain}.${operation}`).toBeTruthy();
        }
    }
  });
});
