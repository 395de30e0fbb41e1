import { describe, expect, it } from "vitest";
import { blockFromEntry, blockFromFile, blockLabel, parseBlockFile, renderBlockFile } from "./memfs-block";

describe("memfs blocks", () => {
  it("writes a block as front-matter and body, and reads it back", () => {
    const file = renderBlockFile({
      label: "human",
      value: "Name: Sam\n---\nnot front-matter",
      description: "About: the user",
      limit: 500,
    });
    expect(file).toBe('---\ndescription: "About: the user"\nlimit: 500\n---\nName: Sam\n---\nnot front-matter');
    expect(blockFromFile("human", file)).toEqual({
      id: "system/human.md",
      label: "human",
      value: "Name: Sam\n---\nnot front-matter",
      description: "About: the user",
      limit: 500,
    });
  });

  it("gives a block without a description Letta Code's default one (the App Server requires front-matter)", () => {
    expect(renderBlockFile({ label: "persona", value: "" })).toBe("---\ndescription: Memory block persona\n---\n");
  });

  it("reads a file without front-matter as all body, and read_only when the server set it", () => {
    expect(parseBlockFile("plain text")).toEqual({ value: "plain text" });
    expect(parseBlockFile("---\ndescription: 'it''s'\nread_only: true\n---\nv")).toEqual({
      description: "it's",
      read_only: true,
      value: "v",
    });
  });

  it("only system/<label>.md files are blocks", () => {
    expect(blockLabel("system/human.md")).toBe("human");
    expect(blockLabel("system/human/prefs.md")).toBeUndefined();
    expect(blockLabel("reference/notes.md")).toBeUndefined();
    expect(
      blockFromEntry({ relative_path: "system/x.md", is_system: true, description: null, content: "v", size: 1 }),
    ).toEqual({ id: "system/x.md", label: "x", value: "v" });
    expect(
      blockFromEntry({
        relative_path: "system/p.png",
        is_system: true,
        description: null,
        content: "",
        size: 0,
        kind: "image",
      }),
    ).toBeUndefined();
  });
});
