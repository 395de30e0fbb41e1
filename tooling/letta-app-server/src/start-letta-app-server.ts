import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { LettaCodeInstall } from "./install-letta-code.ts";
import { SCRIPTED_MODEL_ID } from "./scripted-model.ts";

const run = promisify(execFile);

/** A running Letta Code App Server with isolated state. */
export interface LettaAppServer {
  /** The WebSocket URL, `ws://127.0.0.1:<port>/ws`. */
  url: string;
  /** The HTTP base, `http://127.0.0.1:<port>` (`/readyz`, `/app-server-info`). */
  httpUrl: string;
  /** The handle of the scripted model for `agent_create`: `openai-compatible/scripted`. */
  model: string;
  pid: number;
  /** Everything the server wrote, for diagnosing a failed test. */
  output(): string;
  /** Stops the server by PID (its process group), then removes its state. */
  stop(): Promise<void>;
}

/** Options of {@link startLettaAppServer}. */
export interface StartLettaAppServerOptions {
  install: LettaCodeInstall;
  /** The OpenAI-compatible base URL of the model to register (`http://127.0.0.1:PORT/v1`). */
  modelBaseUrl: string;
  /** How long to wait for `/readyz` (default 60 s: the bundle takes seconds to load on a busy machine). */
  readyTimeoutMs?: number;
}

/**
 * The environment of every `letta` process: the local backend, state and HOME in `stateDir`,
 * and no telemetry (without `LETTA_CODE_TELEM=0` and `DO_NOT_TRACK=1` it calls api.letta.com
 * even in local mode).
 */
function lettaEnv(stateDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of ["PATH", "LANG", "TZ", "TMPDIR"]) if (process.env[key] !== undefined) env[key] = process.env[key];
  return {
    ...env,
    HOME: join(stateDir, "home"),
    LETTA_LOCAL_BACKEND_EXPERIMENTAL: "1",
    LETTA_LOCAL_BACKEND_DIR: join(stateDir, "backend"),
    LETTA_CODE_TELEM: "0",
    DO_NOT_TRACK: "1",
    NO_COLOR: "1",
    // Memory is git: commits need an identity, and no user config may leak in.
    GIT_CONFIG_NOSYSTEM: "1",
  };
}

async function waitForListening(child: ChildProcess, output: () => string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`letta server exited (${child.exitCode ?? child.signalCode}) before listening:\n${output()}`);
    }
    const match = /Listening on (ws:\/\/127\.0\.0\.1:\d+)/.exec(output());
    if (match?.[1]) {
      const httpUrl = match[1].replace(/^ws:/, "http:");
      const ready = await fetch(`${httpUrl}/readyz`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) return httpUrl;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`letta server was not ready within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Registers the model with `letta connect openai-compatible`, then starts
 * `letta server --listen ws://127.0.0.1:0` (a free loopback port the server picks and prints)
 * in its own process group, with state, HOME and the model registry in a fresh temp dir, and
 * waits for `/readyz`.
 */
export async function startLettaAppServer(options: StartLettaAppServerOptions): Promise<LettaAppServer> {
  const stateDir = await mkdtemp(join(tmpdir(), "openharness-letta-app-server-"));
  await mkdir(join(stateDir, "home"), { recursive: true });
  const env = lettaEnv(stateDir);
  const node = process.execPath;
  try {
    await run(node, [options.install.entry, "connect", "openai-compatible", "--base-url", options.modelBaseUrl], {
      env,
      cwd: stateDir,
      timeout: 60_000,
    });
  } catch (error) {
    await rm(stateDir, { recursive: true, force: true });
    throw error;
  }
  const child = spawn(node, [options.install.entry, "server", "--listen", "ws://127.0.0.1:0"], {
    env,
    cwd: stateDir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      // Its own process group (detached): the server and whatever it spawned (git) stop together.
      const signal = (name: NodeJS.Signals) => {
        try {
          process.kill(-(child.pid as number), name);
        } catch {
          // Already gone.
        }
      };
      signal("SIGTERM");
      const killed = setTimeout(() => signal("SIGKILL"), 5_000);
      await exited;
      clearTimeout(killed);
    }
    await rm(stateDir, { recursive: true, force: true, maxRetries: 3 });
  };
  try {
    const httpUrl = await waitForListening(child, () => log, options.readyTimeoutMs ?? 60_000);
    return {
      url: `${httpUrl.replace(/^http:/, "ws:")}/ws`,
      httpUrl,
      model: `openai-compatible/${SCRIPTED_MODEL_ID}`,
      pid: child.pid as number,
      output: () => log,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
