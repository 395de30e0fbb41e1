import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LettaAdapter, VERSION } from "./index";

describe("VERSION", () => {
  it("is package.json's version, and the adapter reports it", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    expect(VERSION).toBe(manifest.version);
    expect(new LettaAdapter({ baseUrl: "http://localhost:8283", env: {} }).version).toBe(manifest.version);
  });
});
