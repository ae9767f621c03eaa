/** Drafts with optimistic locking and the article versions, on both engines. */
import { afterEach, expect, it } from "vitest";
import { DraftStore, VersionTakenError, type NewVersion } from "../../src/curation/draft-store.js";
import type { LotseDatabase } from "../../src/storage/database.js";
import { describeEachEngine, openTestDatabase } from "../helpers/database.js";

const ANNA = { id: "token:anna", name: "Anna Lotsin" };
const BERND = { id: "token:bernd", name: "Bernd Lotse" };

const open: LotseDatabase[] = [];
afterEach(async () => {
  for (const database of open.splice(0)) await database.close();
});

const version = (yaml: string, extra: Partial<NewVersion> = {}): NewVersion => ({
  articleId: "eq", kind: "edit", yaml, contentHash: `hash of ${yaml}`, area: "foerderung", author: ANNA, reviewer: BERND, draftId: null, note: null, ...extra,
});

describeEachEngine("DraftStore", (engine) => {
  let tick = 0;
  const fresh = async () => {
    const database = await openTestDatabase(engine);
    open.push(database);
    tick = 0;
    // Each write a second later: the lists' order by time is then visible.
    return new DraftStore(database.db, () => new Date(Date.UTC(2026, 2, 2, 9, 0, tick++)));
  };

  it("creates a draft at revision 1 with its author as the first editor", async () => {
    const store = await fresh();
    const created = await store.create({ articleId: "eq", kind: "edit", status: "draft", draft: { id: "eq", area: "foerderung" }, baseHash: "abc", author: ANNA });
    expect(created).toMatchObject({
      articleId: "eq", kind: "edit", status: "draft", revision: 1, baseHash: "abc", author: ANNA, updatedBy: ANNA, editors: [ANNA],
      reviewer: null, submittedAt: null, publishedVersion: null, rollbackOf: null, createdAt: "2026-03-02T09:00:00.000Z",
    });
    expect(await store.get(created.id)).toEqual(created);
    expect(await store.get(created.id + 1)).toBeUndefined();
    const inReview = await store.create({ articleId: "x", kind: "rollback", status: "review", draft: {}, baseHash: null, author: BERND, rollbackOf: 3 });
    expect(inReview).toMatchObject({ status: "review", submittedAt: inReview.createdAt, rollbackOf: 3 });
  });

  it("saves only at the revision it started from, and records who else edited", async () => {
    const store = await fresh();
    const d = await store.create({ articleId: "eq", kind: "edit", status: "draft", draft: { id: "eq" }, baseHash: null, author: ANNA });
    const saved = await store.update(d.id, 1, BERND, { draft: { id: "eq", owner: "Bernd" } });
    expect(saved).toMatchObject({ revision: 2, updatedBy: BERND, editors: [ANNA, BERND], draft: { id: "eq", owner: "Bernd" } });
    // Anna still holds revision 1: refused, and nothing of hers is written.
    expect(await store.update(d.id, 1, ANNA, { draft: { id: "eq", owner: "Anna" } })).toBeUndefined();
    expect(await store.get(d.id)).toMatchObject({ revision: 2, draft: { owner: "Bernd" } });
    const reviewed = await store.update(d.id, 2, ANNA, { status: "review", submittedAt: "2026-03-02T10:00:00.000Z", reviewer: BERND, comment: "bitte prüfen" });
    expect(reviewed).toMatchObject({ revision: 3, status: "review", reviewer: BERND, comment: "bitte prüfen", editors: [ANNA, BERND] });
    expect(await store.update(d.id + 1, 1, ANNA, { status: "discarded" })).toBeUndefined();
  });

  it("lets exactly one of two saves at the same revision win", async () => {
    const store = await fresh();
    const d = await store.create({ articleId: "eq", kind: "edit", status: "draft", draft: { id: "eq" }, baseHash: null, author: ANNA });
    const results = await Promise.all([
      store.update(d.id, 1, ANNA, { draft: { id: "eq", owner: "Anna" } }),
      store.update(d.id, 1, BERND, { draft: { id: "eq", owner: "Bernd" } }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.find(Boolean)!;
    expect(await store.get(d.id)).toMatchObject({ revision: 2, draft: winner.draft });
  });

  it("lists drafts newest first, filtered by status, and finds the open one of an article", async () => {
    const store = await fresh();
    const a = await store.create({ articleId: "eq", kind: "edit", status: "draft", draft: {}, baseHash: null, author: ANNA });
    const b = await store.create({ articleId: null, kind: "new", status: "draft", draft: {}, baseHash: null, author: ANNA });
    const c = await store.create({ articleId: "duldung", kind: "edit", status: "review", draft: {}, baseHash: null, author: BERND });
    await store.update(a.id, 1, ANNA, { status: "discarded" });
    expect((await store.list()).map((d) => d.id)).toEqual([a.id, c.id, b.id]);
    expect((await store.list("draft")).map((d) => d.id)).toEqual([b.id]);
    expect((await store.open()).map((d) => d.id)).toEqual([b.id, c.id]);
    expect(await store.openFor("eq")).toBeUndefined();
    expect((await store.openFor("duldung"))?.id).toBe(c.id);
  });

  it("numbers the versions of each article from 1 and lists them newest first", async () => {
    const store = await fresh();
    expect(await store.addVersion(version("v1", { kind: "imported", author: null, reviewer: null }))).toMatchObject({
      articleId: "eq", version: 1, kind: "imported", yaml: "v1", contentHash: "hash of v1", area: "foerderung", author: null, reviewer: null,
    });
    expect((await store.addVersion(version("v2", { draftId: 7, note: "n" }))).version).toBe(2);
    expect((await store.addVersion(version("other", { articleId: "duldung", area: "aufenthalt" }))).version).toBe(1);
    expect((await store.versions("eq")).map((v) => [v.version, v.yaml, v.author?.name ?? null])).toEqual([[2, "v2", "Anna Lotsin"], [1, "v1", null]]);
    expect(await store.version("eq", 2)).toMatchObject({ draftId: 7, note: "n", reviewer: BERND });
    expect(await store.version("eq", 3)).toBeUndefined();
    expect(await store.countVersions("eq")).toBe(2);
    expect(await store.countVersions("nichts")).toBe(0);
    expect(await store.versionHashes()).toEqual(
      new Map([
        ["duldung", [{ version: 1, contentHash: "hash of other", area: "aufenthalt" }]],
        ["eq", [{ version: 2, contentHash: "hash of v2", area: "foerderung" }, { version: 1, contentHash: "hash of v1", area: "foerderung" }]],
      ]),
    );
  });

  it("rolls a transaction back as a whole", async () => {
    const store = await fresh();
    await expect(
      store.transaction(async (trx) => {
        await trx.addVersion(version("v1"));
        throw new Error("the draft changed meanwhile");
      }),
    ).rejects.toThrow("the draft changed meanwhile");
    expect(await store.versions("eq")).toEqual([]);
    const d = await store.transaction(async (trx) => {
      await trx.addVersion(version("v1"));
      return trx.create({ articleId: "eq", kind: "edit", status: "draft", draft: {}, baseHash: null, author: ANNA });
    });
    expect(await store.countVersions("eq")).toBe(1);
    expect(await store.get(d.id)).toBeDefined();
  });

  it("never gives one version number to two publishes running at once", async () => {
    const store = await fresh();
    let second: Promise<unknown> | undefined;
    await store.transaction(async (trx) => {
      await trx.addVersion(version("first"));
      // A publish outside this transaction (another node) while it is still open.
      second = store.addVersion(version("second")).catch((err: unknown) => err);
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    const outcome = await second;
    if (engine === "postgres") {
      // It read the version number before the first committed: the primary key refuses it, the first stays.
      expect(outcome).toBeInstanceOf(VersionTakenError);
      expect(outcome).toMatchObject({ articleId: "eq", version: 1 });
      expect((await store.versions("eq")).map((v) => [v.version, v.yaml])).toEqual([[1, "first"]]);
    } else {
      // One connection: the second waits for the first transaction and takes the next number.
      expect(outcome).toMatchObject({ version: 2, yaml: "second" });
      expect((await store.versions("eq")).map((v) => [v.version, v.yaml])).toEqual([[2, "second"], [1, "first"]]);
    }
  });
});
