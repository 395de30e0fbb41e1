import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The Letta Code release the end-to-end tests run against. */
export const LETTA_CODE_VERSION = "0.32.18";
/** `ws` is the one runtime dependency `letta server` needs beside its self-contained bundle. */
const WS_VERSION = "8.18.3";

/** Where an installed Letta Code lives: run `node <entry> server ...`. */
export interface LettaCodeInstall {
  version: string;
  /** `letta.js`, the 35 MB self-contained CLI bundle. */
  entry: string;
}

/**
 * Installs `@letta-ai/letta-code` into `cacheDir/<version>` unless it is there already.
 *
 * A plain `npm install @letta-ai/letta-code` fails (dependencies that are not on the registry),
 * so this packs the tarball, extracts it and installs only `ws` beside it, without install scripts. The finished tree is moved into place in one
 * rename, so an interrupted or concurrent install never leaves a half-installed cache behind.
 */
export async function installLettaCode(cacheDir: string, version = LETTA_CODE_VERSION): Promise<LettaCodeInstall> {
  const home = join(cacheDir, version);
  const entry = join(home, "letta-code", "letta.js");
  if (existsSync(entry)) return { version, entry };
  await mkdir(cacheDir, { recursive: true });
  const work = await mkdtemp(join(cacheDir, `.install-${version}-`));
  try {
    const npm = (args: string[], cwd: string) =>
      run("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], {
        cwd,
        env: { ...process.env, NPM_CONFIG_UPDATE_NOTIFIER: "false" },
        maxBuffer: 16 * 1024 * 1024,
        // npm has been seen to stall on a busy machine: kill it and try again rather than hang the suite.
        timeout: 90_000,
      });
    const retried = async (args: string[], cwd: string) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await npm(args, cwd);
        } catch (error) {
          if (attempt >= 3) throw error;
        }
      }
    };
    const { stdout } = await retried(["pack", `@letta-ai/letta-code@${version}`, "--json"], work);
    const tarball = join(work, (JSON.parse(stdout) as { filename: string }[])[0]?.filename ?? "");
    // Beside node_modules, not in it: npm would prune a package its manifest does not list.
    const packageDir = join(work, "letta-code");
    await mkdir(packageDir, { recursive: true });
    await run("tar", ["-xzf", tarball, "-C", packageDir, "--strip-components=1"]);
    await rm(tarball);
    await writeFile(join(work, "package.json"), JSON.stringify({ private: true, dependencies: { ws: WS_VERSION } }));
    await retried(["install", "--ignore-scripts", "--omit=optional"], work);
    await mkdir(dirname(home), { recursive: true });
    await rename(work, home).catch(async (error: NodeJS.ErrnoException) => {
      // Another process finished first: its install is as good as ours.
      if (!existsSync(entry)) throw error;
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return { version, entry };
}
