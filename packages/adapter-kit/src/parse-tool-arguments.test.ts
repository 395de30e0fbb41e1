import { describe, expect, it } from "vitest";
import { parseToolArguments } from "./parse-tool-arguments";

describe("parseToolArguments", () => {
  it("parses a JSON object", () => {
    expect(parseToolArguments('{"query":"cats","n":2}')).toEqual({ input: { query: "cats", n: 2 } });
  });

  it("gives an empty input for nothing", () => {
    for (const text of [undefined, null, "", "   "]) expect(parseToolArguments(text)).toEqual({ input: {} });
  });

  it("keeps text that is not a JSON object verbatim in raw_input", () => {
    for (const text of ["ls -la", "[1,2]", "42", "null", '{"broken":']) {
      expect(parseToolArguments(text)).toEqual({ input: {}, raw_input: text });
    }
  });
});
