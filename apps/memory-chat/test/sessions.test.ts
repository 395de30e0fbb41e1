import { afterAll, describe, expect, it } from "vitest";
import { removeDataDirs, runCli, tempDataDir } from "./support/cli";

afterAll(removeDataDirs);

describe("sessions in the chat", () => {
  it("a fact learnt in one session is recalled in another; /sessions lists them; /switch-session goes back", async () => {
    const { code, stdout, stderr } = await runCli(["--data-dir", tempDataDir()], {
      input: [
        "/new-session work",
        "My name is Sam",
        "/new-session home",
        "What's my name?",
        "/sessions",
        "/switch-session agent",
        "/switch-session conv-00000000-0000-4000-8000-000000000000",
      ].join("\n"),
    });
    const started = [...stdout.matchAll(/^session ▸ started (conv-\S+) \((\w+)\); now talking in it\.$/gm)];
    expect(started.map((m) => m[2])).toEqual(["work", "home"]);
    const [work, home] = started.map((m) => m[1]);
    expect(stdout.slice(stdout.indexOf("you ▸ What's my name?"))).toMatch(/^agent ▸ Your name is Sam\.$/m);
    const listed = stdout.slice(stdout.indexOf("you ▸ /sessions"));
    expect(listed).toMatch(/^ {2}\(the agent's own conversation\)$/m);
    expect(listed).toMatch(new RegExp(`^ {2}${work}  work$`, "m"));
    expect(listed).toMatch(new RegExp(`^\\* ${home}  home$`, "m"));
    expect(stdout).toMatch(/^session ▸ now talking in the agent's own conversation\.$/m);
    expect(stderr).toMatch(
      /^\/switch-session failed: getSession failed: session conv-00000000-0000-4000-8000-000000000000 was not found/m,
    );
    expect(code).toBe(0);
  });
});
