import { describe, expect, it } from "vitest";

/** The slice of esbuild's API used here; this package has no Node or esbuild typings to import. */
interface Esbuild {
  build(options: Record<string, unknown>): Promise<{
    errors: unknown[];
    outputFiles: { text: string }[];
    metafile: {
      inputs: Record<string, unknown>;
      outputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
    };
  }>;
}

type Require = ((id: string) => unknown) & { resolve(id: string): string };

async function requireFrom(from: string): Promise<Require> {
  // A variable specifier keeps tsc from looking for the Node typings this browser-safe package lacks.
  const specifier = "node:module";
  const { createRequire } = (await import(/* @vite-ignore */ specifier)) as { createRequire(from: string): Require };
  return createRequire(from);
}

const NODE_ONLY = [/\bnode:/, /\bprocess\./, /\bBuffer\b/, /\brequire\(/, /\b__dirname\b/, /\bglobal\./];

async function loadEsbuild(): Promise<{ esbuild: Esbuild; here: Require }> {
  const here = await requireFrom(import.meta.url);
  // esbuild is a dependency of tsup (which builds this package), not of the package: resolve it from there.
  return { esbuild: (await requireFrom(here.resolve("tsup")))("esbuild") as Esbuild, here };
}

/** What a browser app that decodes events ships: `decodeSseStream` with zod, minified, gzipped. */
async function browserConsumerCost(): Promise<{ minified: number; gzipped: number }> {
  const { esbuild, here } = await loadEsbuild();
  const result = await esbuild.build({
    stdin: {
      contents: 'import { decodeSseStream } from "./index"; globalThis.decode = decodeSseStream;',
      resolveDir: here.resolve("./index.ts").replace(/[\\/]index\.ts$/, ""),
      loader: "ts",
    },
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles.map((file) => file.text).join("\n");
  const specifier = "node:zlib";
  const { gzipSync } = (await import(/* @vite-ignore */ specifier)) as {
    gzipSync(data: string, options: { level: number }): { length: number };
  };
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

async function bundleForBrowser(entry = "./index.ts") {
  const { esbuild, here } = await loadEsbuild();
  return esbuild.build({
    entryPoints: [here.resolve(entry)],
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    external: ["zod"],
    write: false,
    metafile: true,
    // Drops comments, whose prose could mention `process.`; identifiers stay readable.
    minifyWhitespace: true,
    logLevel: "silent",
  });
}

describe("the browser bundle", () => {
  it("builds src/index.ts for the browser, importing nothing but zod and using no Node API", async () => {
    // A `node:` import would fail to resolve for platform "browser" and reject here.
    const result = await bundleForBrowser();
    expect(result.errors).toEqual([]);

    const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports);
    expect([...new Set(imports.map((entry) => entry.path))]).toEqual(["zod"]);
    expect(Object.keys(result.metafile.inputs).every((path) => path.startsWith("src/"))).toBe(true);

    const code = result.outputFiles.map((file) => file.text).join("\n");
    // Proof the scan looks at real code: the codec is in the bundle.
    expect(code).toContain("SseEventDecoder=class");
    expect(code).toContain("TextDecoder");
    for (const nodeOnly of NODE_ONLY) expect(code).not.toMatch(nodeOnly);
  });

  it("builds the errors entry for the browser with no imports at all, so a client can rebuild typed errors", async () => {
    const result = await bundleForBrowser("./errors/index.ts");
    expect(result.errors).toEqual([]);
    expect(Object.values(result.metafile.outputs).flatMap((output) => output.imports)).toEqual([]);
    const code = result.outputFiles.map((file) => file.text).join("\n");
    expect(code).toContain("errorFromEvent");
    for (const nodeOnly of NODE_ONLY) expect(code).not.toMatch(nodeOnly);
  });

  it("costs a browser app that decodes events about 30 KB gzipped, zod included (the README's figure)", async () => {
    // zod is imported as a namespace (`import * as z`), so bundlers drop what the schemas do not
    // use; `import { z }` kept all of zod, locales included: 95 KB gzipped.
    const { gzipped } = await browserConsumerCost();
    expect(gzipped).toBeGreaterThan(20_000);
    expect(gzipped).toBeLessThan(33_000);
  });
});
