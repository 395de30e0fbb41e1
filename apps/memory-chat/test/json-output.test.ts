import { ExecutionEventSchema } from "@openharness/types";
import { afterAll, describe, expect, it } from "vitest";
import { removeDataDirs, runCli, startCli, tempDataDir } from "./support/cli";

afterAll(removeDataDirs);

describe("--json", () => {
  it("prints only the raw OpenHarness events on stdout, one per line, one done per turn", async () => {
    const { code, stdout, stderr } = await runCli([
      "--data-dir",
      tempDataDir(),
      "--json",
      "-m",
      "My name is Sam",
      "-m",
      "/memory",
      "-m",
      "What's my name?",
    ]);
    expect(code).toBe(0);

    const lines = stdout.trimEnd().split("\n");
    const events = lines.map((line) => ExecutionEventSchema.parse(JSON.parse(line)));
    expect(events.filter((event) => event.type === "done")).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({
      type: "done",
      stop_reason: "end_turn",
      metadata: { run_id: expect.stringMatching(/^run-/) },
    });
    expect(events).toContainEqual(expect.objectContaining({ type: "tool_call_start", name: "memory_insert" }));
    expect(events).toContainEqual(expect.objectContaining({ type: "tool_result", success: true }));
    const secondTurn = events.slice(events.findIndex((event) => event.type === "done") + 1);
    expect(secondTurn.flatMap((event) => (event.type === "text" ? [event.content] : [])).join("")).toBe(
      "Your name is Sam.",
    );

    // Notices, the echoed input and command output go to stderr.
    expect(stderr).toMatch(/built-in Letta emulator/);
    expect(stderr).toMatch(/memory ▸ human\n {2}The user's name is Sam\./);
  });
});

describe("--json into a pipe that closes early", () => {
  it("stops quietly, with no stack trace, when the reader goes away", async () => {
    const cli = startCli(["--data-dir", tempDataDir(), "--json", "-m", "My name is Sam", "-m", "What's my name?"]);
    cli.child.stdin.end();
    await cli.waitFor(/\n/, { stream: "stdout" });
    cli.child.stdout.destroy();
    const code = await cli.exited;
    expect(cli.stderr).not.toMatch(/EPIPE|Error:|\bat .*\(/);
    expect(code).toBe(0);
  });
});
