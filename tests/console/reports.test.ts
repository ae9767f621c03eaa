import { describe, expect, it } from "vitest";
import { articleFeedback, feedbackCsv, questionKey, unansweredCsv, unansweredGroups } from "../../src/console/reports.js";
import { openDatabase } from "../../src/storage/database.js";
import { SqliteNavigatorRecords } from "../../src/storage/records.js";

function freshRecords() {
  const db = openDatabase({ dataDir: ":memory:" });
  return { db, records: new SqliteNavigatorRecords(db) };
}

describe("questionKey", () => {
  it("ignores case, punctuation and spacing", () => {
    expect(questionKey("  Was kostet ein  Dolmetscher?! ")).toBe(questionKey("was kostet ein Dolmetscher"));
  });
});

describe("unansweredGroups", () => {
  it("groups the same question, counts it and keeps the most frequent candidates", () => {
    const { db, records } = freshRecords();
    records.saveUnanswered({ question: "Wer zahlt den Dolmetscher?", language: "de", candidates: ["a", "b"], channel: "webchat" });
    records.saveUnanswered({ question: "wer zahlt den dolmetscher", language: "de", audience: "employer", candidates: ["b"], channel: "msteams" });
    records.saveUnanswered({ question: "Parkplatz?", language: "de", candidates: [], channel: "webchat" });
    const groups = unansweredGroups(db);
    expect(groups.map((g) => [g.question, g.count, g.candidates, g.audiences])).toEqual([
      ["wer zahlt den dolmetscher", 2, ["b", "a"], ["employer"]],
      ["Parkplatz?", 1, [], []],
    ]);
    expect(unansweredCsv(groups).split("\r\n")[1]).toMatch(/^wer zahlt den dolmetscher,2,/);
  });
});

describe("articleFeedback", () => {
  it("counts helpful and not helpful per article, with comments, worst first", () => {
    const { db, records } = freshRecords();
    records.saveFeedback({ articleId: "eq", helpful: true, language: "de", channel: "webchat" });
    records.saveFeedback({ articleId: "duldung", helpful: false, comment: "=Zu kurz", language: "de", channel: "webchat" });
    records.saveFeedback({ articleId: "duldung", helpful: true, language: "en", channel: "webchat" });
    const articles = articleFeedback(db, (id) => (id === "duldung" ? "Beschäftigung mit Duldung" : undefined));
    expect(articles.map((a) => [a.articleId, a.title, a.helpful, a.notHelpful, a.comments.map((c) => c.comment)])).toEqual([
      ["duldung", "Beschäftigung mit Duldung", 1, 1, ["=Zu kurz"]],
      ["eq", null, 1, 0, []],
    ]);
    const csv = feedbackCsv(articles).split("\r\n");
    expect(csv[1]).toMatch(/^duldung,Beschäftigung mit Duldung,1,1,[^,]+,not helpful,"'=Zu kurz",de,[^,]+$/);
    expect(csv[2]).toMatch(/^eq,,1,0,.*,,,,$/);
  });
});
