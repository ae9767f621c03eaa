/**
 * Knowledge curation: navigators edit articles as drafts, a second navigator approves
 * (four-eyes), and publishing writes the YAML file into CONTENT_DIR, keeps the version, writes
 * the audit log and reloads the live knowledge base. Nothing is half-published: when the reload
 * refuses the new content, or the database refuses the version, the previous file is put back
 * and the draft stays in review. With several nodes sharing the database, each with its own
 * CONTENT_DIR, a publish is signalled and every node writes it into its folder (content-files.ts).
 *
 * Domain only (no Fastify): errors are CurationErrors with an HTTP status, a code for the
 * console to word and its parameters.
 */
import { execFile } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { promisify } from "node:util";
import { createTwoFilesPatch } from "diff";
import type { EvalQuestion } from "../eval/evaluate.js";
import type { KnowledgeEngine } from "../knowledge/engine.js";
import { detectLanguage } from "../knowledge/language.js";
import { normalizeQuestion } from "../knowledge/loader.js";
import type { Problem } from "../knowledge/problems.js";
import { reviewStatus, staleTranslations, type ReviewConfig } from "../knowledge/review.js";
import { AREAS, type Article, type Language, type QuestionLanguage } from "../knowledge/schema.js";
import { scrubPersonalData } from "../privacy/scrub.js";
import { AppError, type AppErrorBody } from "../util/app-error.js";
import { isUniqueViolation, type Db } from "../storage/database.js";
import type { Signals } from "../storage/signals.js";
import type { Logger } from "../util/logger.js";
import { parseArticleYaml, serializeArticle, sha256 } from "./article-yaml.js";
import { applyPublishedVersions, contentPath, writeContentFile, type AppliedVersion } from "./content-files.js";
import { DraftStore, VersionTakenError, type DraftChange, type StoredDraft, type StoredVersion } from "./draft-store.js";
import { previewCard } from "./preview.js";
import type {
  ArticleDetail,
  ArticleListing,
  ArticleQuery,
  ArticleRow,
  CreateDraftBody,
  Draft,
  DraftArticle,
  DraftStatus,
  DraftSummary,
  FieldProblem,
  Person,
  ValidateResult,
  VersionDetail,
  VersionSummary,
} from "./schemas.js";
import { engineWithDraft, runTrial, type Trial } from "./trial.js";
import { fileFields, findArticleFile, type Validation } from "./validate.js";
import { inThreadValidator, type Validator } from "./validator.js";

/** What curation needs of the live knowledge base (src/knowledge/live.ts LiveKnowledge). */
export interface CurationKnowledge {
  readonly current: KnowledgeEngine;
  reload(reason?: string): Promise<ReloadResult>;
}

export interface ReloadResult {
  ok: boolean;
  changed: boolean;
  contentHash: string;
  problems: Problem[];
  ms: number;
}

export interface CurationOptions {
  db: Db;
  contentDir: string;
  knowledge: CurationKnowledge;
  /** Writes one audit log entry (the console's audit log, src/handoff/ticket-store.ts). */
  audit(actor: Person, action: string, detail: string): Promise<unknown> | void;
  /** The author of a draft cannot approve it (CURATION_FOUR_EYES). */
  fourEyes: boolean;
  /** Commit each publish when CONTENT_DIR is a git checkout (CURATION_GIT_COMMIT). */
  gitCommit?: boolean;
  review?: ReviewConfig;
  /** Where drafts are validated (a worker thread on the server); in this thread by default. */
  validator?: Validator;
  /** The labelled dev questions for Probefragen; none when the file is missing. */
  devQuestions?: () => EvalQuestion[];
  /** Where a publish is announced to every node sharing the database ("knowledge": the article id). */
  signals?: Signals;
  /**
   * Several nodes share the database, each with its own CONTENT_DIR: the published versions in
   * the database are the truth, and every node writes them into its folder (start()).
   */
  shared?: boolean;
  clock?: () => Date;
  log?: Logger;
}

/** An article's file as read from CONTENT_DIR. */
type ArticleFile = { rel: string; area: (typeof AREAS)[number]; source: string };

/** Publishes of one article racing for the next version number before one gives up with a conflict. */
const MAX_VERSION_ATTEMPTS = 3;

