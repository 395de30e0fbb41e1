#!/usr/bin/env node
// Packaging smoke test: proves that what `pnpm publish` would ship works for a user who installs it
// from a tarball with plain npm, outside this workspace.
//
// For every non-private package under packages/ it
//   1. builds it (turbo; cached when nothing changed),
//   2. packs it with `pnpm pack` (which rewrites `workspace:` ranges) and checks the packed package.json,
//   3. runs publint on the tarball (suggestions are shown; warnings and errors fail),
// then, in fresh scratch projects outside the repository,
//   4. "types-only": installs only @openharness/types and proves it works on its own,
//   5. "all": installs every tarball (dependencies such as zod come from the npm registry),
//      imports each entry point of the exports map with ESM import() and with CJS require() in separate
//      node processes (on this Node, and on an older system Node for the packages whose engines allow it), asserts
//      the known exports and runs a tiny behaviour check; the "." entries are checked before the
//      optional peers (vitest) are installed, every entry after,
//   6. typechecks a consumer file per package with the repository's TypeScript, as ESM and as CJS
//      ("module": "nodenext", with @types/node) and with "moduleResolution": "bundler" (DOM libs);
//      in "all" the shipped .d.ts/.d.cts files themselves are checked too (skipLibCheck off).
// It prints a summary table and exits non-zero on any failure.
//
// Usage: scripts/pnpm test:packaging [--no-build] [--keep]
//   PACKAGES=types,adapter-kit   limit to these packages (directory or package names; their
//                                workspace dependencies are added automatically)
//   --no-build                   use the existing dist/ folders
//   --keep                       keep the scratch directory (its path is printed)

import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TSC = path.join(ROOT, "node_modules/typescript/bin/tsc");

// ---------------------------------------------------------------------------------------------
// What each package must provide. Update these when a public surface changes; a package or entry
// point that is missing here is still imported and must export something.
// ---------------------------------------------------------------------------------------------

/** The contract's errors: `@openharness/types/errors`, re-exported whole by the adapter kit. */
const ERROR_EXPORTS = [
  "AgentBusyError",
  "AuthenticationError",
  "CancelledError",
  "ConflictError",
  "ConnectionError",
  "HarnessApiError",
  "InvalidRequestError",
  "NotFoundError",
  "OpenHarnessError",
  "PendingApprovalError",
  "PermissionDeniedError",
  "RateLimitError",
  "StreamInterruptedError",
  "TimeoutError",
  "UnsupportedFeatureError",
  "errorFromEvent",
  "errorFromPayload",
  "toErrorEvent",
];

/**
 * The exact runtime exports of each entry point (checked by name, in ESM and in CJS): a missing
 * name fails, and so does one that is not listed, so a public surface only changes on purpose.
 */
const EXPECTED_EXPORTS = {
  "@openharness/types": {
    ".": [
      "AgentSchema",
      "ApprovalDecisionSchema",
      "ApprovalRequestEventSchema",
      "ApprovalResponseSchema",
      "ArtifactEventSchema",
      "CAPABILITY_DOMAINS",
      "CAPABILITY_STATUSES",
      "CAPABILITY_VOCABULARY",
      "CapabilityManifestSchema",
      "CreateAgentRequestSchema",
      "CreateMemoryBlockSchema",
      "CreateSessionRequestSchema",
      "DomainCapabilitySchema",
      "DoneEventSchema",
      "ERROR_CODES",
      "EXECUTION_EVENT_TYPES",
      "ErrorPayloadSchema",
      "ExecuteRequestSchema",
      "ExecutionErrorEventSchema",
      "ExecutionEventSchema",
      "ExecutionProgressEventSchema",
      "ExecutionResultSchema",
      "ExecutionTextEventSchema",
      "JsonObjectSchema",
      "MEMORY_UPDATE_OPERATIONS",
      "MESSAGE_ROLES",
      "MemoryBlockSchema",
      "MemoryBlockUpdateSchema",
      "MemoryUpdateEventSchema",
      "MessageSchema",
      "OperationCapabilitySchema",
      "PassageSchema",
      "PassageSearchResultSchema",
      "SSE_FRAME_EXCERPT_LENGTH",
      "STOP_REASONS",
      "SessionHistoryOptionsSchema",
      "SessionSchema",
      "SseDecodeError",
      "SseEventDecoder",
      "SseLineDecoder",
      "StopReasonSchema",
      "TOOL_SOURCES",
      "ThinkingEventSchema",
      "ToolCallDeltaEventSchema",
      "ToolCallEndEventSchema",
      "ToolCallRecordSchema",
      "ToolCallSchema",
      "ToolCallStartEventSchema",
      "ToolResultEventSchema",
      "ToolSchema",
      "UsageSchema",
      "decodeSseStream",
      "emptyUsage",
      "encodeSseEvent",
      "formatIssues",
      "validate",
    ],
    "./errors": ERROR_EXPORTS,
  },
  "@openharness/adapter-kit": {
    ".": [
      ...ERROR_EXPORTS,
      "CapabilityRegistry",
      "HarnessAdapterBase",
      "approvalDecisions",
      "collectResult",
      "guardEventStream",
      "parseInput",
      "parseToolArguments",
    ],
    "./testing": [
      "ConformanceSkip",
      "adapterConformanceCases",
      "assertStreamInvariants",
      "collectEvents",
      "describeAdapterConformance",
      "runAdapterConformance",
    ],
  },
  "@openharness/letta": {
    ".": [
      "AgentBusyError",
      "AuthenticationError",
      "CancelledError",
      "ClientToolRunner",
      "ConflictError",
      "ConnectionError",
      "HOST_TOOLS",
      "HarnessApiError",
      "InvalidRequestError",
      "LETTA_CLOUD_URL",
      "LettaAdapter",
      "LettaLocalAdapter",
      "NotFoundError",
      "OpenHarnessError",
      "PendingApprovalError",
      "PermissionDeniedError",
      "RateLimitError",
      "StreamInterruptedError",
      "TimeoutError",
      "UnsupportedFeatureError",
      "VERSION",
    ],
  },
  "@openharness/letta-emulator": {
    ".": [
      "DEFAULT_EMULATOR_BASE_URL",
      "PythonToolParseError",
      "createLettaEmulator",
      "createMemoryChatModel",
      "observeLettaExchanges",
      "parsePythonTool",
      "startLettaEmulator",
    ],
    "./contract": [
      "LETTA_OPENAPI_SPEC_ENV",
      "OpenApiContract",
      "allowContractViolations",
      "formatViolations",
      "installLettaContractChecks",
      "lettaOpenApiSpecPath",
      "loadOpenApiContract",
      "recordedExchanges",
      "requireLettaOpenApiSpec",
    ],
  },
};

