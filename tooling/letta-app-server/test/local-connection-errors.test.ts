import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ConnectionError } from "@openharness/adapter-kit";
import { LettaLocalAdapter } from "@openharness/letta";
import { describe, expect, it } from "vitest";
import { appServerTarget, describeAppServer } from "./app-server";

async function withHttpServer<T>(run: (port: number) => Promise<T>): Promise<T> {
  const server = createServer((_request, response) => {
    response.writeHead(404, { "content-type": "application/json" });
    response.end('{"detail":"Not Found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    return await run((server.address() as AddressInfo).port);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("LettaLocalAdapter connection errors", () => {
  it("says that nothing listens, and how to start an App Server", async () => {
    const port = await withHttpServer(async (free) => free); // a port that was free a moment ago, now closed
    const adapter = new LettaLocalAdapter({ url: `ws://127.0.0.1:${port}`, env: {} });
    const error = await adapter.listAgents().catch((caught: unknown) => caught);
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect((error as ConnectionError).code).toBe("connection_error");
    expect((error as Error).message).toMatch(
      /Nothing answers at ws:\/\/127\.0\.0\.1:\d+\/ws\. Start a Letta Code App Server there/,
    );
  });

  it("says when the server is not an App Server (a REST Letta server, say)", async () => {
    await withHttpServer(async (port) => {
      const adapter = new LettaLocalAdapter({ url: `ws://127.0.0.1:${port}`, env: {} });
      const error = await adapter.listAgents().catch((caught: unknown) => caught);
      expect(ConnectionError.isInstance(error)).toBe(true);
      expect((error as ConnectionError).code).toBe("not_an_app_server");
      expect((error as Error).message).toMatch(/is not a Letta Code App Server \(GET \/app-server-info gave 404\)/);
    });
  });
});

describeAppServer("LettaLocalAdapter on a real App Server: connecting", () => {
  it("reports the server and reconnects after close()", async () => {
    const adapter = new LettaLocalAdapter({ url: appServerTarget().url, env: {} });
    expect(await adapter.serverInfo()).toMatchObject({ backend: "local", protocol_version: 1 });
    adapter.close();
    expect(Array.isArray(await adapter.listAgents())).toBe(true);
    adapter.close();
  });

  it("says when the App Server refuses the WebSocket path", async () => {
    const adapter = new LettaLocalAdapter({ url: appServerTarget().url.replace(/\/ws$/, "/not-ws"), env: {} });
    const error = await adapter.listAgents().catch((caught: unknown) => caught);
    expect((error as ConnectionError).code).toBe("websocket_rejected");
  });

  it("maps an unknown agent to NotFoundError", async () => {
    const adapter = new LettaLocalAdapter({ url: appServerTarget().url, env: {} });
    try {
      const error = await adapter
        .getAgent("agent-local-00000000-0000-0000-0000-000000000000")
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: "not_found", resource: "agent" });
    } finally {
      adapter.close();
    }
  });
});
