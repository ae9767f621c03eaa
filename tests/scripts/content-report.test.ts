import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../scripts/content-report.js";
import { loadKnowledgeBase } from "../../src/knowledge/loader.js";
import { makeContent } from "../helpers/content.js";
import { CONTENT_DIR } from "../helpers/engine.js";
import { runMain, runScript } from "../helpers/run.js";
import { tempDir } from "../helpers/temp.js";

/** A copy of the bundled content a test may change, as it was before translations recorded their German text. */
function unstampedCopy(): string {
  const dir = path.join(tempDir("report"), "content");
  cpSync(CONTENT_DIR, dir, { recursive: true });
  for (const rel of readdirSync(path.join(dir, "articles"), { recursive: true, encoding: "utf8" })) {
    if (!rel.endsWith(".yaml")) continue;
    const abs = path.join(dir, "articles", rel);
    writeFileSync(abs, readFileSync(abs, "utf8").replace(/^ +source_hash: .*\n/gm, ""));
  }
  return dir;
}

const file = (dir: string, rel: string) => path.join(dir, "articles", rel);
function edit(dir: string, rel: string, change: (text: string) => string): void {
  const before = readFileSync(file(dir, rel), "utf8");
  const after = change(before);
  if (after === before) throw new Error(`fixture edit changed nothing in ${rel}`);
  writeFileSync(file(dir, rel), after);
}
const setReviewed = (day: string) => (text: string) => text.replace(/^reviewed: .*$/m, `reviewed: ${day}`);

const EGZ = "foerderung/eingliederungszuschuss.yaml";
const AGS = "foerderung/arbeitgeber-service.yaml";
const EQ = "foerderung/einstiegsqualifizierung.yaml";
const BAB = "foerderung/berufsausbildungsbeihilfe.yaml";
const report = (dir: string, args: string[], env: NodeJS.ProcessEnv = {}) => runMain(main, args, { CONTENT_DIR: dir, ...env });