export type CurationErrorStatus = 400 | 403 | 404 | 409 | 422;

/** An AppError that may carry the draft's field problems: `{ error, message, params?, problems? }`. */
export class CurationError extends AppError {
  declare readonly status: CurationErrorStatus;

  constructor(
    status: CurationErrorStatus,
    code: string,
    message: string,
    params?: Record<string, unknown>,
    readonly problems?: FieldProblem[],
  ) {
    super(code, message, status, params ? { params } : {});
    this.name = "CurationError";
  }

  override toBody(): AppErrorBody & { problems?: FieldProblem[] } {
    return { ...super.toBody(), ...(this.problems ? { problems: this.problems } : {}) };
  }
}

const execFileAsync = promisify(execFile);

export class CurationService {
  private readonly store: DraftStore;
  private readonly clock: () => Date;
  /** Publishing writes files and reloads: one at a time. */
  private publishing: Promise<unknown> = Promise.resolve();
  /** The draft being published now: saving, rejecting or discarding it waits for the outcome. */
  private inFlight: number | undefined;
  /** A catch-up with other nodes' publishes that has not started yet; further signals join it. */
  private pendingSync: Promise<AppliedVersion[]> | undefined;
  private readonly unsubscribe: Array<() => void> = [];
  private closed = false;

  constructor(private readonly opts: CurationOptions) {
    this.clock = opts.clock ?? (() => new Date());
    this.store = new DraftStore(opts.db, this.clock);
  }

  // ── articles ─────────────────────────────────────────────────────────────

  async listArticles(query: ArticleQuery = {}): Promise<ArticleListing> {
    const open = await this.store.open();
    const byArticle = new Map(open.filter((d) => d.articleId).map((d) => [d.articleId!, d]));
    const now = this.clock();
    const rows: ArticleRow[] = this.opts.knowledge.current.articles.map((a) => this.articleRow(a, byArticle.get(a.id), now));
    for (const d of open.filter((x) => x.kind === "new")) {
      rows.push({
        id: d.draft.id ?? `entwurf-${d.id}`,
        area: d.draft.area ?? "",
        title: d.draft.de?.title || d.draft.de?.questions?.[0] || `Entwurf ${d.id}`,
        owner: d.draft.owner ?? "",
        reviewed: d.draft.reviewed ?? "",
        reviewDue: "",
        status: "new",
        flags: [],
        draft: { id: d.id, status: d.status, author: d.author.name, updatedAt: d.updatedAt },
      });
    }
    const q = query.q ? fold(query.q) : "";
    const owners = [...new Set(rows.map((r) => r.owner).filter(Boolean))].sort((a, b) => a.localeCompare(b, "de"));
    const articles = rows.filter(
      (r) =>
        (!q || fold(`${r.id} ${r.title} ${this.opts.knowledge.current.article(r.id)?.en.title ?? ""}`).includes(q)) &&
        (!query.area || r.area === query.area) &&
        (!query.owner || r.owner === query.owner) &&
        (!query.status || r.status === query.status),
    );
    return { articles, areas: [...AREAS], owners };
  }

  private articleRow(a: Article, draft: StoredDraft | undefined, now: Date): ArticleRow {
    const review = reviewStatus(a, now, this.opts.review);
    const flags: ArticleRow["flags"] = [];
    if (review.state === "soon") flags.push("review_soon");
    if (review.state === "overdue" || review.state === "withheld") flags.push("review_overdue");
    if (review.state === "withheld") flags.push("withheld");
    if (staleTranslations(a).length > 0) flags.push("translation_stale");
    return {
      id: a.id,
      area: a.area,
      title: a.de.title,
      owner: a.owner,
      reviewed: a.reviewed,
      reviewDue: review.due,
      status: draft ? (draft.status === "review" ? "review" : "draft") : "published",
      flags,
      draft: draft ? { id: draft.id, status: draft.status, author: draft.author.name, updatedAt: draft.updatedAt } : null,
    };
  }

  async articleDetail(id: string): Promise<ArticleDetail> {
    const { file, source } = this.readArticle(id);
    return {
      id,
      area: file.area,
      file: file.rel,
      fileHash: sha256(source),
      article: parseArticleYaml(source) ?? {},
      versions: await this.store.countVersions(id),
    };
  }

