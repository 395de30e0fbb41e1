/**
 * What changed between two values of a memory block, line by line: `- line` for each line that
 * went away and `+ line` for each that appeared (empty lines ignored).
 */
export function diffBlock(before: string, after: string): string[] {
  const lines = (value: string) =>
    value
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "");
  const removed = lines(before);
  const added: string[] = [];
  for (const line of lines(after)) {
    const index = removed.indexOf(line);
    if (index >= 0) removed.splice(index, 1);
    else added.push(line);
  }
  return [...removed.map((line) => `- ${line}`), ...added.map((line) => `+ ${line}`)];
}
