/** `text` with every occurrence of `secret` replaced, so a key never leaves in a message. */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  return text.split(secret).join("[redacted]");
}

/** `value` with the secret replaced in every string, through plain objects, arrays and errors. */
function redactDeep(value: unknown, secret: string, depth: number): unknown {
  if (typeof value === "string") return redactSecret(value, secret);
  if (depth > 6 || typeof value !== "object" || value === null) return value;
  if (value instanceof Error) return redactedCopy(value, secret, depth);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secret, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, secret, depth + 1)]));
}

function redactedCopy(error: Error, secret: string, depth: number): Error {
  const copy = Object.create(Object.getPrototypeOf(error)) as Record<PropertyKey, unknown>;
  for (const key of Reflect.ownKeys(error)) {
    copy[key] = redactDeep((error as unknown as Record<PropertyKey, unknown>)[key], secret, depth + 1);
  }
  return copy as unknown as Error;
}

/**
 * `error` fit to be kept as a typed error's `cause`: the same error when the secret is nowhere in
 * it, else a copy of the same class with the secret replaced in its message, stack, body and
 * causes (a server or proxy may echo the key back in an error).
 */
export function redactError(error: unknown, secret: string | undefined): unknown {
  if (!secret || secret.length < 4 || !(error instanceof Error)) return error;
  let seen = false;
  const look = (value: unknown, depth: number): void => {
    if (seen || depth > 6) return;
    if (typeof value === "string") seen = value.includes(secret);
    else if (typeof value === "object" && value !== null)
      for (const key of Reflect.ownKeys(value)) look((value as Record<PropertyKey, unknown>)[key], depth + 1);
  };
  look(error, 0);
  return seen ? redactedCopy(error, secret, 0) : error;
}
