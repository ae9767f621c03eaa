/**
 * Drafts and published versions of articles in SQLite (migration 6). Optimistic locking lives
 * here: an update names the revision it started from and fails when someone saved since.
 */
import type { Db } from "../storage/database.js";
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

  create(d: NewDraft): StoredDraft {
    const now = this.stamp();
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO article_drafts (article_id, kind, status, draft_json, revision, base_hash, author_id, author_name,
           updated_by_id, updated_by_name, editors_json, created_at, updated_at, submitted_at, rollback_of)
         VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(d.articleId, d.kind, d.status, JSON.stringify(d.draft), d.baseHash, d.author.id, d.author.name, d.author.id, d.author.name,
        JSON.stringify([d.author]), now, now, d.status === "review" ? now : null, d.rollbackOf ?? null);
    return this.get(Number(lastInsertRowid))!;
  }

  get(id: number): StoredDraft | undefined {
    const row = this.db.prepare("SELECT * FROM article_drafts WHERE id = ?").get(id) as DraftRow | undefined;
    return row ? toDraft(row) : undefined;
  }

  /** Newest first. */
  list(status?: DraftStatus): StoredDraft[] {
    const rows = (status
      ? this.db.prepare("SELECT * FROM article_drafts WHERE status = ? ORDER BY updated_at DESC, id DESC LIMIT 500").all(status)
      : this.db.prepare("SELECT * FROM article_drafts ORDER BY updated_at DESC, id DESC LIMIT 500").all()) as DraftRow[];
    return rows.map(toDraft);
  }

  /** Drafts in progress (draft or review), by article id; new articles under their draft's id field. */
  open(): StoredDraft[] {
    return (this.db.prepare("SELECT * FROM article_drafts WHERE status IN ('draft', 'review') ORDER BY id").all() as DraftRow[]).map(toDraft);
  }

  openFor(articleId: string): StoredDraft | undefined {
    const row = this.db.prepare("SELECT * FROM article_drafts WHERE article_id = ? AND status IN ('draft', 'review') ORDER BY id LIMIT 1").get(articleId) as DraftRow | undefined;
    return row ? toDraft(row) : undefined;
  }

  /**
   * Applies a change when the draft is still at `revision`; the revision goes up by one.
   * Returns undefined when someone saved in between (the caller reports the conflict).
   */
  update(id: number, revision: number, by: Person, change: DraftChange): StoredDraft | undefined {
    const current = this.get(id);
    if (!current || current.revision !== revision) return undefined;
    const sets = ["revision = revision + 1", "updated_at = ?", "updated_by_id = ?", "updated_by_name = ?"];
    const args: unknown[] = [this.stamp(), by.id, by.name];
    const set = (column: string, value: unknown) => {
      sets.push(`${column} = ?`);
      args.push(value);
    };
    if (change.status !== undefined) set("status", change.status);
    if (change.draft !== undefined) {
      set("draft_json", JSON.stringify(change.draft));
      if (!current.editors.some((e) => e.id === by.id)) set("editors_json", JSON.stringify([...current.editors, { id: by.id, name: by.name }]));
    }
    if (change.articleId !== undefined) set("article_id", change.articleId);
    if (change.reviewer !== undefined) {
      set("reviewer_id", change.reviewer?.id ?? null);
      set("reviewer_name", change.reviewer?.name ?? null);
    }
    if (change.comment !== undefined) set("comment", change.comment);
    if (change.submittedAt !== undefined) set("submitted_at", change.submittedAt);
    if (change.publishedVersion !== undefined) set("published_version", change.publishedVersion);
    const { changes } = this.db.prepare(`UPDATE article_drafts SET ${sets.join(", ")} WHERE id = ? AND revision = ?`).run(...args, id, revision);
    return changes === 1 ? this.get(id) : undefined;
  }

  // ── versions ─────────────────────────────────────────────────────────────

  versions(articleId: string): StoredVersion[] {
    return (this.db.prepare("SELECT * FROM article_versions WHERE article_id = ? ORDER BY version DESC").all(articleId) as VersionRow[]).map(toVersion);
  }

  version(articleId: string, version: number): StoredVersion | undefined {
    const row = this.db.prepare("SELECT * FROM article_versions WHERE article_id = ? AND version = ?").get(articleId, version) as VersionRow | undefined;
    return row ? toVersion(row) : undefined;
  }

  countVersions(articleId: string): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM article_versions WHERE article_id = ?").get(articleId) as { n: number }).n;
  }

  /** Appends the next version number of the article. */
  addVersion(v: NewVersion): StoredVersion {
    const next = (this.db.prepare("SELECT COALESCE(MAX(version), 0) + 1 AS v FROM article_versions WHERE article_id = ?").get(v.articleId) as { v: number }).v;
    this.db
      .prepare(
        `INSERT INTO article_versions (article_id, version, kind, yaml, content_hash, area, author_id, author_name, reviewer_id, reviewer_name,
           published_at, draft_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(v.articleId, next, v.kind, v.yaml, v.contentHash, v.area, v.author?.id ?? null, v.author?.name ?? null, v.reviewer?.id ?? null,
        v.reviewer?.name ?? null, this.stamp(), v.draftId, v.note);
    return this.version(v.articleId, next)!;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}

interface DraftRow {
  id: number;
  article_id: string | null;
  kind: DraftKind;
  status: DraftStatus;
  draft_json: string;
  revision: number;
  base_hash: string | null;
  author_id: string;
  author_name: string;
  updated_by_id: string;
  updated_by_name: string;
  editors_json: string;
  reviewer_id: string | null;
  reviewer_name: string | null;
  comment: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  published_version: number | null;
  rollback_of: number | null;
}

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

interface VersionRow {
  article_id: string;
  version: number;
  kind: StoredVersion["kind"];
  yaml: string;
  content_hash: string;
  area: string;
  author_id: string | null;
  author_name: string | null;
  reviewer_id: string | null;
  reviewer_name: string | null;
  published_at: string;
  draft_id: number | null;
  note: string | null;
}

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
