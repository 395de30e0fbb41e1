import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeDataDirs, runCli, tempDataDir } from "./support/cli";

afterAll(removeDataDirs);

describe("a conversation with --message on the built-in emulator", () => {
  it("remembers a fact with its memory tool, shows the change, and recalls it in the next turn", async () => {
    const dataDir = tempDataDir();
    const { code, stdout, stderr } = await runCli([
      "--data-dir",
      dataDir,
      "--message",
      "My name is Sam",
      "--message",
      "What's my name?",
    ]);

    expect(stderr).toMatch(/built-in Letta emulator/);
    expect(stderr).toMatch(/scripted, not an LLM/);
    expect(stderr).toMatch(/agent: openharness-memory-chat \(agent-[\w-]+\), created\./);
    expect(stdout).toMatch(/^tool ▸ memory_insert \{"label":"human","new_str":"The user's name is Sam\."\}$/m);
    expect(stdout).toMatch(/^ {2}↳ ok: /m);
    expect(stdout).toMatch(/^memory ▸ human: \+ The user's name is Sam\.$/m);
    expect(stdout).toMatch(/^thinking ▸ The user told me their name is Sam\./m);
    // The second turn answers from memory.
    const [first, second] = stdout.split("you ▸ What's my name?");
    expect(first).toMatch(/^agent ▸ Nice to meet you, Sam! I'll remember that\.$/m);
    expect(second).toMatch(/^agent ▸ Your name is Sam\.$/m);
    expect(stdout.match(/^tokens \d+ \(in \d+ \/ out \d+\) · end_turn$/gm)).toHaveLength(2);
    expect(`${stdout}${stderr}`).not.toContain("\x1b["); // not a terminal: no colour
    expect(code).toBe(0);
    expect(existsSync(join(dataDir, "emulator-state.json"))).toBe(true);
  });

  it("keeps the memory across runs in the data folder, and --reset forgets it", async () => {
    const dataDir = tempDataDir();
    const first = await runCli(["--data-dir", dataDir, "--message", "My name is Sam"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/memory ▸ human: \+ The user's name is Sam\./);

    const second = await runCli(["--data-dir", dataDir, "--message", "What's my name?"]);
    expect(second.stderr).toMatch(/agent: openharness-memory-chat \(agent-[\w-]+\), remembered\./);
    expect(second.stdout).toMatch(/^agent ▸ Your name is Sam\.$/m);
    expect(second.code).toBe(0);

    const reset = await runCli(["--data-dir", dataDir, "--reset", "--message", "What's my name?"]);
    expect(reset.stderr).toMatch(/created\./);
    expect(reset.stdout).toMatch(/^agent ▸ I don't know your name yet\./m);
    expect(reset.code).toBe(0);
  });

  it("hides the reasoning with --no-thinking", async () => {
    const { code, stdout } = await runCli([
      "--data-dir",
      tempDataDir(),
      "--no-thinking",
      "--message",
      "My name is Sam",
    ]);
    expect(stdout).not.toMatch(/thinking ▸/);
    expect(stdout).toMatch(/^agent ▸ Nice to meet you, Sam!/m);
    expect(code).toBe(0);
  });
});