const BEHAVIOUR_CHECKS = {
  "@openharness/types": {
    ".": `
      const ok = m.validate(m.ExecuteRequestSchema, { message: "Hello!", agent_id: "agent-1" });
      if (!ok.success) throw new Error("validate() rejected a valid ExecuteRequest");
      const bad = m.validate(m.ExecuteRequestSchema, { message: "" });
      if (bad.success || !Array.isArray(bad.issues) || bad.issues.length === 0)
        throw new Error("validate() accepted an empty message");`,
    "./errors": `
      const sent = new m.NotFoundError({ message: "No agent a-1.", resource: "agent", resourceId: "a-1" });
      const received = m.errorFromEvent(JSON.parse(JSON.stringify(m.toErrorEvent(sent))));
      if (!m.NotFoundError.isInstance(received) || received.resourceId !== "a-1")
        throw new Error("an error event did not come back as the NotFoundError it was made from");`,
  },
  "@openharness/adapter-kit": {
    ".": `
      const e = new m.UnsupportedFeatureError({ harness: "smoke", domain: "memory", operation: "getBlocks", reason: "not here" });
      if (!(e instanceof Error) || !m.UnsupportedFeatureError.isInstance(e))
        throw new Error("UnsupportedFeatureError is not recognised as itself");
      if (typeof m.HarnessAdapterBase !== "function") throw new Error("HarnessAdapterBase is not a class");`,
  },
  "@openharness/letta": {
    ".": `
      if (typeof m.LettaAdapter !== "function") throw new Error("LettaAdapter is not a class");
      const e = new m.NotFoundError({ harness: "Letta", message: "no such agent", resource: "agent" });
      if (!(e instanceof m.NotFoundError) || !m.NotFoundError.isInstance(e) || !(e instanceof m.OpenHarnessError))
        throw new Error("NotFoundError from @openharness/letta is not recognised as itself");
      // The dist carries its own copies of the contract and of zod: both must meet the user's.
      const contract = await import("@openharness/types/errors");
      if (!(e instanceof contract.NotFoundError) || !(e instanceof contract.OpenHarnessError))
        throw new Error("an error from @openharness/letta is not instanceof the class from @openharness/types");
      const { z } = await import("zod");
      const runner = new m.ClientToolRunner([
        { name: "weather", input_schema: z.object({ city: z.string().describe("The city") }), execute: ({ city }) => city },
      ]);
      if (runner.declarations[0]?.parameters?.properties?.city?.description !== "The city")
        throw new Error("a client tool's zod schema lost its description: " + JSON.stringify(runner.declarations));`,
  },
  "@openharness/letta-emulator": {
    ".": `
      const { emulator, close } = await m.startLettaEmulator({ apiKey: "smoke-key" });
      try {
        const health = await (await fetch(emulator.baseUrl + "/v1/health/")).json();
        if (health.status !== "ok") throw new Error("GET /v1/health/ answered " + JSON.stringify(health));
        const denied = await fetch(emulator.baseUrl + "/v1/agents/");
        if (denied.status !== 401) throw new Error("a request without the API key got " + denied.status + ", not 401");
      } finally {
        await close();
      }`,
  },
};

/**
 * A consumer file per package, typechecked as ESM, as CJS and with bundler resolution. It must be
 * valid in all three (no top-level await). Packages without one get a generic `import * as`.
 */
