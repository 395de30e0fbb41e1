#!/usr/bin/env node
// Fails when a published package changed without a changeset naming it.
//
// What counts as a change: a file under packages/<dir>/ of a non-private package that ships or
// shapes what ships (src, package.json outside devDependencies/scripts, README, build config), and
// not tests (*.test.ts, *.test-d.ts, *.spec.ts, test/, __tests__/, __fixtures__/), examples/,
// benchmarks, vitest config or CHANGELOG.md. Uncommitted and untracked files count too.
//
// Against what:
//   - on a branch other than main: the merge base with origin/main (or main); the branch must add
//     (or edit) a .changeset/*.md naming each changed package.
//   - on main (as in CI, or working on main directly): the last release, i.e. the last commit that
//     deleted .changeset/*.md files (`changeset version` does that), or the root commit when there
//     was no release yet; every package changed since must be named in a pending .changeset/*.md.
//   - CHANGESET_BASE=<ref> overrides the base (and uses the main rule: any pending changeset counts).
// A changeset with an empty front matter (`scripts/pnpm changeset --empty`) declares that the
// changes need no release. In a shallow clone without the needed history, it warns and only checks
// uncommitted changes.

import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CHANGESET_DIR = ".changeset";
const BUMPS = new Set(["major", "minor", "patch", "none"]);

const NOT_SHIPPED = [
  /\.(test|spec)(-d)?\.[cm]?[jt]sx?$/,
  /(^|\/)(test|tests|__tests__|__fixtures__|__mocks__|examples|bench|benchmarks|coverage|dist|node_modules|\.turbo)\//,
  /(^|\/)vitest\.config\.[cm]?[jt]s$/,
  /(^|\/)CHANGELOG\.md$/,
];

function git(args, { allowFail = false } = {}) {
  try {
    return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch (err) {
    if (allowFail) return null;
    throw new Error(`git ${args.join(" ")} failed: ${String(err.stderr ?? err.message).trim()}`);
  }
}
const lines = (text) => (text ? text.split("\n").filter(Boolean) : []);
const warn = (msg) => console.warn(`check-changesets: warning: ${msg}`);

// ---------------------------------------------------------------------------------------------
// Packages and changesets
// ---------------------------------------------------------------------------------------------

const packages = readdirSync(path.join(ROOT, "packages"), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(ROOT, "packages", d.name, "package.json")))
  .map((d) => ({
    dir: `packages/${d.name}`,
    manifest: JSON.parse(readFileSync(path.join(ROOT, "packages", d.name, "package.json"), "utf8")),
  }));
const publicPackages = packages.filter((p) => !p.manifest.private);
const knownNames = new Set(packages.map((p) => p.manifest.name));