  private readArticle(id: string): { file: { rel: string; area: (typeof AREAS)[number] }; source: string } {
    const file = findArticleFile(this.opts.contentDir, id);
    if (!file) throw new CurationError(404, "article_not_found", `there is no article "${id}"`, { articleId: id });
    return { file, source: readFileSync(this.abs(file.rel), "utf8") };
  }

  // ── validation, preview, trial ──────────────────────────────────────────

  /** Validates a draft; with `draftId` in the context of that stored draft (which article it edits). */
  async validate(draft: DraftArticle, draftId?: number): Promise<ValidateResult> {
    const v = await this.check(draft, draftId === undefined ? this.contextFor(draft) : this.contextOf(await this.mustGet(draftId)));
    return { ok: v.ok, problems: v.problems };
  }

  async preview(draft: DraftArticle, language: Language, draftId?: number): Promise<{ card: Record<string, unknown> }> {
    const v = await this.check(draft, draftId === undefined ? this.contextFor(draft) : this.contextOf(await this.mustGet(draftId)));
    if (!v.article) throw invalid(v.problems, "the draft cannot be shown as an answer until its errors are fixed");
    return { card: previewCard(v.article, this.opts.knowledge.current, language) as unknown as Record<string, unknown> };
  }

  async trial(id: number, typed: string[]): Promise<Trial> {
    const d = await this.mustGet(id);
    const v = await this.check(d.draft, this.contextOf(d));
    if (!v.article) throw invalid(v.problems, "Probefragen need a draft without errors");
    const current = this.opts.knowledge.current;
    return runTrial({ current, withDraft: await engineWithDraft(current, v.article), articleId: v.article.id, typed, dev: this.opts.devQuestions?.() ?? [] });
  }

  private check(draft: DraftArticle, context: { replaces?: string; fixedId?: string }): Promise<Validation> {
    return (this.opts.validator ?? inThreadValidator).validate(draft, { contentDir: this.opts.contentDir, now: this.clock(), ...(this.opts.review ? { review: this.opts.review } : {}), ...context });
  }

  /** A draft not yet stored: it edits the article whose id it carries, if there is one. */
  private contextFor(draft: DraftArticle): { replaces?: string; fixedId?: string } {
    const file = typeof draft.id === "string" ? findArticleFile(this.opts.contentDir, draft.id) : undefined;
    return file ? { replaces: file.rel } : {};
  }

  private contextOf(d: StoredDraft): { replaces?: string; fixedId?: string } {
    if (d.kind === "new" && d.status !== "published") return {};
    const id = d.articleId ?? undefined;
    const file = id ? findArticleFile(this.opts.contentDir, id) : undefined;
    return { ...(file ? { replaces: file.rel } : {}), ...(id ? { fixedId: id } : {}) };
  }

  // ── drafts ───────────────────────────────────────────────────────────────

  async createDraft(body: CreateDraftBody, who: Person): Promise<Draft> {
    const questions = "questions" in body ? scrubbedQuestions(body.questions) : [];
    if ("questions" in body && questions.length === 0) {
      throw new CurationError(400, "no_questions", "no question is left once personal data is removed");
    }
    const articleId = body.articleId;
    let stored: StoredDraft;
    if (articleId) {
      const { file, source } = this.readArticle(articleId);
      await this.refuseSecondDraft(articleId);
      const fields = parseArticleYaml(source) ?? {};
      let draft: DraftArticle = { id: articleId, area: file.area, ...fields };
      if (questions.length) draft = withQuestions(draft, questions);
      stored = await this.createOpenDraft(articleId, { articleId, kind: "edit", status: "draft", draft, baseHash: sha256(source), author: who });
    } else {
      stored = await this.store.create({ articleId: null, kind: "new", status: "draft", draft: newArticleDraft(questions, this.clock()), baseHash: null, author: who });
    }
    await this.opts.audit(who, "article.draft_created", `draft #${stored.id} ${stored.kind}${articleId ? ` ${articleId}` : ""}${questions.length ? `, ${questions.length} questions from the unanswered list` : ""}`);
    return this.toDraft(stored);
  }

