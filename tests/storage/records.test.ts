/** Feedback and unanswered questions (DatabaseNavigatorRecords) on both engines. */
import { afterEach, expect, it } from "vitest";
import type { LotseDatabase } from "../../src/storage/database.js";
import { DatabaseNavigatorRecords } from "../../src/storage/records.js";
import { describeEachEngine, openTestDatabase } from "../helpers/database.js";

const open: LotseDatabase[] = [];
afterEach(async () => {
  for (const database of open.splice(0)) await database.close();
});

describeEachEngine("DatabaseNavigatorRecords", (engine) => {
  const fresh = async () => {
    const database = await openTestDatabase(engine);
    open.push(database);
    return new DatabaseNavigatorRecords(database.db);
  };

  it("stores feedback and unanswered questions without contact details", async () => {
    const records = await fresh();
    await records.saveFeedback({ articleId: "eq", helpful: false, comment: "Ruft mich an: 0176 12345678 oder a@b.de", question: "Was ist EQ?", language: "de", channel: "emulator" });
    await records.saveUnanswered({ question: "Frau Müller, Tel. +49 202 123456, fragt nach Kita", language: "de", candidates: ["x"], channel: "msteams" });
    await records.saveUnanswered({ question: "Parkplatz?", language: "en", audience: "employer", candidates: [], channel: "webchat" });
    expect(await records.listFeedback()).toEqual([
      { id: 1, createdAt: expect.any(String), articleId: "eq", helpful: false, comment: "Ruft mich an: [Telefon] oder [E-Mail]", question: "Was ist EQ?", language: "de", channel: "emulator" },
    ]);
    expect(await records.listUnanswered()).toEqual([
      { id: 1, createdAt: expect.any(String), question: "Frau Müller, Tel. [Telefon], fragt nach Kita", language: "de", candidates: ["x"], channel: "msteams" },
      { id: 2, createdAt: expect.any(String), question: "Parkplatz?", language: "en", audience: "employer", candidates: [], channel: "webchat" },
    ]);
  });

  it("cuts free text to 2000 characters", async () => {
    const records = await fresh();
    await records.saveUnanswered({ question: "x".repeat(5000), language: "de", candidates: [], channel: "webchat" });
    expect((await records.listUnanswered())[0]!.question).toHaveLength(2000);
  });

  it("names the most voted articles first; ties go to the most recent vote", async () => {
    const records = await fresh();
    const vote = (articleId: string, conversationId: string, helpful = true) =>
      records.saveFeedback({ articleId, conversationId, helpful, language: "de", channel: "webchat" });
    await vote("eq", "c1");
    await vote("duldung", "c1");
    await vote("duldung", "c2", false);
    // A later millisecond, so the tie with "eq" is decided by time, not by the id.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await vote("job-turbo", "c1");
    // A changed vote is still one vote.
    await vote("eq", "c1", false);
    expect(await records.mostVotedArticles()).toEqual(["duldung", "job-turbo", "eq"]);
    expect(await records.mostVotedArticles(1)).toEqual(["duldung"]);
  });
});
