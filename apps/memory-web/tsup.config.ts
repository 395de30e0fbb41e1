import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The server: the adapter and the key stay here.
    entry: { server: "src/server/main.ts" },
    format: ["esm"],
    platform: "node",
    target: "node22",
    sourcemap: true,
    clean: true,
    // Source-only workspace code shared by the examples: bundled, not resolved at run time.
    noExternal: ["@openharness/example-support"],
  },
  {
    // The browser: the contract's types and SSE decoder, nothing of Letta.
    entry: { app: "src/client/main.ts" },
    outDir: "dist/public",
    format: ["esm"],
    platform: "browser",
    target: "es2022",
    minify: true,
    sourcemap: true,
    noExternal: [/.*/],
    publicDir: "src/client/public",
  },
]);