  async drafts(status?: DraftStatus): Promise<{ drafts: DraftSummary[] }> {
    return {
      drafts: (await this.store.list(status)).map((d) => ({
        id: d.id,
        articleId: d.articleId,
        kind: d.kind,
        status: d.status,
        title: d.draft.de?.title || null,
        area: d.draft.area ?? null,
        revision: d.revision,
        author: d.author,
        reviewer: d.reviewer,
        updatedAt: d.updatedAt,
        submittedAt: d.submittedAt,
      })),
    };
  }

  async draft(id: number): Promise<Draft> {
    return this.toDraft(await this.mustGet(id));
  }

  /** Saves the form; a draft in review goes back to "draft" (it must be submitted again). */
  async save(id: number, revision: number, draft: DraftArticle, who: Person): Promise<Draft> {
    const d = await this.mustGet(id);
    this.mustBeOpen(d);
    this.mustNotBePublishing(d);
    const updated = await this.update(d, revision, who, { draft, ...(d.status === "review" ? { status: "draft", submittedAt: null } : {}) });
    return this.toDraft(updated);
  }

  async submit(id: number, revision: number, who: Person): Promise<Draft> {
    const d = await this.mustGet(id);
    this.mustBeOpen(d);
    if (d.status !== "draft") throw new CurationError(409, "not_a_draft", "the draft is already in review", { status: d.status });
    this.checkRevision(d, revision);
    const v = await this.check(d.draft, this.contextOf(d));
    if (!v.ok) throw invalid(v.problems, "the draft has errors; fix them before submitting");
    this.checkBase(d);
    const updated = await this.update(d, revision, who, { status: "review", submittedAt: this.clock().toISOString(), comment: null });
    await this.opts.audit(who, "article.submitted", `draft #${d.id} ${d.draft.id ?? ""}`.trim());
    // The content did not change: the validation just done stands (another would load the knowledge base again).
    return this.toDraft(updated, v.problems);
  }

  async reject(id: number, revision: number, who: Person, comment?: string): Promise<Draft> {
    const d = await this.mustGet(id);
    this.mustBeInReview(d);
    this.mustNotBePublishing(d);
    const updated = await this.update(d, revision, who, { status: "draft", submittedAt: null, comment: comment || null, reviewer: who });
    await this.opts.audit(who, "article.rejected", `draft #${d.id} ${d.draft.id ?? ""}`.trim());
    return this.toDraft(updated);
  }

  async discard(id: number, who: Person): Promise<void> {
    const d = await this.mustGet(id);
    this.mustBeOpen(d);
    this.mustNotBePublishing(d);
    await this.update(d, d.revision, who, { status: "discarded" });
    await this.opts.audit(who, "article.draft_discarded", `draft #${d.id} ${d.draft.id ?? ""}`.trim());
  }

  /** Publishes a draft in review: YAML into CONTENT_DIR, a new version, the audit entry, a reload. */
  approve(id: number, revision: number, who: Person): Promise<{ draft: Draft; version: VersionSummary; reload: ReloadResult }> {
    const run = this.publishing.then(() => this.publish(id, revision, who));
    this.publishing = run.catch(() => undefined);
    return run;
  }

  private async publish(id: number, revision: number, who: Person): Promise<{ draft: Draft; version: VersionSummary; reload: ReloadResult }> {
    const d = await this.mustGet(id);
    this.mustBeInReview(d);
    this.checkRevision(d, revision);
    // Four eyes: whoever wrote any of the content (not only who started the draft) needs someone else to approve.
    if (this.opts.fourEyes && (d.author.id === who.id || d.editors.some((e) => e.id === who.id))) {
      throw new CurationError(403, "four_eyes", "a second navigator must approve: whoever wrote a draft cannot publish it", {
        author: d.author.name, editors: d.editors.map((e) => e.name),
      });
    }
    this.checkBase(d);
    const v = await this.check(d.draft, this.contextOf(d));
    if (!v.ok || !v.file || !v.article) throw invalid(v.problems, "the draft has errors; it cannot be published");
    // From here on nothing else may change the draft until it is published or refused.
    this.inFlight = d.id;
    try {
      return await this.write(d.id, revision, who, v);
    } finally {
      this.inFlight = undefined;
    }
  }

