import { describe, expect, it } from "vitest";
import { articleFeedback } from "../../src/console/reports.js";
import { MIGRATIONS, migrate, openDatabase } from "../../src/storage/database.js";
import { SqliteNavigatorRecords } from "../../src/storage/records.js";

const vote = (conversationId: string | undefined, articleId: string, helpful: boolean, comment?: string) => ({
  ...(conversationId ? { conversationId } : {}),
  articleId,
  helpful,
  ...(comment ? { comment } : {}),
  language: "de",
  channel: "webchat",
});

describe("feedback votes", () => {
  it("counts once per conversation and article; a second click changes the vote", () => {
    const db = openDatabase({ dataDir: ":memory:" });
    const records = new SqliteNavigatorRecords(db);
    records.saveFeedback(vote("c1", "eq", true));
    records.saveFeedback(vote("c1", "eq", true));
    records.saveFeedback(vote("c1", "eq", false, "Zu kurz"));
    records.saveFeedback(vote("c1", "eq", false));
    records.saveFeedback(vote("c2", "eq", true));
    records.saveFeedback(vote("c1", "duldung", true));

    const stored = records.listFeedback();
    expect(stored).toHaveLength(3);
    expect(stored[0]).toMatchObject({ articleId: "eq", helpful: false, comment: "Zu kurz" });
    expect(stored[0]!.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const report = articleFeedback(db, () => undefined);
    expect(report.find((a) => a.articleId === "eq")).toMatchObject({ helpful: 1, notHelpful: 1, comments: [{ helpful: false, comment: "Zu kurz" }] });
    expect(report.find((a) => a.articleId === "duldung")).toMatchObject({ helpful: 1, notHelpful: 0 });
  });

  it("keeps no conversation id, only a hash", () => {
    const db = openDatabase({ dataDir: ":memory:" });
    new SqliteNavigatorRecords(db).saveFeedback(vote("conv-secret-123", "eq", true));
    expect(JSON.stringify(db.prepare("SELECT * FROM feedback").all())).not.toContain("conv-secret-123");
  });

  it("counts feedback from before migration 5 (no conversation) as before", () => {
    const db = openDatabase({ dataDir: ":memory:", migrations: MIGRATIONS.slice(0, 4) });
    db.prepare("INSERT INTO feedback (created_at, article_id, helpful, language, channel) VALUES ('2026-01-01T00:00:00Z', 'eq', 1, 'de', 'webchat')").run();
    db.prepare("INSERT INTO feedback (created_at, article_id, helpful, language, channel) VALUES ('2026-01-02T00:00:00Z', 'eq', 1, 'de', 'webchat')").run();
    migrate(db, MIGRATIONS);
    const records = new SqliteNavigatorRecords(db);
    records.saveFeedback(vote(undefined, "eq", false));
    records.saveFeedback(vote("c1", "eq", false));
    expect(articleFeedback(db, () => undefined)[0]).toMatchObject({ helpful: 2, notHelpful: 2 });
  });
});
