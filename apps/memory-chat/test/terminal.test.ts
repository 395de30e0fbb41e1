import { existsSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { CLI, cliEnv, removeDataDirs, startCli, tempDataDir } from "./support/cli";

afterAll(removeDataDirs);

// util-linux `script` runs the CLI in a real pseudo-terminal: readline's line editing, Ctrl-C as
// a key, and colours (dim reasoning) as a user sees them.
const SCRIPT = "/usr/bin/script";
const hasScript = existsSync(SCRIPT);
if (!hasScript) console.warn(`skipping the terminal tests: ${SCRIPT} (util-linux) is missing`);

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;
function startInTerminal(args: string[]) {
  const command = [process.execPath, CLI, ...args].map(quote).join(" ");
  return startCli(["-qec", command, "/dev/null"], { command: SCRIPT, env: cliEnv({ TERM: "xterm-256color" }) });
}

describe.skipIf(!hasScript)("in a terminal", () => {
  it("prompts, streams the turn with dimmed reasoning, and quits on /quit", async () => {
    const cli = startInTerminal(["--data-dir", tempDataDir()]);
    await cli.waitFor(/you ▸ /);
    cli.write("My name is Sam\r");
    await cli.waitFor(/end_turn/);
    expect(cli.stdout).toContain("\x1b[2mthinking ▸ ");
    expect(cli.stdout).toMatch(/memory ▸ human: \+ The user's name is Sam\./);
    expect(cli.stdout).toMatch(/agent ▸ Nice to meet you, Sam!/);
    await cli.waitFor(/you ▸ /, { from: cli.stdout.indexOf("end_turn") });
    cli.write("/quit\r");
    expect(await cli.exited).toBe(0);
  });

  it("Ctrl-C cancels the running turn and returns to the prompt; at the prompt it quits", async () => {
    const cli = startInTerminal(["--data-dir", tempDataDir(), "--emulator-frame-delay", "200"]);
    await cli.waitFor(/you ▸ /);
    cli.write("My name is Sam\r");
    await cli.waitFor(/thinking ▸ /);
    cli.write("\x03");
    await cli.waitFor(/· cancelled/);
    expect(cli.stdout).not.toMatch(/memory ▸ human/);
    await cli.waitFor(/you ▸ /, { from: cli.stdout.indexOf("· cancelled") });
    cli.write("\x03");
    expect(await cli.exited).toBe(0);
  });
});
