import { inspect } from "node:util";
import type { LettaFault } from "@openharness/letta-emulator";
import { describe, expect, it } from "vitest";
import { collect, rejection, useLettaEmulator } from "../test/support/emulator-fixture";
import { LettaAdapter } from "./index";

// A key Letta echoes back (a proxy's error page, a server's debug detail) must not reach the caller.
const KEY = "sk-let-echoed-0123456789abcdef";
const { emulator } = useLettaEmulator({ apiKey: KEY });
const newAdapter = () => new LettaAdapter({ apiKey: KEY, baseUrl: emulator.baseUrl, env: {} });
const onSend = { method: "POST", path: /\/messages$/ };

/** Everything a caller can print or serialise of `value`, its causes included. */
const visible = (value: unknown) => `${String(value)} ${JSON.stringify(value)} ${inspect(value, { depth: 10 })}`;

describe("a key that Letta echoes back never reaches the caller", () => {
  const faults: Array<[string, LettaFault]> = [
    ["an HTTP error's detail", { type: "status", status: 500, body: { detail: `bad token ${KEY}` }, match: onSend }],
    [
      "a provider error's detail",
      { type: "provider-error", errorType: "llm_authentication", detail: `key ${KEY} rejected`, match: onSend },
    ],
    ...(["after-output", "before-output"] as const).map((phase): [string, LettaFault] => [
      `an in-stream error ${phase.replace("-", " ")}`,
      { type: "stream-error", phase, message: `failed for ${KEY}`, detail: `Bearer ${KEY}`, match: onSend },
    ]),
  ];

  it.each(faults)("%s: not in the thrown error, its causes, or any event", async (_name, fault) => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({});
    emulator.inject({ ...fault, times: 2 });
    const thrown = await rejection(adapter.execute({ message: "hi", agent_id: agentId }));
    expect(visible(thrown)).not.toContain(KEY);
    expect(visible(thrown)).toContain("[redacted]");
    const events = await collect(adapter.executeStream({ message: "hi", agent_id: agentId }));
    expect(events.some((e) => e.type === "error")).toBe(true);
    expect(visible(events)).not.toContain(KEY);
  });
});
