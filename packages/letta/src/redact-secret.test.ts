import { APIError } from "@letta-ai/letta-client";
import { describe, expect, it } from "vitest";
import { redactError, redactSecret } from "./redact-secret";

const KEY = "sk-let-abcdef";

describe("redactSecret", () => {
  it("replaces every occurrence of a key of 4 characters or more; shorter ones are not keys", () => {
    expect(redactSecret(`a ${KEY} b ${KEY}`, KEY)).toBe("a [redacted] b [redacted]");
    expect(redactSecret("x abcd y", "abcd")).toBe("x [redacted] y");
    expect(redactSecret("x abc y", "abc")).toBe("x abc y");
    expect(redactSecret("x y", undefined)).toBe("x y");
  });
});

describe("redactError", () => {
  it("gives back the very same error when the key is nowhere in it", () => {
    const error = new APIError(500, { detail: "nothing secret", list: [{ deep: "no" }] }, undefined, new Headers());
    expect(redactError(error, KEY)).toBe(error);
    expect(redactError(error, undefined)).toBe(error);
    expect(redactError(error, "abc")).toBe(error);
    expect(redactError("not an error", KEY)).toBe("not an error");
  });

  it("redacts whatever was thrown, not only errors; a key of exactly 4 characters counts", () => {
    expect(redactError(`failed for ${KEY}`, KEY)).toBe("failed for [redacted]");
    expect(redactError({ detail: [KEY] }, KEY)).toEqual({ detail: ["[redacted]"] });
    const error = new Error("key abcd");
    expect((redactError(error, "abcd") as Error).message).toBe("key [redacted]");
    // Shorter than 4: not a key; the very same error comes back.
    const short = new Error("key abc");
    expect(redactError(short, "abc")).toBe(short);
  });

  it("copies an error that carries the key, keeping its class, replacing it in message, stack, body and causes", () => {
    const inner = new Error(`inner ${KEY}`);
    const error = new APIError(
      401,
      { detail: `Bearer ${KEY}`, items: [{ token: KEY }, "plain"], nested: { a: { b: KEY } } },
      undefined,
      new Headers(),
    );
    (error as { cause?: unknown }).cause = inner;
    const safe = redactError(error, KEY) as APIError & { cause: Error };
    expect(safe).not.toBe(error);
    expect(safe).toBeInstanceOf(APIError);
    expect(safe.status).toBe(401);
    expect(safe.error).toEqual({
      detail: "Bearer [redacted]",
      items: [{ token: "[redacted]" }, "plain"],
      nested: { a: { b: "[redacted]" } },
    });
    expect(safe.cause).toBeInstanceOf(Error);
    expect(safe.cause.message).toBe("inner [redacted]");
    expect(`${safe.message} ${safe.stack}`).not.toContain(KEY);
    // The original is left as it was.
    expect(JSON.stringify(error.error)).toContain(KEY);
  });

  it("leaves objects that are not plain data as they are, and stops at a depth on cycles", () => {
    const headers = new Headers({ "x-note": "kept" });
    const body: Record<string, unknown> = { detail: KEY, headers };
    body.self = body;
    const error = Object.assign(new Error("failed"), { body });
    const safe = redactError(error, KEY) as Error & { body: { headers: Headers; detail: string } };
    expect(safe.body.headers).toBe(headers);
    expect(safe.body.detail).toBe("[redacted]");
    const list: unknown[] = [KEY];
    list.push(list);
    const inList = redactError(Object.assign(new Error("failed"), { list }), KEY) as Error & { list: unknown[] };
    expect(inList.list[0]).toBe("[redacted]");
  });

  it("looks six levels into the body: deeper data is left alone (bodies are not that deep; cycles end)", () => {
    const deep = (level: number): object => (level === 0 ? { at: `the bottom ${KEY}` } : { next: deep(level - 1) });
    const within = new APIError(500, deep(3), undefined, new Headers());
    expect(redactError(within, KEY)).not.toBe(within);
    const beyond = Object.assign(new Error("failed"), { body: deep(10) });
    expect(redactError(beyond, KEY)).toBe(beyond);
  });

  it("reaches a key exactly six levels below the error, and not one more", () => {
    // The string sits `depth` levels below the error: body (1), then `next`s, then the string.
    const chain = (levels: number): unknown => (levels === 0 ? `token ${KEY}` : { next: chain(levels - 1) });
    const at = (depth: number) => Object.assign(new Error("failed"), { body: chain(depth - 1) });
    const body = (error: unknown) => JSON.stringify((error as { body: unknown }).body);
    const six = at(6);
    expect(body(redactError(six, KEY))).toBe(body(six).replace(KEY, "[redacted]"));
    const seven = at(7);
    expect(redactError(seven, KEY)).toBe(seven);
    // Seen higher up, the error is copied, and the key below the limit stays where it is.
    const both = Object.assign(at(7), { message: `failed ${KEY}` });
    const safe = redactError(both, KEY) as Error;
    expect(safe.message).toBe("failed [redacted]");
    expect(body(safe)).toContain(KEY);
  });
});
