import { InvalidRequestError } from "@openharness/adapter-kit";
import { describe, expect, it } from "vitest";
import { LettaLocalAdapter } from "./letta-local-adapter";
import { normalizeAppServerUrl, resolveLettaLocalOptions } from "./letta-local-options";

describe("LettaLocalAdapter options", () => {
  it("takes the URL from the option or LETTA_LOCAL_URL, adding the /ws path", () => {
    expect(resolveLettaLocalOptions({ url: "ws://127.0.0.1:4500", env: {} }).url).toBe("ws://127.0.0.1:4500/ws");
    expect(resolveLettaLocalOptions({ env: { LETTA_LOCAL_URL: "http://localhost:4500/" } }).url).toBe(
      "ws://localhost:4500/ws",
    );
    expect(normalizeAppServerUrl("wss://box.example/ws", "url")).toBe("wss://box.example/ws");
  });

  it("turns host tools off unless named, and names a bad option in a typed error", () => {
    expect(resolveLettaLocalOptions({ url: "ws://127.0.0.1:1", env: {} }).hostTools).toEqual([]);
    expect(() => new LettaLocalAdapter({ env: {} })).toThrow(InvalidRequestError);
    expect(() => new LettaLocalAdapter({ env: {} })).toThrow(/url: expected the App Server's WebSocket URL/);
    expect(() => new LettaLocalAdapter({ url: "http://localhost:8283/v1", env: {} })).not.toThrow();
    expect(() => new LettaLocalAdapter({ url: "ftp://x", env: {} })).toThrow(/url: expected a ws:\/\/ or wss:\/\/ URL/);
    expect(() => new LettaLocalAdapter({ url: "ws://x", hostTools: ["rm"], env: {} })).toThrow(
      /hostTools\[0\]: expected one of Letta Code's host tools/,
    );
  });

  it("rejects what a turn cannot honour before anything is sent", () => {
    const adapter = new LettaLocalAdapter({ url: "ws://127.0.0.1:9", env: {} });
    const agent_id = "agent-local-1b4e28ba-2fa1-11d2-883f-0016d3cca427";
    expect(() => adapter.executeStream({ message: "hi", agent_id, model: "x/y" })).toThrow(/per-turn model/);
    expect(() => adapter.executeStream({ message: "hi", agent_id, tools: ["Bash"] })).toThrow(
      /tools: Bash not available/,
    );
    expect(() => adapter.executeStream({ message: "hi" })).toThrow(InvalidRequestError);
    expect(() =>
      adapter.executeStream(
        { message: "hi", agent_id },
        { clientTools: [{ name: "memory", description: "x", input_schema: {}, execute: () => 1 }] },
      ),
    ).toThrow(/clientTools\[0\]\.name/);
  });
});
