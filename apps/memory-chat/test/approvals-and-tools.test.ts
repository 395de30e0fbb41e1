import { afterAll, describe, expect, it } from "vitest";
import { removeDataDirs, runCli, tempDataDir } from "./support/cli";

afterAll(removeDataDirs);

describe("approvals, TypeScript tools and memory events in the chat", () => {
  it("asks y/n before a memory edit once /approvals is on: yes saves it, no leaves memory alone", async () => {
    const { code, stdout } = await runCli(["--data-dir", tempDataDir()], {
      input: ["/approvals on", "My name is Sam", "y", "I live in Lisbon", "n", "/memory"].join("\n"),
    });
    expect(stdout).toMatch(/^approvals ▸ asking before (?=.*memory_insert)(?=.*memory_replace).*\.$/m);
    expect(stdout).toMatch(
      /^approval ▸ memory_insert \{"label":"human","new_str":"The user's name is Sam\."\} waits for your answer$/m,
    );
    expect(stdout).toMatch(
      /^approve memory_insert \{"label":"human","new_str":"The user's name is Sam\."\}\? \[y\/N\] y$/m,
    );
    expect(stdout).toMatch(/^memory ▸ human: \+ The user's name is Sam\.$/m);
    expect(stdout).toMatch(/\[y\/N\] n$/m);
    expect(stdout).toMatch(/↳ failed: .*the user said no/);
    const shown = stdout.slice(stdout.lastIndexOf("you ▸ /memory"));
    expect(shown).toMatch(/The user's name is Sam\./);
    expect(shown).not.toMatch(/Lisbon/);
    expect(code).toBe(0);
  });

  it("/tools offers local_time, a TypeScript function the agent calls, run in the app", async () => {
    const { code, stdout } = await runCli(["--data-dir", tempDataDir()], { input: "/tools\nWhat time is it?\n" });
    expect(stdout).toMatch(/^tools ▸ local_time \(runs in this app\) is offered to the agent/m);
    expect(stdout).toMatch(/^tool ▸ local_time/m);
    expect(stdout).toMatch(/^ {2}↳ ok: It is \d\d:\d\d in \S+\.$/m);
    expect(stdout).toMatch(/^agent ▸ Done\. local_time returned It is \d\d:\d\d/m);
    expect(code).toBe(0);
  });

  it("shows memory changes from the turn's memory_update events", async () => {
    const { code, stdout } = await runCli(["--data-dir", tempDataDir(), "--json"], { input: "My name is Sam\n" });
    const events = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string });
    expect(events.filter((event) => event.type === "memory_update")).toEqual([
      expect.objectContaining({
        label: "human",
        operation: "update",
        after: expect.stringContaining("The user's name is Sam."),
      }),
    ]);
    expect(code).toBe(0);
  });
});