const CONSUMER_TS = {
  "@openharness/types": `
import { ExecuteRequestSchema, validate, type ExecuteRequest, type ExecutionEvent, type ExecutionResult } from "@openharness/types";
import { errorFromEvent, NotFoundError } from "@openharness/types/errors";

const request: ExecuteRequest = { message: "Hello!", agent_id: "agent-1" };
const checked = validate(ExecuteRequestSchema, request);
export const message: string = checked.success ? checked.data.message : checked.issues.map((i) => i.path).join(",");
export function eventType(event: ExecutionEvent): string {
  return event.type;
}
export function outputOf(result: ExecutionResult): string {
  return result.output;
}
export function missingAgent(event: ExecutionEvent): string | undefined {
  if (event.type !== "error") return undefined;
  const error = errorFromEvent(event);
  return NotFoundError.isInstance(error) ? error.resourceId : undefined;
}
`,
  "@openharness/adapter-kit": `
import { collectResult, UnsupportedFeatureError, type HarnessAdapter } from "@openharness/adapter-kit";
import type { ExecuteRequest } from "@openharness/types";

export const unsupported = new UnsupportedFeatureError({ harness: "h", domain: "memory", operation: "getBlocks", reason: "r" });
export async function run(adapter: HarnessAdapter, request: ExecuteRequest): Promise<string> {
  const result = await collectResult(adapter.executeStream(request));
  return result.output;
}
`,
  // The quick start and the emulator snippet of the root README, wrapped in functions.
  "@openharness/letta": `
import { LettaAdapter, NotFoundError, type ExecutionEvent, type MemoryBlock } from "@openharness/letta";
import { startLettaEmulator } from "@openharness/letta-emulator";

declare const process: { env: Record<string, string | undefined> };

// Everything a Letta user handles comes from @openharness/letta alone.
export async function humanBlock(adapter: LettaAdapter, agentId: string): Promise<MemoryBlock | undefined> {
  try {
    return await adapter.memory.getBlock(agentId, "human");
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
export const isText = (event: ExecutionEvent): boolean => event.type === "text";

export async function quickStart(): Promise<void> {
  const adapter = new LettaAdapter({ apiKey: process.env.LETTA_API_KEY });
  const agentId = await adapter.createAgent({
    name: "my-assistant",
    model: "openai/gpt-4o-mini",
    memory_blocks: [
      { label: "human", value: "Name: Alice" },
      { label: "persona", value: "I am a helpful assistant." },
    ],
  });
  const result = await adapter.execute({ message: "Hello!", agent_id: agentId });
  console.log(result.output);
}

export async function withEmulator(): Promise<void> {
  const { baseUrl, close } = await startLettaEmulator({ apiKey: "test-key" });
  const adapter = new LettaAdapter({ apiKey: "test-key", baseUrl });
  await adapter.createAgent({ name: "my-assistant" });
  await close();
}
`,
};

/** The package a user must be able to install on its own (scenario "types-only"). */
const STANDALONE_PACKAGE = "@openharness/types";

// ---------------------------------------------------------------------------------------------

const args = new Set(process.argv.slice(2));
for (const a of args) {
  if (!["--no-build", "--keep"].includes(a)) {
    console.error(
      `unknown option ${a}\nusage: packaging-smoke-test.mjs [--no-build] [--keep]  (env PACKAGES=types,adapter-kit)`,
    );
    process.exit(2);
  }
}
const started = Date.now();
/** @type {{scenario: string, pkg: string, check: string, ok: boolean, detail?: string}[]} */
const results = [];
const record = (scenario, pkg, check, ok, detail) => {
  results.push({ scenario, pkg, check, ok, detail });
  if (!ok) console.error(`  FAIL ${scenario} ${pkg} ${check}${detail ? `\n${indent(detail, "       ")}` : ""}`);
};
const indent = (text, pad) =>
  String(text)
    .trim()
    .split("\n")
    .slice(0, 40)
    .map((l) => pad + l)
    .join("\n");
const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;
const log = (msg) => console.log(`[packaging +${seconds(Date.now() - started)}] ${msg}`);

/** Runs a command without stdin; resolves with its exit code and output. Never rejects. */
function run(cmd, cmdArgs, { cwd = ROOT, env = process.env, timeoutMs = 10 * 60_000 } = {}) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(cmd, cmdArgs, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      resolve({ code: 127, stdout, stderr: `${stderr}${err.message}`, ms: Date.now() - t0 });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout,
        stderr: signal ? `${stderr}\nkilled by ${signal}` : stderr,
        ms: Date.now() - t0,
      });
    });
  });
}

/** The environment for npm in the scratch projects: no pnpm/npm-run variables from our own run. */
function npmEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    const k = key.toLowerCase();
    if (k.startsWith("npm_config_") && !["npm_config_user_agent", "npm_config_verify_deps_before_run"].includes(k))
      continue;
    if (k.startsWith("npm_") || k.startsWith("pnpm_")) delete env[key];
  }
  env.npm_config_update_notifier = "false";
  return env;
}

const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));

// ---------------------------------------------------------------------------------------------
// Discover packages
// ---------------------------------------------------------------------------------------------

