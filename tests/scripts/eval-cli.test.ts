import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/run.js";

const file = (body: string) => {
  const f = path.join(mkdtempSync(path.join(tmpdir(), "lotse-evalset-")), "set.yaml");
  writeFileSync(f, body);
  return f;
};

describe("eval CLI", () => {
  it("prints Lotse beside the plain-Lunr baseline as JSON", async () => {
    const r = await runScript("eval.ts", ["--json", "--set", file("questions:\n  - q: Was ist eine Einstiegsqualifizierung?\n    expect: einstiegsqualifizierung\n  - q: Rezept für Apfelkuchen\n    expect: none\n")]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.lotse).toMatchObject({ inScope: 1, outOfScope: 1, top1: 1, oosRejection: 1 });
    expect(out.baseline.inScope).toBe(1);
  });

  it.each([
    ["a missing file", "/nonexistent/set.yaml", /cannot read it \(ENOENT\)/],
    ["an empty set", "questions: []\n", /questions: Too small/],
    ["broken YAML", "questions: [\n", /not valid YAML/],
    ["a wrong shape", "questions:\n  - question: x\n", /questions\.0/],
  ])("rejects %s with exit code 2 and no stack trace", async (_name, content, message) => {
    const target = content.startsWith("/") ? content : file(content);
    const r = await runScript("eval.ts", ["--set", target]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
