import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { appServerTarget, describeAppServer } from "./app-server";

const run = promisify(execFile);
const CLI = fileURLToPath(new URL("../../../apps/memory-chat/dist/cli.js", import.meta.url));

// The example app's memory story on a real App Server: two runs of the CLI, like a user would.
describeAppServer("memory-chat --local on a real App Server", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "memory-chat-local-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const chat = (...messages: string[]) =>
    run(process.execPath, [CLI, "--local", "--data-dir", dataDir, ...messages.flatMap((message) => ["-m", message])], {
      env: {
        PATH: process.env.PATH,
        NO_COLOR: "1",
        LETTA_LOCAL_URL: appServerTarget().url,
        LETTA_LOCAL_MODEL: appServerTarget().model,
      },
    });

  it("learns a fact in one run and recalls it in the next, showing the memory change", async () => {
    const first = await chat("remember: My name is Sam.");
    expect(first.stderr).toMatch(/running on the local Letta Code 0\.32\.18 App Server at ws:\/\/127\.0\.0\.1:\d+\/ws/);
    expect(first.stdout).toContain("memory ▸ human: + My name is Sam.");
    const second = await chat("recall", "/memory");
    expect(second.stderr).toMatch(/agent: openharness-memory-chat \(agent-local-[\w-]+\), remembered/);
    expect(second.stdout).toContain("agent ▸ I remember: My name is Sam.");
    expect(second.stdout).toMatch(/memory ▸ human\n\s+My name is Sam\./);
  });
});