  private async write(id: number, revision: number, who: Person, v: Validation): Promise<{ draft: Draft; version: VersionSummary; reload: ReloadResult }> {
    // Read again: the draft or the file may have changed while it was validated.
    const d = await this.mustGet(id);
    this.mustBeInReview(d);
    this.checkRevision(d, revision);
    const before = this.checkBase(d);
    const articleId = v.article!.id;
    const target = v.file!;
    // A rollback is written in the restored version's own formatting, so it comes back byte for byte.
    const formatting = d.kind === "rollback" && d.rollbackOf ? (await this.store.version(articleId, d.rollbackOf))?.yaml : before?.source;
    const yaml = serializeArticle(fileFields(d.draft), formatting ?? before?.source);

    writeContentFile(this.opts.contentDir, target, yaml);
    if (before && before.rel !== target) rmSync(this.abs(before.rel), { force: true });
    const reload = await this.opts.knowledge.reload(`publish ${articleId}`);
    if (!reload.ok) {
      // The live knowledge base kept serving the old content.
      await this.restore(articleId, target, before);
      this.opts.log?.warn({ articleId, draftId: d.id, problems: reload.problems.length, code: "curation.publish_refused" }, "curation: the knowledge base refused the published article; restored");
      throw invalid(reload.problems.map(toFieldProblem), "the knowledge base refused the new content; nothing was published");
    }

    let recorded: { version: StoredVersion; updated: StoredDraft };
    try {
      recorded = await this.record(d, who, { articleId, yaml, area: v.article!.area, before });
    } catch (err) {
      // Nothing was recorded (a conflict, another node first, the database away): the files go back too.
      await this.restore(articleId, target, before);
      throw err;
    }
    const { version, updated } = recorded;
    await this.opts.audit(who, "article.published", `${articleId} version ${version.version} (${d.kind}) from draft #${d.id} by ${d.author.name}`);
    this.opts.log?.info({ articleId, version: version.version, draftId: d.id, ms: reload.ms, code: "curation.published" }, "curation: article published");
    await this.announce(articleId);
    if (this.opts.gitCommit) await this.commit([target, ...(before && before.rel !== target ? [before.rel] : [])], articleId, version.version, d.author, who);
    return { draft: await this.toDraft(updated), version: summary(version), reload };
  }

  /** Puts the article's file(s) back as they were before a publish that did not happen, and reloads. */
  private async restore(articleId: string, target: string, before: ArticleFile | undefined): Promise<void> {
    if (before) writeContentFile(this.opts.contentDir, before.rel, before.source);
    if (!before || before.rel !== target) rmSync(this.abs(target), { force: true });
    await this.opts.knowledge.reload(`restore ${articleId}`);
  }

  /**
   * The new version and the published draft, in one transaction. Two publishes of the same
   * article at once (two nodes) cannot both take a version number: the primary key refuses the
   * second, which then starts over and, seeing the other publish, ends in a conflict.
   */
  private async record(
    d: StoredDraft,
    who: Person,
    p: { articleId: string; yaml: string; area: string; before: ArticleFile | undefined },
  ): Promise<{ version: StoredVersion; updated: StoredDraft }> {
    const { articleId, before } = p;
    for (let attempt = 1; ; attempt++) {
      try {
        // Only `store` inside: it is bound to the transaction (SQLite has one connection, which the transaction holds).
        return await this.store.transaction(async (store) => {
          const versions = await store.versions(articleId);
          const last = versions[0];
          const beforeHash = before ? sha256(before.source) : undefined;
          if (this.opts.shared && last && last.contentHash !== beforeHash && (!before || versions.some((x) => x.contentHash === beforeHash))) {
            // This node's file is an older version (or none): another node published since and this one has not caught up.
            throw new CurationError(409, "article_changed", "the article was published on another node in the meantime; start a new draft from the current version", {
              articleId, version: last.version,
            });
          }
          // The file as it was before this publish (first edit from the console, or changed by git), so a rollback can restore it.
          if (before && (!last || last.contentHash !== beforeHash)) {
            await store.addVersion({ articleId, kind: "imported", yaml: before.source, contentHash: beforeHash!, area: before.area,
              author: null, reviewer: null, draftId: null, note: "the file as it was before this publish" });
          }
          const version = await store.addVersion({ articleId, kind: d.kind, yaml: p.yaml, contentHash: sha256(p.yaml), area: p.area, author: d.author,
            reviewer: who, draftId: d.id, note: d.kind === "rollback" && d.rollbackOf ? `rollback to version ${d.rollbackOf}` : null });
          const updated = await store.update(d.id, d.revision, who, { status: "published", reviewer: who, publishedVersion: version.version, articleId });
          if (!updated) throw conflictError((await store.get(d.id)) ?? d);
          return { version, updated };
        });
      } catch (err) {
        if (!(err instanceof VersionTakenError)) throw err;
        if (attempt >= MAX_VERSION_ATTEMPTS) {
          throw new CurationError(409, "article_changed", "another publish of this article took the next version number; load the article again", {
            articleId, version: err.version,
          });
        }
        this.opts.log?.info({ articleId, version: err.version, attempt, code: "curation.version_taken" }, "curation: the version number was taken by another publish; trying again");
      }
    }
  }

