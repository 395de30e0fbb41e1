import { afterAll, describe, expect, it } from "vitest";
import { removeDataDirs, startCli, tempDataDir } from "./support/cli";

afterAll(removeDataDirs);

describe("Ctrl-C (SIGINT)", () => {
  it("cancels the running turn, not the process; the next turn works; a Ctrl-C while idle quits with 0", async () => {
    // A slow emulator (200 ms before each frame), so the signal lands mid-turn.
    const cli = startCli(["--data-dir", tempDataDir(), "--emulator-frame-delay", "200"]);
    await cli.waitFor(/agent: openharness-memory-chat/);
    cli.write("My name is Sam\n");
    await cli.waitFor(/thinking ▸ /, { stream: "stdout" });
    cli.child.kill("SIGINT");

    await cli.waitFor(/^tokens \d+ \(in \d+ \/ out \d+\) · cancelled$/m, { stream: "stdout" });
    expect(cli.stderr).toMatch(/cancelling the turn… \(Ctrl-C again to quit\)/);
    expect(cli.stdout).not.toMatch(/memory ▸ human/);
    expect(cli.child.exitCode).toBeNull();

    // Still alive, and the cancelled turn saved nothing.
    const at = cli.stdout.length;
    cli.write("What's my name?\n");
    await cli.waitFor(/· end_turn/, { stream: "stdout", from: at });
    expect(cli.stdout.slice(at)).toMatch(/^agent ▸ I don't know your name yet\./m);

    cli.child.kill("SIGINT");
    expect(await cli.exited).toBe(0);
  });

  it("with --message, cancels the turn, skips the rest and exits with 130", async () => {
    const cli = startCli([
      "--data-dir",
      tempDataDir(),
      "--emulator-frame-delay",
      "200",
      "-m",
      "My name is Sam",
      "-m",
      "What's my name?",
    ]);
    await cli.waitFor(/thinking ▸ /, { stream: "stdout" });
    cli.child.kill("SIGINT");
    expect(await cli.exited).toBe(130);
    expect(cli.stdout).toMatch(/· cancelled$/m);
    expect(cli.stdout).not.toMatch(/What's my name\?/);
  });
});
