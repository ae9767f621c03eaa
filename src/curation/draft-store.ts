/**
 * Drafts and published versions of articles in the database (SQLite or PostgreSQL). Optimistic
 * locking lives here: an update names the revision it started from and fails when someone saved
 * since, checked and written in one statement.
 */
import type { Selectable, Updateable } from "kysely";
import type { Area } from "../knowledge/schema.js";
import { isUniqueViolation, type Db } from "../storage/database.js";
import type { ArticleDraftsTable, ArticleVersionsTable } from "../storage/tables.js";
import { DraftArticle, type DraftKind, type DraftStatus, type Person, type VersionSummary } from "./schemas.js";

export interface StoredDraft {
  id: number;
  articleId: string | null;
  kind: DraftKind;
  status: DraftStatus;
  draft: DraftArticle;
  revision: number;
  baseHash: string | null;
  author: Person;
  updatedBy: Person;
  /** Everyone who wrote content into the draft (the author first): none of them may approve it. */
  editors: Person[];
  reviewer: Person | null;
  comment: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  publishedVersion: number | null;
  rollbackOf: number | null;
}

export interface NewDraft {
  articleId: string | null;
  kind: DraftKind;
  status: DraftStatus;
  draft: DraftArticle;
  baseHash: string | null;
  author: Person;
  rollbackOf?: number;
}

export interface DraftChange {
  status?: DraftStatus;
  draft?: DraftArticle;
  articleId?: string | null;
  reviewer?: Person | null;
  comment?: string | null;
  submittedAt?: string | null;
  publishedVersion?: number | null;
}

export interface StoredVersion extends VersionSummary {
  yaml: string;
  area: string;
}

export interface NewVersion {
  articleId: string;
  kind: VersionSummary["kind"];
  yaml: string;
  contentHash: string;
  area: string;
  author: Person | null;
  reviewer: Person | null;
  draftId: number | null;
  note: string | null;
}

export interface VersionHash {
  version: number;
  contentHash: string;
  area: Area;
}

/** The drafts that are still being worked on: one per article at a time. */
export const OPEN_STATUSES: readonly DraftStatus[] = ["draft", "review"];

export class DraftStore {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private stamp(): string {
    return this.clock().toISOString();
  }