  /** Tells every node (this one too) that an article was published; they catch up from the database. */
  private async announce(articleId: string): Promise<void> {
    if (!this.opts.signals) return;
    try {
      await this.opts.signals.notify("knowledge", articleId);
    } catch (err) {
      // Published all the same; the other nodes catch up when their signal connection is back.
      this.opts.log?.warn({ err, articleId, code: "curation.signal_failed" }, "curation: could not signal the publish to the other nodes");
    }
  }

  // ── several nodes ────────────────────────────────────────────────────────

  /**
   * With a shared database: brings this node's CONTENT_DIR up to the versions published on any
   * node now, and again on every "knowledge" signal and after the signal connection was lost.
   * Without one (SQLite, a single node) the files are the truth and nothing happens.
   */
  async start(): Promise<void> {
    if (!this.opts.shared || !this.opts.signals || this.closed) return;
    const signals = this.opts.signals;
    this.unsubscribe.push(
      signals.listen("knowledge", (articleId) => void this.syncContent(`published ${articleId}`)),
      signals.onReconnect(() => void this.syncContent("signals reconnected")),
    );
    await this.syncContent("start");
  }

  /** Stops following other nodes and waits for a publish or catch-up under way. */
  async close(): Promise<void> {
    this.closed = true;
    for (const stop of this.unsubscribe.splice(0)) stop();
    await this.publishing;
  }

  /**
   * Writes versions published on other nodes into CONTENT_DIR and reloads when it wrote any;
   * after this node's own publish the files match already and nothing is reloaded. Runs after
   * the publish under way; a burst of signals shares one run. Never rejects.
   */
  syncContent(reason: string): Promise<AppliedVersion[]> {
    if (this.closed) return Promise.resolve([]);
    if (this.pendingSync) return this.pendingSync;
    const run = this.publishing.then(async () => {
      // From here on a new signal queues another run: this one may read before that publish committed.
      this.pendingSync = undefined;
      if (this.closed) return [];
      try {
        const applied = await applyPublishedVersions(this.store, this.opts.contentDir, this.opts.log);
        if (applied.length === 0) return applied;
        this.opts.log?.info({ reason, versions: applied, code: "curation.synced" }, "curation: wrote articles published on another node");
        await this.opts.knowledge.reload(`published on another node: ${applied.map((a) => a.articleId).join(", ")}`);
        return applied;
      } catch (err) {
        this.opts.log?.error({ err, reason, code: "curation.sync_failed" }, "curation: could not catch up with articles published on other nodes");
        return [];
      }
    });
    this.pendingSync = run;
    this.publishing = run;
    return run;
  }

  // ── versions ─────────────────────────────────────────────────────────────

  async versions(articleId: string): Promise<{ versions: VersionSummary[] }> {
    const versions = await this.store.versions(articleId);
    if (versions.length === 0 && !findArticleFile(this.opts.contentDir, articleId)) {
      throw new CurationError(404, "article_not_found", `there is no article "${articleId}"`, { articleId });
    }
    return { versions: versions.map(summary) };
  }