const all = readdirSync(path.join(ROOT, "packages"), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(ROOT, "packages", d.name, "package.json")))
  .map((d) => {
    const dir = path.join(ROOT, "packages", d.name);
    return { dirName: d.name, dir, manifest: readJson(path.join(dir, "package.json")) };
  })
  .filter((p) => !p.manifest.private);
const byName = new Map(all.map((p) => [p.manifest.name, p]));

const internalDeps = (p) =>
  Object.keys({ ...p.manifest.dependencies, ...p.manifest.peerDependencies }).filter((n) => byName.has(n));

let selected = all;
if (process.env.PACKAGES?.trim()) {
  const wanted = process.env.PACKAGES.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const names = new Set();
  for (const w of wanted) {
    const p = all.find((q) => q.dirName === w || q.manifest.name === w || q.manifest.name === `@openharness/${w}`);
    if (!p) {
      console.error(`PACKAGES: no public package "${w}" (have: ${all.map((q) => q.dirName).join(", ")})`);
      process.exit(2);
    }
    const stack = [p.manifest.name];
    while (stack.length) {
      const n = stack.pop();
      if (names.has(n)) continue;
      names.add(n);
      stack.push(...internalDeps(byName.get(n)));
    }
  }
  selected = all.filter((p) => names.has(p.manifest.name));
}
if (selected.length === 0) {
  console.error("no public packages found under packages/");
  process.exit(1);
}
log(`packages: ${selected.map((p) => `${p.manifest.name}@${p.manifest.version}`).join(", ")}`);

/** Entry points of an exports map ("." and subpaths), without ./package.json and patterns. */
function entryPoints(manifest) {
  const exp = manifest.exports;
  if (exp === undefined) return ["."];
  if (typeof exp === "string" || Array.isArray(exp) || !Object.keys(exp).some((k) => k.startsWith("."))) return ["."];
  return Object.keys(exp).filter((k) => k !== "./package.json" && !k.includes("*"));
}

const scratchRoot = mkdtempSync(path.join(tmpdir(), "openharness-packaging-"));
const cleanup = () => {
  if (args.has("--keep")) console.log(`scratch directory kept: ${scratchRoot}`);
  else rmSync(scratchRoot, { recursive: true, force: true });
};
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------

async function main() {
  // 1. Build ------------------------------------------------------------------------------------
  if (!args.has("--no-build")) {
    log("building with turbo");
    const filters = selected.map((p) => `--filter=${p.manifest.name}`);
    const r = await run(path.join(ROOT, "node_modules/.bin/turbo"), [
      "run",
      "build",
      ...filters,
      "--output-logs=errors-only",
    ]);
    record("build", "*", "build", r.code === 0, r.code === 0 ? undefined : tail(r.stdout + r.stderr));
    if (r.code !== 0) return;
  }

  // 2. Pack --------------------------------------------------------------------------------------
  const tarDir = path.join(scratchRoot, "tarballs");
  mkdirSync(tarDir);
  const tarballs = new Map(); // name -> absolute path
  for (const p of selected) {
    const name = p.manifest.name;
    const r = await run("pnpm", ["pack", "--pack-destination", tarDir, "--json"], { cwd: p.dir });
    let file;
    try {
      file = JSON.parse(r.stdout).filename;
    } catch {
      file = undefined;
    }
    if (r.code !== 0 || !file || !existsSync(file)) {
      record("tarball", name, "pack", false, tail(r.stdout + r.stderr));
      continue;
    }
    tarballs.set(name, file);
    const packed = await packedManifest(file);
    const problems = checkPackedManifest(packed, p);
    record("tarball", name, "pack", problems.length === 0, problems.join("\n"));
  }

  // 3. publint ----------------------------------------------------------------------------------
  const { publint } = await import("publint");
  const { formatMessage } = await import("publint/utils");
  for (const [name, file] of tarballs) {
    const buf = readFileSync(file);
    const tarball = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    const { messages, pkg } = await publint({ pack: { tarball }, level: "suggestion" });
    const lines = messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false }) ?? m.code}`);
    const failing = messages.filter((m) => m.type === "error" || m.type === "warning");
    for (const line of lines) console.log(`  publint ${name}: ${line}`);
    record("tarball", name, "publint", failing.length === 0, failing.length ? lines.join("\n") : undefined);
  }
  if (tarballs.size !== selected.length) return; // nothing sensible to install

  // 4. Scenario "types-only" --------------------------------------------------------------------
  // 5. Scenario "all"
  const runtimes = await nodeRuntimes();
  log(`node runtimes: ${runtimes.map((r) => `${r.label} (${r.bin})`).join(", ")}`);
  const scenarios = [];
  if (tarballs.has(STANDALONE_PACKAGE) && selected.length > 1)
    scenarios.push({ name: "types-only", pkgs: [byName.get(STANDALONE_PACKAGE)] });
  scenarios.push({ name: "all", pkgs: selected });

  // The scenarios run side by side: most of their time is npm waiting on the network and tsc.
  log(`scenarios: ${scenarios.map((s) => s.name).join(", ")}`);
  await Promise.all(scenarios.map((s) => runScenario(s, tarballs, runtimes)));
}

async function runScenario(s, tarballs, runtimes) {
  if (!(await setUpScenario(s, tarballs))) return;
  // "." entries before optional peers are installed: they must not need them.
  await importChecks(
    s,
    s.pkgs.map((p) => ({ p, entries: ["."] })),
    runtimes,
  );
  const peers = optionalPeers(s.pkgs);
  if (Object.keys(peers).length > 0) {
    const specs = Object.entries(peers).map(([n, v]) => `${n}@${v}`);
    const r = await npmInstall(s.dir, specs);
    log(
      `${s.name}: npm install of the optional peers ${specs.join(" ")} ${r.code === 0 ? "ok" : "FAILED"} in ${seconds(r.ms)}`,
    );
    record(s.name, "*", "install", r.code === 0, r.code === 0 ? undefined : tail(r.stderr + r.stdout));
    if (r.code !== 0) return;
  }
  // Every entry point, with the optional peers present.
  await importChecks(
    s,
    s.pkgs.map((p) => ({ p, entries: entryPoints(p.manifest) })),
    runtimes,
  );
  await typecheck(s);
  log(`${s.name}: done`);
}

function tail(text, lines = 30) {
  return String(text).trim().split("\n").slice(-lines).join("\n");
}

async function packedManifest(file) {
  const r = await run("tar", ["-xOzf", file, "package/package.json"]);
  if (r.code !== 0) throw new Error(`cannot read package.json from ${file}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The packed package.json must have no workspace: ranges, and internal ranges our versions meet. */
