import { afterEach, expect, it } from "vitest";
import { articleFeedback } from "../../src/console/reports.js";
import { migratePostgres, migrateSqlite, type LotseDatabase } from "../../src/storage/database.js";
import { POSTGRES_MIGRATIONS } from "../../src/storage/migrations/postgres.js";
import { SQLITE_MIGRATIONS } from "../../src/storage/migrations/sqlite.js";
import { DatabaseNavigatorRecords } from "../../src/storage/records.js";
import { describeEachEngine, openTestDatabase } from "../helpers/database.js";

const vote = (conversationId: string | undefined, articleId: string, helpful: boolean, comment?: string) => ({
  ...(conversationId ? { conversationId } : {}),
  articleId,
  helpful,
  ...(comment ? { comment } : {}),
  language: "de",
  channel: "webchat",
});

const open: LotseDatabase[] = [];
afterEach(async () => {
  for (const database of open.splice(0)) await database.close();
});

describeEachEngine("feedback votes", (engine) => {
  const fresh = async (migrations?: { sqlite: readonly string[]; postgres: readonly string[] }) => {
    const database = await openTestDatabase(engine, migrations ? { migrations } : {});
    open.push(database);
    return database;
  };

  it("counts once per conversation and article; a second click changes the vote", async () => {
    const { db } = await fresh();
    const records = new DatabaseNavigatorRecords(db);
    await records.saveFeedback(vote("c1", "eq", true));
    await records.saveFeedback(vote("c1", "eq", true));
    await records.saveFeedback(vote("c1", "eq", false, "Zu kurz"));
    await records.saveFeedback(vote("c1", "eq", false));
    await records.saveFeedback(vote("c2", "eq", true));
    await records.saveFeedback(vote("c1", "duldung", true));

    const stored = await records.listFeedback();
    expect(stored).toHaveLength(3);
    expect(stored[0]).toMatchObject({ articleId: "eq", helpful: false, comment: "Zu kurz" });
    expect(stored[0]!.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(stored[1]).not.toHaveProperty("updatedAt");

    const report = await articleFeedback(db, () => undefined);
    expect(report.find((a) => a.articleId === "eq")).toMatchObject({ helpful: 1, notHelpful: 1, comments: [{ helpful: false, comment: "Zu kurz" }] });
    expect(report.find((a) => a.articleId === "duldung")).toMatchObject({ helpful: 1, notHelpful: 0 });
  });

  it("keeps no conversation id, only a hash", async () => {
    const { db } = await fresh();
    await new DatabaseNavigatorRecords(db).saveFeedback(vote("conv-secret-123", "eq", true));
    const rows = await db.selectFrom("feedback").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain("conv-secret-123");
  });

  it("counts feedback from before migration 5 (no conversation) as before", async () => {
    const database = await fresh({ sqlite: SQLITE_MIGRATIONS.slice(0, 4), postgres: POSTGRES_MIGRATIONS.slice(0, 4) });
    const { db } = database;
    for (const createdAt of ["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"]) {
      await db.insertInto("feedback").values({ created_at: createdAt, article_id: "eq", helpful: 1, language: "de", channel: "webchat" } as never).execute();
    }
    if (database.sqlite) migrateSqlite(database.sqlite, SQLITE_MIGRATIONS);
    else await migratePostgres(db, POSTGRES_MIGRATIONS);
    const records = new DatabaseNavigatorRecords(db);
    await records.saveFeedback(vote(undefined, "eq", false));
    await records.saveFeedback(vote(undefined, "eq", false));
    await records.saveFeedback(vote("c1", "eq", false));
    expect((await articleFeedback(db, () => undefined))[0]).toMatchObject({ helpful: 2, notHelpful: 3 });
  });
});
