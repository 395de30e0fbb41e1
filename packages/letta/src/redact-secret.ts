/** `text` with every occurrence of `secret` replaced, so a key never leaves in a message. */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  return text.split(secret).join("[redacted]");
}

/** How many levels below the error the key is looked for: error bodies are not deeper, and cycles end. */
const MAX_DEPTH = 6;

/** The containers looked into: arrays, plain objects and errors (others, such as `Headers`, are kept as they are). */
function isContainer(value: unknown): value is Record<PropertyKey, unknown> {
  if (typeof value !== "object" || value === null) return false;
  return Array.isArray(value) || value instanceof Error || Object.getPrototypeOf(value) === Object.prototype;
}

function contains(value: unknown, secret: string, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (typeof value === "string") return value.includes(secret);
  return isContainer(value) && Reflect.ownKeys(value).some((key) => contains(value[key], secret, depth + 1));
}

/** `value` with the secret replaced in every string it holds; containers copied (errors keep their class). */
function redactDeep(value: unknown, secret: string, depth: number): unknown {
  if (depth > MAX_DEPTH) return value;
  if (typeof value === "string") return redactSecret(value, secret);
  if (!isContainer(value)) return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secret, depth + 1));
  const copy = Object.create(Object.getPrototypeOf(value)) as Record<PropertyKey, unknown>;
  for (const key of Reflect.ownKeys(value)) copy[key] = redactDeep(value[key], secret, depth + 1);
  return copy;
}

/**
 * `error` fit to be kept as a typed error's `cause`: the same value when the secret is nowhere in
 * it, else a copy (an error of the same class) with the secret replaced in its message, stack, body
 * and causes, down to six levels (a server or proxy may echo the key back in an error).
 */
export function redactError(error: unknown, secret: string | undefined): unknown {
  if (!secret || secret.length < 4 || !contains(error, secret, 0)) return error;
  return redactDeep(error, secret, 0);
}
