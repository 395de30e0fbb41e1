import { HarnessApiError } from "@openharness/adapter-kit";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppServerConnection } from "./app-server-connection";

/** A WebSocket peer at the network boundary that answers the handshake with a given protocol version. */
function fakeAppServer(protocolVersion: number) {
  return class FakeWebSocket extends EventTarget {
    static readonly OPEN = 1;
    readyState = 0;
    constructor(readonly url: string) {
      super();
      queueMicrotask(() => {
        this.readyState = 1;
        this.dispatchEvent(new Event("open"));
      });
    }
    send(data: string) {
      const command = JSON.parse(data) as { type: string; request_id: string };
      const reply = {
        type: `${command.type}_response`,
        request_id: command.request_id,
        success: true,
        backend: "local",
        letta_code_version: "9.0.0",
        protocol_version: protocolVersion,
        capabilities: {},
      };
      queueMicrotask(() => this.dispatchEvent(Object.assign(new Event("message"), { data: JSON.stringify(reply) })));
    }
    close() {
      this.readyState = 3;
    }
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("AppServerConnection handshake", () => {
  it("accepts protocol version 1", async () => {
    vi.stubGlobal("WebSocket", fakeAppServer(1));
    const connection = new AppServerConnection({
      url: "ws://127.0.0.1:4500/ws",
      connectTimeoutMs: 1000,
      requestTimeoutMs: 1000,
    });
    expect(await connection.open()).toMatchObject({ protocol_version: 1 });
  });

  it("refuses a protocol version it does not know, naming both", async () => {
    vi.stubGlobal("WebSocket", fakeAppServer(2));
    const connection = new AppServerConnection({
      url: "ws://127.0.0.1:4500/ws",
      connectTimeoutMs: 1000,
      requestTimeoutMs: 1000,
    });
    const error = await connection.open().catch((caught: unknown) => caught);
    expect(HarnessApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: "unsupported_protocol_version",
      details: { protocol_version: 2, letta_code_version: "9.0.0" },
    });
    expect((error as Error).message).toMatch(/speaks protocol version 2; this adapter speaks version 1/);
  });
});
