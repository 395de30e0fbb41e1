/** Letta ids are `<prefix>-<uuid>`; the server answers 422 for anything else, so it is never sent. */
// Both cases spelled out rather than the `i` flag: case-insensitive matching is V8's slower path, on every turn.
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * What is wrong with `value` as a Letta `<prefix>-<uuid>` id, in words (`undefined` when nothing is).
 * It describes the value without echoing it: a misplaced secret must not end up in an error.
 */
export function lettaIdProblem(prefix: string, value: string): string | undefined {
  if (value.startsWith(`${prefix}-`) && UUID.test(value.slice(prefix.length + 1))) return undefined;
  const expected = `expected a Letta ${prefix} id (${prefix}-<uuid>)`;
  if (value.trim() === "") return `${expected}, got an empty string`;
  if (value.trim() !== value) return `${expected}, got one with spaces around it`;
  const other = /^([a-z]+(?:_[a-z]+)*)-/i.exec(value)?.[1];
  if (other !== undefined && other.toLowerCase() !== prefix) return `${expected}, got one starting with "${other}-"`;
  if (other !== undefined) return `${expected}, got "${prefix}-" followed by something that is not a UUID`;
  return `${expected}, got a string without the "${prefix}-" prefix`;
}
