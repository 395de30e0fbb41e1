import { afterAll, describe, expect, it } from "vitest";
import { removeDataDirs, runCli, tempDataDir } from "./support/cli";

afterAll(removeDataDirs);

describe("piped stdin", () => {
  it("runs each line as a turn or a command, in order, and quits cleanly at the end of input", async () => {
    const { code, stdout, stderr } = await runCli(["--data-dir", tempDataDir()], {
      input: "My name is Sam\n/memory\nWhat's my name?\n",
    });
    expect(stderr).toMatch(/built-in Letta emulator/);
    const memory = stdout.indexOf("you ▸ /memory");
    const question = stdout.indexOf("you ▸ What's my name?");
    expect(stdout.indexOf("you ▸ My name is Sam")).toBeGreaterThanOrEqual(0);
    expect(memory).toBeGreaterThan(0);
    expect(question).toBeGreaterThan(memory);
    expect(stdout.slice(memory, question)).toMatch(/^memory ▸ human\n {2}The user's name is Sam\.$/m);
    expect(stdout.slice(question)).toMatch(/^agent ▸ Your name is Sam\.$/m);
    expect(code).toBe(0);
  });

  it("runs the commands: archival memory, /edit, agents", async () => {
    const dataDir = tempDataDir();
    const { code, stdout, stderr } = await runCli(["--data-dir", dataDir], {
      input: [
        "/remember Sam's cat is called Miso",
        "/search cat",
        "/edit human The user's name is Alex.",
        "What's my name?",
        "/new second",
        "/agents",
        "/nope",
        "/help",
      ].join("\n"),
    });
    expect(stdout).toMatch(/^archive ▸ \+ Sam's cat is called Miso$/m);
    expect(stdout).toMatch(/^archive ▸ Sam's cat is called Miso$/m);
    expect(stdout).toMatch(/^memory ▸ human: \+ The user's name is Alex\.$/m);
    expect(stdout).toMatch(/^agent ▸ Your name is Alex\.$/m);
    expect(stdout).toMatch(/^agent ▸ created second \(agent-[\w-]+\); now talking to it\.$/m);
    expect(stdout).toMatch(/^\* agent-[\w-]+ {2}second$/m);
    expect(stdout).toMatch(/^ {2}agent-[\w-]+ {2}openharness-memory-chat$/m);
    expect(stderr).toMatch(/^unknown command \/nope: \/help lists the commands\.$/m);
    expect(stdout).toMatch(/^ {2}\/search <query> +search archival memory$/m);
    expect(code).toBe(0);

    // The current agent cannot be deleted; the other one can.
    const current = /^\* (agent-[\w-]+)/m.exec(stdout)?.[1];
    const other = /^ {2}(agent-[\w-]+) {2}openharness-memory-chat$/m.exec(stdout)?.[1];
    const next = await runCli(["--data-dir", dataDir], { input: `/delete ${current}\n/delete ${other}\n/agents\n` });
    expect(next.stderr).toMatch(/^\/delete: that is the current agent: \/switch to another \(or \/new\) first\.$/m);
    expect(next.stdout).toMatch(`agent ▸ deleted ${other}.`);
    expect(next.stdout).not.toMatch(/openharness-memory-chat/);
    expect(next.code).toBe(0);
  });
});
