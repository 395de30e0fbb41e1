import path from "node:path";
import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", testing: "src/testing/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  external: ["vitest"],
  esbuildPlugins: [
    {
      // vitest cannot be require()d: the CommonJS build takes the running vitest's globals instead,
      // so that require("@openharness/adapter-kit/testing") loads.
      name: "vitest-api-for-cjs",
      setup(build) {
        if (build.initialOptions.format !== "cjs") return;
        build.onResolve({ filter: /[\\/]vitest-api$/ }, (args) => ({
          path: path.join(args.resolveDir, "vitest-from-globals.ts"),
        }));
      },
    },
  ],
});
