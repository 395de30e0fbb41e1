import { InvalidRequestError } from "@openharness/adapter-kit";
import { describe, expect, it } from "vitest";
import { resolveLettaOptions } from "./letta-adapter-options";

const issuesOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) return error.issues;
    throw error;
  }
  throw new Error("expected an InvalidRequestError");
};

describe("resolveLettaOptions", () => {
  it("reads the key and URL from the environment when not given", () => {
    const resolved = resolveLettaOptions({ env: { LETTA_API_KEY: "k-env", LETTA_BASE_URL: "http://localhost:8283/" } });
    expect(resolved.apiKey).toBe("k-env");
    expect(resolved.baseUrl).toBe("http://localhost:8283");
  });

  it("prefers options over the environment", () => {
    const resolved = resolveLettaOptions({ apiKey: "k-opt", env: { LETTA_API_KEY: "k-env" } });
    expect(resolved.apiKey).toBe("k-opt");
    expect(resolved.baseUrl).toBeUndefined();
  });

  it("asks for a key or a URL when it has neither", () => {
    expect(issuesOf(() => resolveLettaOptions({ env: {} }))).toEqual([
      expect.objectContaining({ path: "apiKey", message: expect.stringMatching(/LETTA_API_KEY.*LETTA_BASE_URL/) }),
    ]);
  });

  it("refuses a URL with credentials, a non-http scheme, and plain http to a remote host with a key", () => {
    expect(
      issuesOf(() => resolveLettaOptions({ baseUrl: "https://user:pw@letta.example.com", env: {} }))[0]?.message,
    ).toMatch(/without credentials/);
    expect(issuesOf(() => resolveLettaOptions({ baseUrl: "ftp://letta.example.com", env: {} }))[0]?.message).toMatch(
      /http or https/,
    );
    expect(issuesOf(() => resolveLettaOptions({ baseUrl: "not a url", env: {} }))[0]?.path).toBe("baseUrl");
    expect(
      issuesOf(() => resolveLettaOptions({ apiKey: "k", baseUrl: "http://letta.example.com", env: {} }))[0]?.message,
    ).toMatch(/unencrypted.*allowInsecureHttp/);
  });

  it("allows plain http to loopback, without a key, or when the user opts in", () => {
    for (const host of ["localhost", "127.0.0.1", "[::1]", "letta.localhost"]) {
      expect(resolveLettaOptions({ apiKey: "k", baseUrl: `http://${host}:8283`, env: {} }).baseUrl).toBe(
        `http://${host}:8283`,
      );
    }
    expect(resolveLettaOptions({ baseUrl: "http://10.0.0.5:8283", env: {} }).apiKey).toBeUndefined();
    expect(
      resolveLettaOptions({ apiKey: "k", baseUrl: "http://letta.lan:8283", allowInsecureHttp: true, env: {} }).baseUrl,
    ).toBe("http://letta.lan:8283");
  });

  it("checks numeric options", () => {
    expect(
      issuesOf(() => resolveLettaOptions({ apiKey: "k", timeout: -1, maxRetries: Number.NaN, env: {} })).map(
        (i) => i.path,
      ),
    ).toEqual(["timeout", "maxRetries"]);
  });

  it("never puts the key into its error messages", () => {
    const key = "sk-very-secret-key-0001";
    try {
      resolveLettaOptions({ apiKey: key, baseUrl: "http://remote.example.com", env: {} });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(key);
      expect(JSON.stringify(error)).not.toContain(key);
    }
  });
});
