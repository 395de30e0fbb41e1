import { defineConfig } from "tsup";

export default defineConfig({
  entry: { cli: "src/cli.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  banner: { js: "#!/usr/bin/env node" },
  sourcemap: true,
  clean: true,
  // Source-only workspace code shared by the examples: bundled, not resolved at run time.
  noExternal: ["@openharness/example-support"],
});