  async create(d: NewDraft): Promise<StoredDraft> {
    const now = this.stamp();
    const row = await this.db
      .insertInto("article_drafts")
      .values({
        article_id: d.articleId, kind: d.kind, status: d.status, draft_json: JSON.stringify(d.draft), revision: 1, base_hash: d.baseHash,
        author_id: d.author.id, author_name: d.author.name, updated_by_id: d.author.id, updated_by_name: d.author.name,
        editors_json: JSON.stringify([d.author]), created_at: now, updated_at: now, submitted_at: d.status === "review" ? now : null,
        rollback_of: d.rollbackOf ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toDraft(row);
  }

  async get(id: number): Promise<StoredDraft | undefined> {
    const row = await this.db.selectFrom("article_drafts").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toDraft(row) : undefined;
  }

  /** Newest first. */
  async list(status?: DraftStatus): Promise<StoredDraft[]> {
    let query = this.db.selectFrom("article_drafts").selectAll();
    if (status) query = query.where("status", "=", status);
    const rows = await query.orderBy("updated_at", "desc").orderBy("id", "desc").limit(500).execute();
    return rows.map(toDraft);
  }

  /** Drafts in progress (draft or review), by article id; new articles under their draft's id field. */
  async open(): Promise<StoredDraft[]> {
    const rows = await this.db.selectFrom("article_drafts").selectAll().where("status", "in", OPEN_STATUSES).orderBy("id").execute();
    return rows.map(toDraft);
  }

  async openFor(articleId: string): Promise<StoredDraft | undefined> {
    const row = await this.db
      .selectFrom("article_drafts")
      .selectAll()
      .where("article_id", "=", articleId)
      .where("status", "in", OPEN_STATUSES)
      .orderBy("id")
      .limit(1)
      .executeTakeFirst();
    return row ? toDraft(row) : undefined;
  }

  /**
   * Applies a change when the draft is still at `revision`; the revision goes up by one.
   * Returns undefined when someone saved in between (the caller reports the conflict). The
   * revision check and the write are one statement, so two nodes cannot both win.
   */
  async update(id: number, revision: number, by: Person, change: DraftChange): Promise<StoredDraft | undefined> {
    const current = await this.get(id);
    if (!current || current.revision !== revision) return undefined;
    const set: Updateable<ArticleDraftsTable> = { updated_at: this.stamp(), updated_by_id: by.id, updated_by_name: by.name };
    if (change.status !== undefined) set.status = change.status;
    if (change.draft !== undefined) {
      set.draft_json = JSON.stringify(change.draft);
      // Read at `revision`: if someone else became an editor since, the revision check below refuses this write.
      if (!current.editors.some((e) => e.id === by.id)) set.editors_json = JSON.stringify([...current.editors, { id: by.id, name: by.name }]);
    }
    if (change.articleId !== undefined) set.article_id = change.articleId;
    if (change.reviewer !== undefined) {
      set.reviewer_id = change.reviewer?.id ?? null;
      set.reviewer_name = change.reviewer?.name ?? null;
    }
    if (change.comment !== undefined) set.comment = change.comment;
    if (change.submittedAt !== undefined) set.submitted_at = change.submittedAt;
    if (change.publishedVersion !== undefined) set.published_version = change.publishedVersion;
    const row = await this.db
      .updateTable("article_drafts")
      .set((eb) => ({ ...set, revision: eb("revision", "+", 1) }))
      .where("id", "=", id)
      .where("revision", "=", revision)
      .returningAll()
      .executeTakeFirst();
    return row ? toDraft(row) : undefined;
  }

  // ── versions ─────────────────────────────────────────────────────────────

  /** Newest first. */
  async versions(articleId: string): Promise<StoredVersion[]> {
    const rows = await this.db.selectFrom("article_versions").selectAll().where("article_id", "=", articleId).orderBy("version", "desc").execute();
    return rows.map(toVersion);
  }

  async version(articleId: string, version: number): Promise<StoredVersion | undefined> {
    const row = await this.db.selectFrom("article_versions").selectAll().where("article_id", "=", articleId).where("version", "=", version).executeTakeFirst();
    return row ? toVersion(row) : undefined;
  }

  async countVersions(articleId: string): Promise<number> {
    const row = await this.db
      .selectFrom("article_versions")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("article_id", "=", articleId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Every article's versions without their YAML, newest first: what each node's CONTENT_DIR
   * should hold (cheap enough to read on every signal).
   */
  async versionHashes(): Promise<Map<string, VersionHash[]>> {
    const rows = await this.db
      .selectFrom("article_versions")
      .select(["article_id", "version", "content_hash", "area"])
      .orderBy("article_id")
      .orderBy("version", "desc")
      .execute();
    const out = new Map<string, VersionHash[]>();
    for (const r of rows) {
      const list = out.get(r.article_id) ?? [];
      list.push({ version: r.version, contentHash: r.content_hash, area: r.area as Area });
      out.set(r.article_id, list);
    }
    return out;
  }

  /**
   * Appends the next version number of the article. When another node took that number first,
   * the primary key (article_id, version) refuses the insert with a VersionTakenError: the
   * caller decides, nothing is overwritten.
   */
  async addVersion(v: NewVersion): Promise<StoredVersion> {
    const { next } = await this.db
      .selectFrom("article_versions")
      .select((eb) => eb(eb.fn.coalesce(eb.fn.max("version"), eb.lit(0)), "+", 1).as("next"))
      .where("article_id", "=", v.articleId)
      .executeTakeFirstOrThrow();
    try {
      const row = await this.db
        .insertInto("article_versions")
        .values({
          article_id: v.articleId, version: Number(next), kind: v.kind, yaml: v.yaml, content_hash: v.contentHash, area: v.area,
          author_id: v.author?.id ?? null, author_name: v.author?.name ?? null, reviewer_id: v.reviewer?.id ?? null,
          reviewer_name: v.reviewer?.name ?? null, published_at: this.stamp(), draft_id: v.draftId, note: v.note,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toVersion(row);
    } catch (err) {
      if (isUniqueViolation(err)) throw new VersionTakenError(v.articleId, Number(next), err);
      throw err;
    }
  }

  /** Runs `work` in one transaction with a store bound to it; a throw rolls everything back. */
  transaction<T>(work: (store: DraftStore) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new DraftStore(trx, this.clock)));
  }
}

/** Another publish (on this or another node) took the version number first. */
export class VersionTakenError extends Error {
  constructor(
    readonly articleId: string,
    readonly version: number,
    cause: unknown,
  ) {
    super(`version ${version} of "${articleId}" was published by someone else in the meantime`, { cause });
    this.name = "VersionTakenError";
  }
}

type DraftRow = Selectable<ArticleDraftsTable>;

function toDraft(r: DraftRow): StoredDraft {
  return {
    id: r.id,
    articleId: r.article_id,
    kind: r.kind,
    status: r.status,
    draft: DraftArticle.parse(JSON.parse(r.draft_json)),
    revision: r.revision,
    baseHash: r.base_hash,
    author: { id: r.author_id, name: r.author_name },
    updatedBy: { id: r.updated_by_id, name: r.updated_by_name },
    editors: JSON.parse(r.editors_json) as Person[],
    reviewer: r.reviewer_id ? { id: r.reviewer_id, name: r.reviewer_name ?? "" } : null,
    comment: r.comment,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at,
    publishedVersion: r.published_version,
    rollbackOf: r.rollback_of,
  };
}

type VersionRow = Selectable<ArticleVersionsTable>;

function toVersion(r: VersionRow): StoredVersion {
  return {
    articleId: r.article_id,
    version: r.version,
    kind: r.kind,
    yaml: r.yaml,
    contentHash: r.content_hash,
    area: r.area,
    author: r.author_id ? { id: r.author_id, name: r.author_name ?? "" } : null,
    reviewer: r.reviewer_id ? { id: r.reviewer_id, name: r.reviewer_name ?? "" } : null,
    publishedAt: r.published_at,
    draftId: r.draft_id,
    note: r.note,
  };
}