function checkPackedManifest(packed, p) {
  const problems = [];
  if (packed.name !== p.manifest.name || packed.version !== p.manifest.version)
    problems.push(`packed as ${packed.name}@${packed.version}, expected ${p.manifest.name}@${p.manifest.version}`);
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    for (const [dep, range] of Object.entries(packed[field] ?? {})) {
      if (/^(workspace|link|file|portal|catalog):/.test(range))
        problems.push(`${field}.${dep} is "${range}" in the tarball`);
      const local = byName.get(dep);
      if (local && !satisfies(local.manifest.version, range))
        problems.push(
          `${field}.${dep} is "${range}", which ${dep}@${local.manifest.version} from this repository does not satisfy`,
        );
    }
  }
  if (packed.devDependencies && JSON.stringify(packed.devDependencies).includes("workspace:")) {
    // devDependencies are not installed by users; pnpm leaves them alone. Harmless, not reported.
  }
  return problems;
}

/** Enough semver for what `workspace:` turns into: exact, ^x.y.z, ~x.y.z, >=x.y.z, *. */
function satisfies(version, range) {
  const parse = (v) =>
    v
      .replace(/^[=v]+/, "")
      .split("-")[0]
      .split(".")
      .map(Number);
  const cmp = (a, b) => {
    for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
    return 0;
  };
  const v = parse(version);
  const r = range.trim();
  if (r === "*" || r === "") return true;
  if (r.startsWith(">=")) return cmp(v, parse(r.slice(2))) >= 0;
  if (r.startsWith("~")) {
    const b = parse(r.slice(1));
    return cmp(v, b) >= 0 && v[0] === b[0] && v[1] === b[1];
  }
  if (r.startsWith("^")) {
    const b = parse(r.slice(1));
    if (cmp(v, b) < 0) return false;
    if (b[0] > 0) return v[0] === b[0];
    if (b[1] > 0) return v[0] === 0 && v[1] === b[1];
    return v[0] === 0 && v[1] === 0 && v[2] === b[2];
  }
  if (/^[=v]?\d+\.\d+\.\d+/.test(r)) return cmp(v, parse(r)) === 0;
  return true; // unknown form: npm install decides
}

/** Whether a package's `engines.node` (`>=X[.Y[.Z]]`, or none) allows this Node version. */
function enginesAllow(manifest, version) {
  const m = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(manifest.engines?.node ?? "");
  if (!m) return true;
  const [major, minor, patch] = version.split(".").map(Number);
  const want = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  const have = [major, minor, patch];
  for (let i = 0; i < 3; i++) if (have[i] !== want[i]) return have[i] > want[i];
  return true;
}

/**
 * This Node, plus an older Node on PATH (e.g. the system's) that the lowest `engines` floor allows;
 * on the older Node only the packages whose engines allow it are imported.
 */
async function nodeRuntimes() {
  const current = {
    label: `node${process.versions.node.split(".")[0]}`,
    bin: process.execPath,
    version: process.versions.node,
  };
  const runtimes = [current];
  const seen = new Set([realpathSync(process.execPath)]);
  const minimum = Math.min(
    ...selected.map((p) => {
      const m = /^>=\s*(\d+)/.exec(p.manifest.engines?.node ?? "");
      return m ? Number(m[1]) : Number.POSITIVE_INFINITY;
    }),
  );
  if (!Number.isFinite(minimum)) return runtimes;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const bin = path.join(dir, "node");
    if (!dir || !existsSync(bin)) continue;
    let real;
    try {
      real = realpathSync(bin);
    } catch {
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    const r = await run(bin, ["-p", "process.versions.node"]);
    const version = r.stdout.trim();
    const major = Number(version.split(".")[0]);
    if (r.code === 0 && major >= minimum && major !== Number(current.version.split(".")[0])) {
      runtimes.push({ label: `node${major}`, bin, version });
      break;
    }
  }
  return runtimes;
}

