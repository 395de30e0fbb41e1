import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { AgentMemo, connectLetta, describeError, openAgent } from "@openharness/example-support";
import { sendResponse, toRequest } from "./node-http";
import { createWebApp, type WebAsset } from "./web-app";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
  ".svg": "image/svg+xml",
};

/** The built browser app next to this file (`dist/public`), read from disk. */
function diskAssets(dir: string): (path: string) => Promise<WebAsset | undefined> {
  return async (path) => {
    const name = path === "/" ? "index.html" : path.slice(1);
    if (name.includes("..") || !TYPES[extname(name)]) return undefined;
    try {
      return { body: await readFile(join(dir, name)), type: TYPES[extname(name)] as string };
    } catch {
      return undefined;
    }
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const { values } = parseArgs({
    // `pnpm demo:web -- --port 8080` passes the `--` on.
    args: argv[0] === "--" ? argv.slice(1) : argv,
    options: {
      port: { type: "string", default: process.env.PORT ?? "5178" },
      host: { type: "string", default: "127.0.0.1" },
      "data-dir": { type: "string", default: fileURLToPath(new URL("../.data", import.meta.url)) },
      reset: { type: "boolean", default: false },
      local: { type: "boolean", default: false },
      "emulator-frame-delay": { type: "string" },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port: expected 0-65535, got ${values.port}`);
  const delay = values["emulator-frame-delay"];
  const frameDelayMs = delay === undefined ? undefined : Number(delay);
  if (frameDelayMs !== undefined && !(frameDelayMs >= 0))
    throw new Error(`--emulator-frame-delay: expected milliseconds, got ${delay}`);
  const dataDir = values["data-dir"];
  mkdirSync(dataDir, { recursive: true });

  const connection = await connectLetta({
    emulatorStateFile: join(dataDir, "emulator-state.json"),
    reset: values.reset,
    frameDelayMs,
    local: values.local,
  });
  const memo = new AgentMemo(join(dataDir, "agents.json"), connection.where);
  const { agent } = await openAgent(connection.adapter, memo, { fresh: values.reset });
  connection.save();
  const handle = createWebApp({
    connection,
    agentId: agent.id,
    asset: diskAssets(fileURLToPath(new URL("./public/", import.meta.url))),
  });

  const server = createServer((incoming, outgoing) => {
    const origin = `http://${incoming.headers.host ?? `${values.host}:${port}`}`;
    handle(toRequest(incoming, outgoing, origin))
      .then((response) => sendResponse(response, outgoing))
      .catch((error: unknown) => {
        outgoing.writeHead(500, { "content-type": "application/json" });
        outgoing.end(JSON.stringify({ error: describeError("the request failed", error) }));
      });
  });
  server.listen(port, values.host, () => {
    const address = server.address();
    const bound = typeof address === "object" && address ? address.port : port;
    for (const line of connection.announcement) console.log(`memory-web ▸ ${line}`);
    console.log(`memory-web ▸ agent ${agent.name} (${agent.id})`);
    console.log(`memory-web ▸ open http://${values.host}:${bound}/`);
  });
  const stop = () => {
    server.close();
    server.closeAllConnections();
    connection.save();
    void connection.close().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  // A bad option is the user's to fix: its message says which, no stack needed.
  const usage =
    (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") || (error as Error).message?.startsWith("--");
  console.error(usage ? `memory-web: ${(error as Error).message}` : describeError("memory-web could not start", error));
  process.exit(usage ? 2 : 1);
});
