import { afterEach, describe as vitestDescribe, expect, it as vitestIt, vi } from "vitest";
import { describe, it } from "./vitest-from-globals";

const scope = globalThis as Record<string, unknown>;

afterEach(() => {
  delete scope.it;
});

vitestDescribe("vitest-from-globals (the CommonJS stand-in for vitest)", () => {
  vitestIt("explains what to do when vitest's globals are not there", () => {
    expect(scope.describe).toBeUndefined();
    expect(() => describe("suite", () => {})).toThrow(/needs vitest.*runAdapterConformance/);
  });

  vitestIt("forwards to vitest's globals when they are there", () => {
    const globalIt = vi.fn();
    scope.it = globalIt;
    const fn = async () => {};
    it("a test", fn, 1000);
    expect(globalIt).toHaveBeenCalledWith("a test", fn, 1000);
  });
});