  async version(articleId: string, version: number): Promise<VersionDetail> {
    const v = await this.store.version(articleId, version);
    if (!v) throw new CurationError(404, "version_not_found", `article "${articleId}" has no version ${version}`, { articleId, version });
    const previous = version > 1 ? await this.store.version(articleId, version - 1) : undefined;
    const diff = createTwoFilesPatch(
      previous ? `${articleId} version ${previous.version}` : "/dev/null",
      `${articleId} version ${v.version}`,
      previous?.yaml ?? "",
      v.yaml,
      undefined,
      undefined,
      { context: 3 },
    );
    return { ...summary(v), yaml: v.yaml, diff };
  }

  /** A draft restoring an earlier version, already in review: a second navigator approves it like any change. */
  async rollback(articleId: string, version: number, who: Person): Promise<Draft> {
    const v = await this.store.version(articleId, version);
    if (!v) throw new CurationError(404, "version_not_found", `article "${articleId}" has no version ${version}`, { articleId, version });
    const file = findArticleFile(this.opts.contentDir, articleId);
    await this.refuseSecondDraft(articleId);
    const fields = parseArticleYaml(v.yaml) ?? {};
    const stored = await this.createOpenDraft(articleId, {
      articleId, kind: "rollback", status: "review", draft: { id: articleId, area: v.area, ...fields },
      baseHash: file ? sha256(readFileSync(this.abs(file.rel), "utf8")) : null, author: who, rollbackOf: version,
    });
    await this.opts.audit(who, "article.rollback_requested", `${articleId} to version ${version}, draft #${stored.id}`);
    return this.toDraft(stored);
  }

  // ── helpers ──────────────────────────────────────────────────────────────

  private async toDraft(d: StoredDraft, problems?: FieldProblem[]): Promise<Draft> {
    const open = d.status === "draft" || d.status === "review";
    return { ...d, problems: open ? (problems ?? (await this.check(d.draft, this.contextOf(d))).problems) : [] };
  }

  private async mustGet(id: number): Promise<StoredDraft> {
    const d = await this.store.get(id);
    if (!d) throw new CurationError(404, "draft_not_found", `there is no draft ${id}`, { draftId: id });
    return d;
  }

  private mustBeOpen(d: StoredDraft): void {
    if (d.status === "published" || d.status === "discarded") {
      throw new CurationError(409, "draft_closed", `the draft is ${d.status}; start a new one`, { status: d.status });
    }
  }

  private mustNotBePublishing(d: StoredDraft): void {
    if (this.inFlight === d.id) throw new CurationError(409, "draft_publishing", "the draft is being published right now", { draftId: d.id });
  }

  private mustBeInReview(d: StoredDraft): void {
    this.mustBeOpen(d);
    if (d.status !== "review") throw new CurationError(409, "not_in_review", "the draft has not been submitted for review", { status: d.status });
  }

  private checkRevision(d: StoredDraft, revision: number): void {
    if (d.revision !== revision) throw conflictError(d);
  }

  private async update(d: StoredDraft, revision: number, who: Person, change: DraftChange): Promise<StoredDraft> {
    this.checkRevision(d, revision);
    const updated = await this.store.update(d.id, revision, who, change);
    // Someone saved between our read and our write.
    if (!updated) throw conflictError(await this.mustGet(d.id));
    return updated;
  }

  /**
   * The database's unique index decides when two navigators (on two nodes) start a draft of the
   * same article at the same moment: the second gets the same 409 as after the check above.
   */
  private async createOpenDraft(articleId: string, draft: Parameters<DraftStore["create"]>[0]): Promise<StoredDraft> {
    try {
      return await this.store.create(draft);
    } catch (err) {
      if (isUniqueViolation(err)) await this.refuseSecondDraft(articleId);
      throw err;
    }
  }

  private async refuseSecondDraft(articleId: string): Promise<void> {
    const open = await this.store.openFor(articleId);
    if (open) {
      throw new CurationError(409, "draft_exists", `${open.author.name} is already working on a draft of this article`, {
        draftId: open.id, author: open.author.name, status: open.status,
      });
    }
  }

  /** The article's file now; refuses when it changed since the draft was started (a deploy, a git pull, another publish). */
  private checkBase(d: StoredDraft): ArticleFile | undefined {
    if (d.kind === "new" || !d.articleId) return undefined;
    const file = findArticleFile(this.opts.contentDir, d.articleId);
    const source = file ? readFileSync(this.abs(file.rel), "utf8") : undefined;
    if (!file || source === undefined || sha256(source) !== d.baseHash) {
      throw new CurationError(409, "article_changed", "the article file changed since this draft was started; start a new draft from the current version", {
        articleId: d.articleId,
      });
    }
    return { ...file, source };
  }