/** Optional (and other) peers of the packages, at the version the package itself develops against. */
function optionalPeers(pkgs) {
  const peers = {};
  for (const p of pkgs) {
    for (const [name, range] of Object.entries(p.manifest.peerDependencies ?? {})) {
      if (byName.has(name)) continue;
      peers[name] = p.manifest.devDependencies?.[name] ?? range;
    }
  }
  return peers;
}

function npmInstall(dir, specs) {
  return run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...specs], { cwd: dir, env: npmEnv() });
}

async function setUpScenario(s, tarballs) {
  s.dir = path.join(scratchRoot, s.name);
  mkdirSync(s.dir);
  const dependencies = Object.fromEntries(
    s.pkgs.map((p) => [p.manifest.name, `file:${tarballs.get(p.manifest.name)}`]),
  );
  // A Node consumer has Node's types; the version the workspace develops against.
  const nodeTypes = all.map((p) => p.manifest.devDependencies?.["@types/node"]).find(Boolean) ?? "^24";
  const devDependencies = { "@types/node": nodeTypes };
  writeFileSync(
    path.join(s.dir, "package.json"),
    `${JSON.stringify({ name: `openharness-smoke-${s.name}`, version: "0.0.0", private: true, dependencies, devDependencies }, null, 2)}\n`,
  );
  const r = await npmInstall(s.dir, []);
  log(`${s.name}: npm install ${r.code === 0 ? "ok" : "FAILED"} in ${seconds(r.ms)}`);
  if (r.code !== 0) {
    record(s.name, "*", "install", false, tail(r.stderr + r.stdout));
    return false;
  }
  // Each @openharness package must be ours, installed once, from the tarball (never the registry).
  const problems = [];
  for (const p of s.pkgs) {
    const installed = path.join(s.dir, "node_modules", p.manifest.name, "package.json");
    if (!existsSync(installed)) problems.push(`${p.manifest.name} is not installed`);
    else if (readJson(installed).version !== p.manifest.version)
      problems.push(`${p.manifest.name} installed at ${readJson(installed).version}`);
  }
  const lock = readJson(path.join(s.dir, "package-lock.json"));
  for (const [where, entry] of Object.entries(lock.packages ?? {})) {
    const name = where.split("node_modules/").pop();
    if (!byName.has(name)) continue;
    if (where !== `node_modules/${name}`)
      problems.push(`a second copy of ${name} at ${where} (${entry.resolved ?? entry.version})`);
    else if (!String(entry.resolved ?? "").startsWith("file:"))
      problems.push(`${name} resolved from ${entry.resolved}, not the tarball`);
    if (!s.pkgs.some((p) => p.manifest.name === name)) problems.push(`${name} was pulled in from the registry`);
  }
  record(s.name, "*", "install", problems.length === 0, problems.join("\n"));
  return problems.length === 0;
}

// ---------------------------------------------------------------------------------------------
// Import checks: one node process per (module format, runtime) and scenario
// ---------------------------------------------------------------------------------------------

const CHECKER = `
const specs = JSON.parse(process.argv[2]);
const format = process.argv[3];
const out = [];
const load = format === "esm" ? (s) => import(s) : (s) => require(s);
(async () => {
  for (const spec of specs) {
    try {
      const m = await load(spec.specifier);
      const names = Object.keys(m).filter((k) => k !== "default" && k !== "__esModule" && k !== "module.exports");
      const missing = (spec.expected ?? []).filter((n) => !(n in m) || m[n] === undefined);
      const unexpected = spec.expected ? names.filter((n) => !spec.expected.includes(n)) : [];
      const problems = [];
      if (names.length === 0) problems.push("exports nothing");
      if (missing.length) problems.push("missing exports: " + missing.join(", "));
      if (unexpected.length) problems.push("exports not in the expected list: " + unexpected.join(", "));
      if (spec.behaviour && problems.length === 0) {
        const AsyncFunction = (async () => {}).constructor;
        try { await new AsyncFunction("m", spec.behaviour)(m); } catch (e) { problems.push("behaviour check: " + (e && e.message || e)); }
      }
      out.push({ specifier: spec.specifier, names: names.sort(), problems });
    } catch (e) {
      out.push({ specifier: spec.specifier, names: [], problems: ["cannot load: " + String(e && (e.code ? e.code + " " : "") + (e.message || e)).split("\\n").slice(0, 6).join("\\n")] });
    }
  }
  process.stdout.write(JSON.stringify(out));
})();
`;

