import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { APP_DIR } from "./build-app";

/** The built app running on the emulator in a child process, as `scripts/pnpm demo:web` runs it. */
export interface RunningWebApp {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `node dist/server.js` on a free port with a fresh data folder and waits for its URL. */
export async function startWebApp(args: string[] = []): Promise<RunningWebApp> {
  const dataDir = mkdtempSync(join(tmpdir(), "memory-web-"));
  const child: ChildProcess = spawn(
    process.execPath,
    ["dist/server.js", "--port", "0", "--data-dir", dataDir, ...args],
    // No Letta settings: the built-in emulator, whatever this machine's environment says.
    {
      cwd: APP_DIR,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`memory-web did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /open (http:\/\/\S+)/.exec(output);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.on("exit", (code) => reject(new Error(`memory-web exited (${code}):\n${output}`)));
  });
  return {
    url,
    output: () => output,
    stop: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