  private abs(rel: string): string {
    return contentPath(this.opts.contentDir, rel);
  }

  private async commit(files: string[], articleId: string, version: number, author: Person, reviewer: Person): Promise<void> {
    const cwd = this.opts.contentDir;
    const clean = (s: string) => s.replace(/[<>\n\r"]/g, "").trim() || "Lotse";
    try {
      await execFileAsync("git", ["rev-parse", "--is-inside-work-tree"], { cwd });
    } catch {
      return; // not a git checkout
    }
    try {
      await execFileAsync("git", ["add", "-A", "--", ...files], { cwd });
      await execFileAsync(
        "git",
        ["-c", "user.name=Lotse", "-c", "user.email=lotse@localhost", "commit", "--quiet", `--author=${clean(author.name)} <navigator@lotse.invalid>`,
          "-m", `${articleId}: version ${version} from the console\n\nAuthor: ${clean(author.name)}\nReviewed-by: ${clean(reviewer.name)}`, "--", ...files],
        { cwd },
      );
    } catch (err) {
      this.opts.log?.warn({ err, articleId, version, code: "curation.git_commit_failed" }, "curation: git commit of the published article failed");
    }
  }
}

function conflictError(d: StoredDraft): CurationError {
  return new CurationError(409, "draft_conflict", `${d.updatedBy.name} saved this draft in the meantime (revision ${d.revision}); load it again and redo your change`, {
    revision: d.revision, updatedBy: d.updatedBy.name, updatedAt: d.updatedAt, status: d.status,
  });
}

function invalid(problems: FieldProblem[], message: string): CurationError {
  return new CurationError(422, "draft_invalid", message, { errors: problems.filter((p) => p.severity === "error").length }, problems);
}

function toFieldProblem(p: Problem): FieldProblem {
  return { path: p.path, severity: p.severity, code: p.code, message: p.message, file: p.file, line: p.line, col: p.col };
}

function summary(v: StoredVersion): VersionSummary {
  const { yaml: _yaml, area: _area, ...rest } = v;
  return rest;
}

function fold(s: string): string {
  return s.toLocaleLowerCase("de").normalize("NFC");
}

/** Scrubbed (personal data out), trimmed, each once. */
function scrubbedQuestions(questions: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const q of questions) {
    const clean = scrubPersonalData(q).replace(/\s+/g, " ").trim();
    const key = normalizeQuestion(clean);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(clean);
  }
  return out;
}

function byLanguage(questions: readonly string[]): Map<QuestionLanguage, string[]> {
  const out = new Map<QuestionLanguage, string[]>();
  for (const q of questions) {
    const lang = detectLanguage(q).language;
    out.set(lang, [...(out.get(lang) ?? []), q]);
  }
  return out;
}

/** Adds the questions to the blocks of their languages, skipping those already there. */
function withQuestions(draft: DraftArticle, questions: readonly string[]): DraftArticle {
  const out: DraftArticle = { ...draft };
  for (const [lang, qs] of byLanguage(questions)) {
    const block = { ...(out[lang] ?? {}) } as NonNullable<DraftArticle["de"]>;
    const existing = block.questions ?? [];
    const known = new Set(existing.map(normalizeQuestion));
    block.questions = [...existing, ...qs.filter((q) => !known.has(normalizeQuestion(q)))];
    out[lang] = block;
  }
  return out;
}

/** A new article's form: the questions in their languages' blocks, everything else still to write. */
function newArticleDraft(questions: readonly string[], now: Date): DraftArticle {
  const text = () => ({ title: "", summary: "", questions: [] as string[], answer: "", keywords: [] as string[] });
  const draft: DraftArticle = {
    audiences: [], reviewed: now.toISOString().slice(0, 10), owner: "", legal: [], sources: [], contacts: [], related: [],
    de: text(), en: text(), uk: { questions: [] }, ar: { questions: [] },
  };
  return withQuestions(draft, questions);
}
