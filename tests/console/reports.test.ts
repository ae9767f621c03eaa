import { afterEach, describe, expect, it } from "vitest";
import { articleFeedback, feedbackCsv, questionKey, unansweredCsv, unansweredGroups } from "../../src/console/reports.js";
import type { Engine, LotseDatabase } from "../../src/storage/database.js";
import { DatabaseNavigatorRecords } from "../../src/storage/records.js";
import { describeEachEngine, openTestDatabase } from "../helpers/database.js";

const open: LotseDatabase[] = [];
afterEach(async () => {
  for (const database of open.splice(0)) await database.close();
});

async function freshRecords(engine: Engine) {
  const database = await openTestDatabase(engine);
  open.push(database);
  return { db: database.db, records: new DatabaseNavigatorRecords(database.db) };
}

describe("questionKey", () => {
  it("ignores case, punctuation and spacing", () => {
    expect(questionKey("  Was kostet ein  Dolmetscher?! ")).toBe(questionKey("was kostet ein Dolmetscher"));
  });
});

describeEachEngine("unansweredGroups", (engine) => {
  it("groups the same question, counts it and keeps the most frequent candidates", async () => {
    const { db, records } = await freshRecords(engine);
    await records.saveUnanswered({ question: "Wer zahlt den Dolmetscher?", language: "de", candidates: ["a", "b"], channel: "webchat" });
    await records.saveUnanswered({ question: "wer zahlt den dolmetscher", language: "de", audience: "employer", candidates: ["b"], channel: "msteams" });
    await records.saveUnanswered({ question: "Parkplatz?", language: "de", candidates: [], channel: "webchat" });
    const groups = await unansweredGroups(db);
    expect(groups.map((g) => [g.question, g.count, g.candidates, g.audiences])).toEqual([
      ["wer zahlt den dolmetscher", 2, ["b", "a"], ["employer"]],
      ["Parkplatz?", 1, [], []],
    ]);
    expect(unansweredCsv(groups).split("\r\n")[1]).toMatch(/^wer zahlt den dolmetscher,2,/);
  });
});

describeEachEngine("articleFeedback", (engine) => {
  it("counts helpful and not helpful per article, with comments, worst first", async () => {
    const { db, records } = await freshRecords(engine);
    await records.saveFeedback({ articleId: "eq", helpful: true, language: "de", channel: "webchat" });
    await records.saveFeedback({ articleId: "duldung", helpful: false, comment: "=Zu kurz", language: "de", channel: "webchat" });
    await records.saveFeedback({ articleId: "duldung", helpful: true, language: "en", channel: "webchat" });
    const articles = await articleFeedback(db, (id) => (id === "duldung" ? "Beschäftigung mit Duldung" : undefined));
    expect(articles.map((a) => [a.articleId, a.title, a.helpful, a.notHelpful, a.comments.map((c) => c.comment)])).toEqual([
      ["duldung", "Beschäftigung mit Duldung", 1, 1, ["=Zu kurz"]],
      ["eq", null, 1, 0, []],
    ]);
    const csv = feedbackCsv(articles).split("\r\n");
    expect(csv[1]).toMatch(/^duldung,Beschäftigung mit Duldung,1,1,[^,]+,not helpful,"'=Zu kurz",de,[^,]+$/);
    expect(csv[2]).toMatch(/^eq,,1,0,.*,,,,$/);
  });
});
