import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", contract: "src/contract/index.ts" },
  format: ["esm", "cjs"],
  // The contract checker reads the spec file with node:fs; the emulator itself stays platform neutral.
  dts: { compilerOptions: { types: ["node"] } },
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  external: ["msw", "msw/node", "@letta-ai/letta-client", "ajv", /^node:/],
});