async function importChecks(s, list, allRuntimes) {
  writeFileSync(path.join(s.dir, "check.mjs"), CHECKER);
  writeFileSync(path.join(s.dir, "check.cjs"), CHECKER);
  const runtimes = allRuntimes.filter((rt, i) => i === 0 || list.some(({ p }) => enginesAllow(p.manifest, rt.version)));
  const allSpecs = list.flatMap(({ p, entries }) =>
    entries.map((entry) => ({
      pkg: p.manifest.name,
      entry,
      specifier: entry === "." ? p.manifest.name : `${p.manifest.name}/${entry.slice(2)}`,
      expected: EXPECTED_EXPORTS[p.manifest.name]?.[entry],
      behaviour: BEHAVIOUR_CHECKS[p.manifest.name]?.[entry],
    })),
  );
  const t0 = Date.now();
  for (const rt of runtimes) {
    const specs = allSpecs.filter(
      (spec) => rt === runtimes[0] || enginesAllow(byName.get(spec.pkg).manifest, rt.version),
    );
    const byFormat = {};
    for (const format of ["esm", "cjs"]) {
      const r = await run(rt.bin, [`check.${format === "esm" ? "mjs" : "cjs"}`, JSON.stringify(specs), format], {
        cwd: s.dir,
      });
      let out;
      try {
        out = JSON.parse(r.stdout);
      } catch {
        for (const spec of specs)
          record(
            s.name,
            spec.pkg,
            rt === runtimes[0] ? format : `${format}@${rt.label}`,
            false,
            tail(r.stdout + r.stderr),
          );
        continue;
      }
      byFormat[format] = out;
    }
    // Record one result per package and format; ESM and CJS must agree on the export names.
    for (const pkg of new Set(specs.map((x) => x.pkg))) {
      for (const format of ["esm", "cjs"]) {
        const out = byFormat[format];
        if (!out) continue;
        const mine = specs.map((spec, i) => ({ spec, res: out[i] })).filter((x) => x.spec.pkg === pkg);
        const problems = mine.flatMap(({ spec, res }) => res.problems.map((pr) => `${spec.specifier}: ${pr}`));
        if (format === "cjs" && byFormat.esm) {
          for (const { spec, res } of mine) {
            const esm = byFormat.esm[specs.indexOf(spec)];
            const a = esm.names.join(",");
            const b = res.names.join(",");
            if (esm.problems.length === 0 && res.problems.length === 0 && a !== b)
              problems.push(`${spec.specifier}: ESM and CJS export different names\n  esm: ${a}\n  cjs: ${b}`);
          }
        }
        const entries = mine.map((x) => `${x.spec.entry}(${x.res.names.length})`).join(" ");
        record(
          s.name,
          pkg,
          rt === runtimes[0] ? format : `${format}@${rt.label}`,
          problems.length === 0,
          problems.length ? problems.join("\n") : entries,
        );
      }
    }
  }
  log(
    `${s.name}: imported ${allSpecs.length} entry point(s) with ESM and CJS on ${runtimes.length} Node(s) in ${seconds(Date.now() - t0)}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Typecheck a consumer
// ---------------------------------------------------------------------------------------------

async function typecheck(s) {
  // One consumer per package, twice: consumer-<dir>.ts is ESM (the scratch package.json says
  // "type": "module") and consumer-<dir>.cts is CommonJS, so one "module": "nodenext" program
  // checks both the import and the require side of the exports map.
  const consumers = [];
  for (const p of s.pkgs) {
    const body =
      CONSUMER_TS[p.manifest.name] ??
      `import * as pkg from "${p.manifest.name}";\nexport const keys: string[] = Object.keys(pkg);\n`;
    // Only files whose imports are all installed in this scenario.
    const used = [...body.matchAll(/from "(@openharness\/[^"/]+)/g)].map((m) => m[1]);
    if (used.some((u) => !s.pkgs.some((q) => q.manifest.name === u))) continue;
    for (const [ext, format] of [
      ["ts", "esm"],
      ["cts", "cjs"],
    ]) {
      const file = `consumer-${p.dirName}.${ext}`;
      writeFileSync(path.join(s.dir, file), body.trimStart());
      consumers.push({ file, pkg: p.manifest.name, format });
    }
  }
  const manifestFile = path.join(s.dir, "package.json");
  writeFileSync(manifestFile, `${JSON.stringify({ ...readJson(manifestFile), type: "module" }, null, 2)}\n`);

  // Node consumers with Node's types; a bundled (browser) consumer with the DOM's. Checking the
  // shipped .d.ts/.d.cts files themselves (skipLibCheck off) is the slow part, as it checks zod's
  // and Node's too, so only the "all" scenario does it.
  const full = s.name === "all";
  const programs = [
    {
      name: "nodenext",
      formats: { esm: "tsc-esm", cjs: "tsc-cjs" },
      files: consumers,
      options: {
        module: "nodenext",
        moduleResolution: "nodenext",
        lib: ["es2022"],
        types: ["node"],
        skipLibCheck: !full,
      },
    },
  ];
  if (full) {
    programs.push({
      name: "bundler",
      formats: { esm: "tsc-bundler" },
      files: consumers.filter((c) => c.format === "esm"),
      options: {
        module: "esnext",
        moduleResolution: "bundler",
        lib: ["es2022", "dom", "dom.iterable"],
        types: [],
        skipLibCheck: true,
      },
    });
  }
  for (const program of programs) {
    const tsconfig = {
      compilerOptions: { target: "es2022", ...program.options, strict: true, noEmit: true },
      files: program.files.map((f) => f.file),
    };
    const cfg = path.join(s.dir, `tsconfig.${program.name}.json`);
    writeFileSync(cfg, `${JSON.stringify(tsconfig, null, 2)}\n`);
    const r = await run(process.execPath, [TSC, "-p", cfg, "--pretty", "false"], { cwd: s.dir });
    log(`${s.name}: tsc (${program.name}) ${r.code === 0 ? "ok" : "reported errors"} in ${seconds(r.ms)}`);
    const errors =
      r.code === 0
        ? []
        : (r.stdout + r.stderr).split("\n").filter((l) => /error TS\d+/.test(l) || (l.trim() && !/^\s/.test(l)));
    // Each error belongs to a consumer file, or to a package's .d.ts (ESM) or .d.cts (CJS) file.
    const ownerOf = (line) =>
      program.files.find(
        (c) =>
          line.startsWith(`${c.file}(`) ||
          (line.includes(`node_modules/${c.pkg}/`) && /\.d\.cts\(/.test(line) === (c.format === "cjs")),
      );
    for (const c of program.files) {
      const mine = errors.filter((l) => ownerOf(l) === c);
      record(s.name, c.pkg, program.formats[c.format], mine.length === 0, mine.join("\n"));
    }
    // Errors inside other packages' declaration files (msw's want the DOM lib, say) are theirs:
    // shown, not failed on. Anything else (a broken tsconfig, say) fails.
    const other = errors.filter((l) => !ownerOf(l));
    const thirdParty = other.filter((l) => /^node_modules\//.test(l) && !l.startsWith("node_modules/@openharness/"));
    if (thirdParty.length > 0) {
      const where = [...new Set(thirdParty.map((l) => l.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1]))].join(", ");
      log(
        `${s.name}: tsc (${program.name}): ignored ${thirdParty.length} error(s) in the declaration files of ${where}`,
      );
    }
    const unexplained = other.filter((l) => !thirdParty.includes(l));
    if (r.code !== 0 && (unexplained.length > 0 || errors.length === 0))
      record(
        s.name,
        "*",
        `tsc-${program.name}`,
        false,
        tail(unexplained.join("\n") || `${r.stdout}${r.stderr}` || `tsc exited ${r.code}`),
      );
  }
}

// ---------------------------------------------------------------------------------------------

function printSummary() {
  const rank = (c) => {
    const order = [
      "build",
      "pack",
      "publint",
      "install",
      "esm",
      "cjs",
      "esm@",
      "cjs@",
      "tsc-esm",
      "tsc-cjs",
      "tsc-bundler",
      "tsc-nodenext",
    ];
    const i = order.indexOf(c.includes("@") ? `${c.split("@")[0]}@` : c);
    return i === -1 ? order.length : i;
  };
  const checks = [...new Set(results.map((r) => r.check))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const scenarioOrder = [...new Set(results.map((r) => r.scenario))];
  const rows = [...new Set(results.map((r) => `${r.scenario}\u0000${r.pkg}`))].sort(
    (a, b) =>
      scenarioOrder.indexOf(a.split("\u0000")[0]) - scenarioOrder.indexOf(b.split("\u0000")[0]) ||
      (a.endsWith("\u0000*") ? -1 : b.endsWith("\u0000*") ? 1 : a.localeCompare(b)),
  );
  const header = ["scenario", "package", ...checks];
  const table = [header];
  for (const row of rows) {
    const [scenario, pkg] = row.split("\u0000");
    const cells = checks.map((c) => {
      const hits = results.filter((r) => r.scenario === scenario && r.pkg === pkg && r.check === c);
      if (hits.length === 0) return "";
      return hits.every((h) => h.ok) ? "ok" : "FAIL";
    });
    table.push([scenario, pkg, ...cells]);
  }
  const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  console.log("\nPackaging smoke test");
  for (const [i, r] of table.entries()) {
    console.log(
      r
        .map((c, j) => c.padEnd(widths[j]))
        .join("  ")
        .trimEnd(),
    );
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
  const failed = results.filter((r) => !r.ok);
  if (failed.length) {
    console.log("\nFailures:");
    const shown = new Set();
    for (const f of failed) {
      const text = `- ${f.scenario} ${f.pkg} ${f.check}\n${indent(f.detail ?? "", "    ")}`;
      if (!shown.has(text)) console.log(text);
      shown.add(text);
    }
  }
  const passed = results.length - failed.length;
  console.log(`\nfinished in ${seconds(Date.now() - started)}`);
  console.log(`packaging: ${passed} passed, ${failed.length} failed`);
  process.exitCode = failed.length ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------

try {
  await main();
} catch (err) {
  record("-", "-", "script", false, err?.stack ?? String(err));
} finally {
  cleanup();
}
printSummary();
