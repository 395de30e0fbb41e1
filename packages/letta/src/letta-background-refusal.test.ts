import { APIConnectionError, APIError } from "@letta-ai/letta-client";
import { describe, expect, it } from "vitest";
import { isNoRedis, isRefusal } from "./letta-background-refusal";

const answered = (status: number, body: object = { detail: "x" }) =>
  APIError.generate(status, body, undefined, new Headers());

describe("how Letta refuses a background stream", () => {
  it.each([
    [400, true],
    [404, true],
    [410, true],
    [499, true],
    [399, false],
    [500, false],
    [503, false],
  ])("status %i: a refusal (no point re-attaching again)? %s", (status, refusal) => {
    expect(isRefusal(answered(status))).toBe(refusal);
  });

  it("a dropped connection or an in-stream error is not a refusal", () => {
    expect(isRefusal(new APIConnectionError({ message: "reset" }))).toBe(false);
    expect(isRefusal(new APIError(undefined, { message: "boom" }, undefined, new Headers()))).toBe(false);
    expect(isRefusal(new Error("400"))).toBe(false);
    // Only the SDK's answer from Letta counts, not any error that carries a status.
    expect(isRefusal(Object.assign(new Error("not found"), { status: 404 }))).toBe(false);
  });

  it("tells the 503 of a server without Redis from any other 503", () => {
    const noRedis = {
      detail: "Background streaming requires Redis to be running. Please ensure Redis is properly configured.",
    };
    expect(isNoRedis(answered(503, noRedis))).toBe(true);
    expect(isNoRedis(answered(503, { detail: "overloaded" }))).toBe(false);
    expect(isNoRedis(answered(500, noRedis))).toBe(false);
    expect(isNoRedis(new Error("requires Redis"))).toBe(false);
    expect(isNoRedis(Object.assign(new Error("x"), { status: 503, error: noRedis }))).toBe(false);
  });
});
