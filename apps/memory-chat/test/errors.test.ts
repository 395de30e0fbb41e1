import { afterAll, describe, expect, it } from "vitest";
import { cliEnv, removeDataDirs, runCli, tempDataDir } from "./support/cli";

afterAll(removeDataDirs);

/** One line on stderr, nothing that looks like a stack trace. */
function expectOneLineError(stderr: string, pattern: RegExp) {
  const errors = stderr.split("\n").filter((line) => line.startsWith("memory-chat:"));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe("errors", () => {
  it("a bad LETTA_BASE_URL: one line, exit 1", async () => {
    const { code, stdout, stderr } = await runCli(["--data-dir", tempDataDir(), "-m", "hi"], {
      env: cliEnv({ LETTA_BASE_URL: "ftp://x" }),
    });
    expectOneLineError(
      stderr,
      /^memory-chat: cannot connect to Letta: .*expected an http or https URL.* Fix LETTA_BASE_URL \/ LETTA_API_KEY, or unset both/,
    );
    expect(stdout).toBe("");
    expect(code).toBe(1);
  });

  it("an unreachable server: one line, exit 1", async () => {
    const { code, stderr } = await runCli(["--data-dir", tempDataDir(), "-m", "hi"], {
      env: cliEnv({ LETTA_BASE_URL: "http://127.0.0.1:9" }),
    });
    expect(stderr).toMatch(/running on the Letta server at http:\/\/127\.0\.0\.1:9/);
    expectOneLineError(
      stderr,
      /^memory-chat: cannot open the chat agent on http:\/\/127\.0\.0\.1:9: Could not reach Letta/,
    );
    expect(code).toBe(1);
  });

  it("--local with nothing listening: one line naming the URL and how to start an App Server, exit 1", async () => {
    const { code, stderr } = await runCli(["--data-dir", tempDataDir(), "--local", "-m", "hi"], {
      env: cliEnv({ LETTA_LOCAL_URL: "ws://127.0.0.1:9" }),
    });
    expectOneLineError(
      stderr,
      /^memory-chat: cannot connect to Letta: Nothing answers at ws:\/\/127\.0\.0\.1:9\/ws\. Start a Letta Code App Server there.* Start an App Server \(letta server --listen/,
    );
    expect(code).toBe(1);
  });

  it("an unknown --agent: one line, exit 1", async () => {
    const missing = await runCli([
      "--data-dir",
      tempDataDir(),
      "--agent",
      "agent-00000000-0000-4000-8000-000000000000",
      "-m",
      "hi",
    ]);
    expectOneLineError(
      missing.stderr,
      /^memory-chat: cannot open agent agent-00000000-0000-4000-8000-000000000000: .*not found.* Run without --agent/,
    );
    expect(missing.code).toBe(1);

    const malformed = await runCli(["--data-dir", tempDataDir(), "--agent", "agent-does-not-exist", "-m", "hi"]);
    // Refused as a malformed id (by the adapter, or by Letta with a 422), or not found: one line either way.
    expectOneLineError(
      malformed.stderr,
      /^memory-chat: cannot open agent agent-does-not-exist: .+ Run without --agent/,
    );
    expect(malformed.code).toBe(1);
  });

  it("a bad command line: one line, exit 2; --help prints the usage", async () => {
    const bad = await runCli(["--bogus"]);
    expectOneLineError(bad.stderr, /^memory-chat: Unknown option '--bogus'.* See memory-chat --help\.$/);
    expect(bad.code).toBe(2);

    const help = await runCli(["--help"]);
    expect(help.stdout).toMatch(/^Usage:/m);
    expect(help.stdout).toMatch(/--emulator-frame-delay <ms>/);
    expect(help.code).toBe(0);
  });

  it("an unreadable emulator state: one line naming the file and --reset", async () => {
    const dataDir = tempDataDir();
    const { writeFileSync } = await import("node:fs");
    writeFileSync(`${dataDir}/emulator-state.json`, "{ not json");
    const { code, stderr } = await runCli(["--data-dir", dataDir, "-m", "hi"]);
    expectOneLineError(stderr, /emulator-state\.json is not a state this app can read\. Start afresh with --reset/);
    expect(code).toBe(1);
  });
});
