import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const APP_DIR = fileURLToPath(new URL("../..", import.meta.url));
export const CLI = join(APP_DIR, "dist/cli.js");

/** The environment of a CLI run: no Letta key or URL (so the emulator runs), no NO_COLOR. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.LETTA_API_KEY;
  delete env.LETTA_BASE_URL;
  delete env.LETTA_LOCAL_URL;
  delete env.LETTA_LOCAL_MODEL;
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return { ...env, ...extra };
}

const dirs: string[] = [];

/** A fresh data folder, removed by {@link removeDataDirs}. */
export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "memory-chat-test-"));
  dirs.push(dir);
  return dir;
}

export function removeDataDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A running CLI process: its output so far, and ways to wait for it. */
export class CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = "";
  stderr = "";
  readonly exited: Promise<number | null>;
  #waiters: Array<() => void> = [];

  constructor(child: ChildProcessWithoutNullStreams) {
    this.child = child;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => this.#append("stdout", chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => this.#append("stderr", chunk));
    this.exited = new Promise((resolve) => child.on("close", (code) => resolve(code)));
  }

  get output(): string {
    return this.stdout + this.stderr;
  }

  write(text: string): void {
    this.child.stdin.write(text);
  }

  /** Resolves once `pattern` matches stdout + stderr (output after `from` characters of stdout, if given). */
  async waitFor(
    pattern: RegExp,
    options: { stream?: "stdout" | "stderr" | "both"; from?: number; timeoutMs?: number } = {},
  ): Promise<void> {
    const { stream = "both", from = 0, timeoutMs = 30_000 } = options;
    const text = () =>
      stream === "stdout"
        ? this.stdout.slice(from)
        : stream === "stderr"
          ? this.stderr
          : `${this.stdout.slice(from)}\n${this.stderr}`;
    if (pattern.test(text())) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(`timed out waiting for ${pattern}\n--- stdout ---\n${this.stdout}\n--- stderr ---\n${this.stderr}`),
        );
      }, timeoutMs);
      const check = () => {
        if (!pattern.test(text())) return;
        clearTimeout(timer);
        this.#waiters = this.#waiters.filter((w) => w !== check);
        resolve();
      };
      this.#waiters.push(check);
      void this.exited.then(() => {
        if (pattern.test(text())) return;
        clearTimeout(timer);
        reject(new Error(`exited before ${pattern}\n--- stdout ---\n${this.stdout}\n--- stderr ---\n${this.stderr}`));
      });
    });
  }

  #append(stream: "stdout" | "stderr", chunk: string): void {
    this[stream] += chunk;
    for (const waiter of [...this.#waiters]) waiter();
  }
}

/** Starts `node dist/cli.js ...args` (or another command) with piped stdio. */
export function startCli(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; command?: string } = {},
): CliProcess {
  const [command, commandArgs] = options.command ? [options.command, [...args]] : [process.execPath, [CLI, ...args]];
  return new CliProcess(spawn(command, commandArgs, { cwd: APP_DIR, env: options.env ?? cliEnv(), stdio: "pipe" }));
}

/** Runs the CLI to the end, feeding `input` (then end of input) to stdin. */
export async function runCli(args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const cli = startCli(args, options);
  cli.child.stdin.end(options.input ?? "");
  const code = await cli.exited;
  return { code, stdout: cli.stdout, stderr: cli.stderr, output: cli.output };
}
