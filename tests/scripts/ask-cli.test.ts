import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { AskResult } from "../../src/knowledge/contract.js";
import { main } from "../../scripts/ask.js";
import { runMain, runScript } from "../helpers/run.js";
import { tempDir } from "../helpers/temp.js";

let dataDir: string;
beforeAll(() => {
  dataDir = tempDir("ask");
});
const ask = (args: string[]) => runMain(main, args, { DATA_DIR: dataDir });

describe("ask CLI", () => {
  it("prints exactly one JSON object matching the contract", async () => {
    const r = await ask(["--json", "Was ist eine Einstiegsqualifizierung?"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const obj = JSON.parse(lines[0]!);
    expect(AskResult.strict().safeParse(obj).success).toBe(true);
    expect(Object.keys(obj).sort()).toEqual(["alternatives", "answer", "answerLanguage", "confidence", "language", "outcome", "question"]);
    expect(obj).toMatchObject({ question: "Was ist eine Einstiegsqualifizierung?", language: "de", outcome: "answer", answer: { id: "einstiegsqualifizierung" } });
    expect(obj.answer.text.length).toBeGreaterThan(200);
    expect(obj.answer.summary.length).toBeGreaterThan(40);
    expect(obj.answer.summary.length).toBeLessThanOrEqual(350);
  });

  it("answers a batch file as JSON Lines in input order, skipping blank lines", async () => {
    const dir = tempDir("batch");
    const file = path.join(dir, "q.txt");
    const questions = ["Was ist eine Einstiegsqualifizierung?", "", "Rückruf bitte", "field:title^10 ~2 -+", "What is an EQ?", "x".repeat(1001)];
    writeFileSync(file, questions.join("\n"));
    const r = await ask(["--json", "--batch", file]);
    expect(r.code).toBe(0);
    const objs = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(objs.map((o) => o.question.slice(0, 40))).toEqual(questions.filter((q) => q !== "").map((q) => q.slice(0, 40)));
    expect(objs[1].outcome).toBe("handoff");
    expect(objs[2].outcome).toBe("none");
    expect(objs[3].language).toBe("en");
    expect(objs[4]).toEqual({ question: "x".repeat(200), error: "question must be at most 1000 characters" });
  });

  it("answers 1,000 batch questions in one run", async () => {
    const dir = tempDir("batch");
    const file = path.join(dir, "q.txt");
    const base = ["Darf jemand mit Duldung arbeiten?", "EGZ beantragen", "integration course costs", "Wetter morgen"];
    writeFileSync(file, Array.from({ length: 1000 }, (_, i) => `${base[i % base.length]} ${i}`).join("\n"));
    const r = await ask(["--json", "--batch", file]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1000);
    lines.forEach((l, i) => expect(JSON.parse(l).question).toBe(`${base[i % base.length]} ${i}`));
  });

  it("prints a readable answer for a person at a terminal (as a process: only the answer on stdout)", async () => {
    const r = await runScript("ask.ts", ["Was ist eine Einstiegsqualifizierung?"], { DATA_DIR: dataDir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Einstiegsqualifizierung/);
    expect(r.stdout).toMatch(/Quellen:\n {2}- .+: https:\/\//);
    expect(r.stdout).toMatch(/Stand: \d{4}-\d{2}-\d{2}/);
  });

  it("rejects bad usage with exit code 2 and a clear message", async () => {
    for (const [args, message] of [
      [[], /^ask: no question given\n/],
      [["--", ""], /^ask: QUESTION: question must not be empty\n/],
      [["x".repeat(1001)], /^ask: QUESTION: question must be at most 1000 characters\n/],
      [["--json", "--language", "fr", "Hallo"], /--language: must be one of|Invalid option/],
      [["--audience", "boss", "Hallo"], /--audience/],
      [["--bogus", "x"], /Unknown option '--bogus'/],
      [["--json", "--batch", "/nonexistent/file.txt"], /cannot read \/nonexistent\/file\.txt: ENOENT/],
      [["--json", "--batch", "f.txt", "also a question"], /either --batch FILE or a question/],
    ] as const) {
      const r = await ask([...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain("usage: npm run ask --");
      expect(r.stdout).toBe("");
    }
  });

  it("prints the usage on stdout for --help and -h, also beside a mistake", async () => {
    for (const args of [["--help"], ["-h"], ["--bogus", "-h"]]) {
      const r = await ask(args);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.stdout).toMatch(/^usage: npm run ask -- \[--json\]/);
      expect(r.stderr).toBe("");
    }
  });

  it("refuses an empty question as bad usage, with the contract's error object under --json", async () => {
    const r = await ask(["--json", "   "]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ question: "   ", error: "question must not be empty" });
    expect(r.stderr).toMatch(/^ask: QUESTION: question must not be empty\n/);
  });
});