/** Parses the front matter of a changeset: `"@openharness/types": minor` lines. */
function parseChangeset(file) {
  const text = readFileSync(path.join(ROOT, file), "utf8").replace(/\r\n/g, "\n");
  const match = /^---\n([\s\S]*?)\n?---\s*(\n|$)/.exec(text);
  if (!match) return { file, releases: [], error: "has no front matter (--- ... ---)" };
  const releases = [];
  for (const raw of match[1].split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = /^(["']?)(@?[^"':\s]+)\1\s*:\s*(\w+)\s*$/.exec(line);
    if (!m) return { file, releases, error: `cannot read front matter line "${line}"` };
    const [, , name, bump] = m;
    if (!BUMPS.has(bump)) return { file, releases, error: `"${name}": ${bump} is not major, minor, patch or none` };
    if (!knownNames.has(name))
      return { file, releases, error: `names "${name}", which is not a package of this repository` };
    releases.push({ name, bump });
  }
  return { file, releases };
}

function pendingChangesets() {
  const dir = path.join(ROOT, CHANGESET_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md") && f.toLowerCase() !== "readme.md")
    .map((f) => `${CHANGESET_DIR}/${f}`);
}

// ---------------------------------------------------------------------------------------------
// The base to compare against
// ---------------------------------------------------------------------------------------------

function resolveBase() {
  if (process.env.CHANGESET_BASE) {
    const sha = git(["rev-parse", "--verify", `${process.env.CHANGESET_BASE}^{commit}`], { allowFail: true });
    if (!sha) throw new Error(`CHANGESET_BASE=${process.env.CHANGESET_BASE} is not a commit`);
    return { mode: "main", base: sha, why: `CHANGESET_BASE=${process.env.CHANGESET_BASE}` };
  }
  const head = git(["rev-parse", "--verify", "HEAD^{commit}"], { allowFail: true });
  if (!head) return { mode: "main", base: null, why: "no commit yet" };
  const branch = git(["symbolic-ref", "--short", "-q", "HEAD"], { allowFail: true }) ?? "";
  const mainRefs = ["origin/main", "main"]
    .map((ref) => ({ ref, sha: git(["rev-parse", "--verify", "-q", `${ref}^{commit}`], { allowFail: true }) }))
    .filter((r) => r.sha);
  const shallow = git(["rev-parse", "--is-shallow-repository"], { allowFail: true }) === "true";

  if (branch !== "main" && mainRefs.length > 0 && !mainRefs.some((r) => r.sha === head)) {
    // The newest merge base with main or origin/main (whichever of the two is further ahead).
    const bases = mainRefs
      .map((r) => ({ ...r, base: git(["merge-base", "HEAD", r.sha], { allowFail: true }) }))
      .filter((r) => r.base);
    const isAncestor = (a, b) => git(["merge-base", "--is-ancestor", a, b], { allowFail: true }) !== null;
    const newest = bases.find((r) => bases.every((o) => isAncestor(o.base, r.base)));
    if (newest)
      return { mode: "branch", base: newest.base, why: `merge base with ${newest.ref} (${newest.base.slice(0, 9)})` };
    const names = mainRefs.map((r) => r.ref).join(" or ");
    if (shallow) return { mode: "main", base: null, why: `shallow clone: no merge base with ${names}` };
    warn(`no merge base with ${names}; checking as on main`);
  }

  // On main: since the last release, i.e. the last commit that removed pending changesets.
  const releases = lines(git(["log", "--diff-filter=D", "--format=%H", "--", `${CHANGESET_DIR}/*.md`]));
  for (const sha of releases) {
    const deleted = lines(
      git(["diff-tree", "--no-commit-id", "--name-only", "--diff-filter=D", "-r", sha, "--", `${CHANGESET_DIR}/*.md`]),
    );
    if (deleted.some((f) => path.basename(f).toLowerCase() !== "readme.md"))
      return {
        mode: "main",
        base: sha,
        why: `last release ${sha.slice(0, 9)} (the last commit that consumed changesets)`,
      };
  }
  if (shallow)
    return { mode: "main", base: null, why: "shallow clone: the last release is not in the fetched history" };
  const root = lines(git(["rev-list", "--max-parents=0", "HEAD"])).pop();
  return { mode: "main", base: root, why: `root commit ${root.slice(0, 9)} (no release yet)` };
}

// ---------------------------------------------------------------------------------------------
// What changed
// ---------------------------------------------------------------------------------------------

/** Files changed since `base` (committed, staged, unstaged and untracked), or only uncommitted. */
function changedFiles(base) {
  const files = new Set();
  const head = git(["rev-parse", "--verify", "-q", "HEAD^{commit}"], { allowFail: true });
  if (base) for (const f of lines(git(["diff", "--name-only", "--no-renames", base, "--"]))) files.add(f);
  else if (head) for (const f of lines(git(["diff", "--name-only", "--no-renames", "HEAD", "--"]))) files.add(f);
  for (const f of lines(git(["ls-files", "--others", "--exclude-standard"]))) files.add(f);
  return [...files];
}

/** A package.json change that only touches devDependencies or scripts does not ship. */
function manifestShips(file, base) {
  if (!base) return true;
  const before = git(["show", `${base}:${file}`], { allowFail: true });
  if (before === null || !existsSync(path.join(ROOT, file))) return true;
  const strip = (text) => {
    try {
      const { devDependencies, scripts, ...rest } = JSON.parse(text);
      return JSON.stringify(rest);
    } catch {
      return text;
    }
  };
  return strip(before) !== strip(readFileSync(path.join(ROOT, file), "utf8"));
}

/** On a branch, only changesets the branch itself adds or edits (those among the changed files) count. */
function changesetsAmong(changed) {
  const all = new Set(pendingChangesets());
  return changed.filter((f) => all.has(f));
}

// ---------------------------------------------------------------------------------------------

function main() {
  if (git(["rev-parse", "--is-inside-work-tree"], { allowFail: true }) !== "true") {
    warn("not a git work tree; nothing to compare, skipped");
    return 0;
  }
  const { mode, base, why } = resolveBase();
  if (!base) warn(`${why}; only uncommitted changes are checked`);
  const changed = changedFiles(base);

  const touched = new Map(); // package name -> files
  for (const p of publicPackages) {
    const prefix = `${p.dir}/`;
    const files = changed.filter((f) => {
      if (!f.startsWith(prefix)) return false;
      const rel = f.slice(prefix.length);
      if (NOT_SHIPPED.some((re) => re.test(rel))) return false;
      if (rel === "package.json") return manifestShips(f, base);
      return true;
    });
    if (files.length) touched.set(p.manifest.name, files);
  }

  const candidates = mode === "branch" ? changesetsAmong(changed) : pendingChangesets();
  const changesets = candidates.filter((f) => existsSync(path.join(ROOT, f))).map(parseChangeset);
  const invalid = changesets.filter((c) => c.error);
  const named = new Set(changesets.flatMap((c) => c.releases.map((r) => r.name)));
  const empty = changesets.filter((c) => !c.error && c.releases.length === 0);

  const label = mode === "branch" ? "changesets added on this branch" : "pending changesets";
  console.log(base ? `check-changesets: comparing with ${why}` : "check-changesets: checking uncommitted changes only");
  console.log(
    `check-changesets: ${label}: ${changesets.length ? changesets.map((c) => path.basename(c.file)).join(", ") : "none"}`,
  );

  for (const c of invalid) console.error(`check-changesets: ${c.file} ${c.error}`);
  const missing = [...touched.keys()].filter((name) => !named.has(name));
  for (const name of touched.keys()) {
    const n = touched.get(name).length;
    if (named.has(name)) console.log(`check-changesets: ok ${name} (${n} changed file${n === 1 ? "" : "s"})`);
  }
  if (missing.length && empty.length) {
    console.log(
      `check-changesets: ok ${missing.join(", ")}: ${empty.map((c) => c.file).join(", ")} declares that no release is needed`,
    );
    missing.length = 0;
  }
  if (missing.length === 0 && invalid.length === 0) {
    console.log(
      `check-changesets: ${touched.size === 0 ? "no published package changed" : "every changed package has a changeset"}`,
    );
    return 0;
  }
  if (missing.length) {
    console.error(`\ncheck-changesets: these packages changed without a changeset (${label} name none of them):`);
    for (const name of missing) {
      const files = touched.get(name);
      console.error(`  ${name}`);
      for (const f of files.slice(0, 5)) console.error(`      ${f}`);
      if (files.length > 5) console.error(`      ... and ${files.length - 5} more`);
    }
    console.error(
      [
        "",
        "Fix: run `scripts/pnpm changeset`, pick the packages and the bump, and describe the change for users;",
        "or write the file by hand, e.g. .changeset/short-description.md:",
        "",
        "  ---",
        ...missing.map((n) => `  "${n}": patch`),
        "  ---",
        "",
        "  What changed, for the users of these packages.",
        "",
        "A change that needs no release: `scripts/pnpm changeset --empty`.",
      ].join("\n"),
    );
  }
  return 1;
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(`check-changesets: ${err.message}`);
  process.exitCode = 1;
}