describe("content:report CLI", () => {
  let dir: string;
  const pristine: Record<string, string> = {};

  beforeAll(async () => {
    dir = unstampedCopy();
    for (const rel of [EGZ, AGS]) pristine[rel] = readFileSync(file(dir, rel), "utf8");
    // Navigators checked all translations: every block records the German text it follows.
    const stamped = await report(dir, ["--stamp", "all"]);
    expect(stamped.stderr).toBe("");
    expect(stamped.code).toBe(0);
    expect(stamped.stdout).toMatch(/content:report: \d+ article file\(s\) changed, 0 already up to date/);
    // As of 2027-03-15: EGZ due 2027-03-01 (overdue), Arbeitgeber-Service due 2026-12-01 (withheld
    // since 2027-03-02), EQ due 2027-04-01 (soon); BAB's German summary changed after translation.
    edit(dir, EGZ, setReviewed("2026-03-01"));
    edit(dir, AGS, setReviewed("2025-12-01"));
    edit(dir, EQ, setReviewed("2026-04-01"));
    edit(dir, BAB, (t) => t.replace(/^(de:\n(?: {2}.*\n)*? {2}summary: .*?)sie wird nicht zurückgezahlt/m, "$1sie wird nie zurückgezahlt"));
  }, 60_000);

  it("stamps by inserting one source_hash line per translated block, nothing else", () => {
    for (const rel of [EGZ, AGS]) {
      const before = pristine[rel]!.split("\n");
      // The stamped file before the review-date edit: compare it to what the fixture edit left.
      const after = readFileSync(file(dir, rel), "utf8").split("\n").filter((l) => !l.startsWith("reviewed: "));
      const added = after.filter((l) => !before.includes(l));
      expect(added, rel).toHaveLength(3);
      for (const l of added) expect(l).toMatch(/^ {2}source_hash: "[0-9a-f]{12}"$/);
      expect(after.filter((l) => !added.includes(l))).toEqual(before.filter((l) => !l.startsWith("reviewed: ")));
    }
  });

  it("leaves no translation warning for content:check after stamping, except the changed German text", () => {
    const { problems } = loadKnowledgeBase(dir, { now: new Date("2027-03-15T12:00:00Z") });
    const translation = problems.filter((p) => p.code.startsWith("translation-"));
    expect(translation.map((p) => [p.code, p.file, p.path])).toEqual([
      ["translation-stale", "content/articles/foerderung/berufsausbildungsbeihilfe.yaml", "en.source_hash"],
      ["translation-stale", "content/articles/foerderung/berufsausbildungsbeihilfe.yaml", "uk.source_hash"],
      ["translation-stale", "content/articles/foerderung/berufsausbildungsbeihilfe.yaml", "ar.source_hash"],
    ]);
  });

  it("lists overdue, withheld, soon-due and stale articles per owner (as a process: the report alone on stdout)", async () => {
    const r = await runScript("content-report.ts", ["--date", "2027-03-15"], { CONTENT_DIR: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^content:report 2027-03-15 — \d+ articles: \d+ overdue \(\d+ withheld\), \d+ due within 30 days, 1 with stale translations/);
    expect(r.stdout).toMatch(/^ {2}overdue {4}foerderung\/eingliederungszuschuss — due 2027-03-01, 14 days overdue; answers carry a "bitte prüfen" note, withheld from 2027-05-31$/m);
    expect(r.stdout).toMatch(/^ {2}withheld {3}foerderung\/arbeitgeber-service — due 2026-12-01, 104 days overdue; Lotse refers to a navigator instead since 2027-03-02$/m);
    expect(r.stdout).toMatch(/^ {2}due soon {3}foerderung\/einstiegsqualifizierung — due 2027-04-01/m);
    expect(r.stdout).toMatch(/^ {2}stale {6}foerderung\/berufsausbildungsbeihilfe — German text changed since the en, uk, ar translation/m);
    // Grouped under the owner's name.
    const owner = /^owner: (.*)$/m.exec(readFileSync(file(dir, EGZ), "utf8"))![1]!;
    expect(r.stdout).toContain(`\n${owner} (`);
  });

  it("gives the same as JSON, and exits 1 with --fail-on-findings", async () => {
    const r = await report(dir, ["--json", "--date", "2027-03-15", "--fail-on-findings"]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ date: "2027-03-15", reviewGraceDays: 90, reviewSoonDays: 30, summary: { stale: 1, unstamped: 0, errors: 0 } });
    const all = json.owners.flatMap((o: { owner: string; articles: object[] }) => o.articles.map((a) => ({ owner: o.owner, ...a })));
    expect(all).toContainEqual(expect.objectContaining({ id: "eingliederungszuschuss", state: "overdue", due: "2027-03-01", overdueDays: 14, withheldFrom: "2027-05-31", stale: [] }));
    expect(all).toContainEqual(expect.objectContaining({ id: "arbeitgeber-service", state: "withheld", due: "2026-12-01" }));
    expect(all).toContainEqual(expect.objectContaining({ id: "einstiegsqualifizierung", state: "soon", due: "2027-04-01" }));
    expect(all).toContainEqual(expect.objectContaining({ id: "berufsausbildungsbeihilfe", stale: ["en", "uk", "ar"] }));
    expect(json.summary.withheld).toBeGreaterThanOrEqual(1);
  });

  it("honours REVIEW_GRACE_DAYS and REVIEW_SOON_DAYS from the environment", async () => {
    const r = await report(dir, ["--json", "--date", "2027-03-15"], { REVIEW_GRACE_DAYS: "365", REVIEW_SOON_DAYS: "0" });
    const json = JSON.parse(r.stdout);
    const all = json.owners.flatMap((o: { articles: Array<{ id: string; state: string }> }) => o.articles);
    expect(all.find((a: { id: string }) => a.id === "arbeitgeber-service")?.state).toBe("overdue");
    expect(all.find((a: { id: string }) => a.id === "einstiegsqualifizierung")).toBeUndefined();
  });

  it("marks a checked translation: --stamp ID --lang en clears only that block", async () => {
    const r = await report(dir, ["--stamp", "berufsausbildungsbeihilfe", "--lang", "en", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).stamped).toEqual([expect.objectContaining({ id: "berufsausbildungsbeihilfe", changed: ["en"], unchanged: [] })]);
    const { problems } = loadKnowledgeBase(dir, { now: new Date("2027-03-15T12:00:00Z") });
    expect(problems.filter((p) => p.code === "translation-stale").map((p) => p.path)).toEqual(["uk.source_hash", "ar.source_hash"]);
    const again = await report(dir, ["--stamp", "berufsausbildungsbeihilfe", "--lang", "en"]);
    expect(again.stdout).toMatch(/0 article file\(s\) changed, 1 already up to date/);
  });

  it("stamps hand-written files in place: comments, flow style and an old hash", async () => {
    const yaml = [
      "# Eingliederungszuschuss – hand-written",
      "audiences: [employer]",
      "reviewed: 2026-11-01",
      "owner: Test",
      "legal: ['§ 88 SGB III']",
      "sources: [{ title: BA, url: 'https://www.arbeitsagentur.de/' }]",
      "contacts: [ba]",
      "de:",
      "  title: Titel",
      "  summary: Kurz.",
      "  questions: [Frage eins?, Frage zwei?, Frage drei?]",
      "  answer: |",
      "    Kurz.",
      "",
      "    Details.",
      "en:",
      "    # translated by hand",
      "    title: Title",
      "    summary: Short.",
      "    questions: [Question one?, Question two?, Question three?]",
      "    answer: Short.",
      "    source_hash: 'aaaaaaaaaaaa'   # an older German text",
      "uk: { questions: [Питання один?, Питання два?, Питання три?] }",
      "ar:",
      "  questions:",
      "    - السؤال الأول؟",
      "    - السؤال الثاني؟",
      "    - السؤال الثالث؟",
      "",
    ].join("\n");
    const content = makeContent({ "articles/foerderung/egz.yaml": yaml });
    const r = await report(content, ["--stamp", "egz", "--json"]);
    expect(r.code).toBe(0);
    const [{ hash, changed }] = JSON.parse(r.stdout).stamped;
    expect(changed).toEqual(["en", "uk", "ar"]);
    const after = readFileSync(path.join(content, "articles/foerderung/egz.yaml"), "utf8");
    expect(after).toBe(
      yaml
        .replace("source_hash: 'aaaaaaaaaaaa'", `source_hash: "${hash}"`)
        .replace("uk: { questions:", `uk: { source_hash: "${hash}", questions:`)
        .replace("ar:\n  questions:", `ar:\n  source_hash: "${hash}"\n  questions:`),
    );
    const { problems } = loadKnowledgeBase(content, { now: new Date("2026-11-26T12:00:00Z") });
    expect(problems).toEqual([]);
  });

  it("prints usage with --help", async () => {
    const r = await report(CONTENT_DIR, ["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run content:report -- \[--json\] \[--fail-on-findings\]/);
    expect(r.stdout).toContain("--stamp ID|all");
  });

  it.each([
    [["--date", "2027-02-30"], /--date: is not a real calendar date/],
    [["--date", "morgen"], /--date: must be a date written as YYYY-MM-DD/],
    [["--stamp", "all", "--lang", "fr"], /--lang: "fr" is not a translated block; use en, uk or ar/],
    [["--stamp", "all", "--lang", ""], /--lang: name at least one of en, uk, ar/],
    [["--lang", "en"], /--lang: only goes with --stamp/],
    [["--stamp", "../../etc/passwd"], /--stamp: must be an article id/],
    [["--stamp", "gibt-es-nicht"], /--stamp: there is no \(valid\) article with the id "gibt-es-nicht"/],
    [["--stamp", "x".repeat(100_000)], /--stamp: there is no \(valid\) article/],
    [["--json=yes"], /--json/],
    [["--fix"], /Unknown option '--fix'/],
  ])("refuses %j with exit code 2, naming the argument", async (args, message) => {
    const r = await report(CONTENT_DIR, args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/\n\nusage: npm run content:report/);
    expect(r.stdout).toBe("");
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it("refuses a missing CONTENT_DIR and bad review settings with exit code 2", async () => {
    const missing = await report(path.join(tmpdir(), "lotse-no-such-content"), []);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/CONTENT_DIR: the content folder .*lotse-no-such-content does not exist/);
    const bad = await runMain(main, [], { REVIEW_GRACE_DAYS: "-1" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^content:report: invalid configuration:\n {2}REVIEW_GRACE_DAYS: /);
  });
});
