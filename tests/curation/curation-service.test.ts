/**
 * Curation as the console uses it, on a temp copy of the content, real SQLite and the real live
 * knowledge base: drafts, optimistic locking, four eyes, publishing, versions and rollback.
 */
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CurationError, CurationService } from "../../src/curation/curation-service.js";
import type { Draft } from "../../src/curation/schemas.js";
import { LiveKnowledge } from "../../src/knowledge/index.js";
import { openDatabase, type LotseDatabase } from "../../src/storage/database.js";
import { openEngine } from "../helpers/engine.js";
import { tempDir } from "../helpers/temp.js";

const ANNA = { id: "token:anna", name: "Anna Lotsin" };
const BERND = { id: "token:bernd", name: "Bernd Lotse" };
const ARTICLE = "eingliederungszuschuss";
const FILE = "articles/foerderung/eingliederungszuschuss.yaml";

let root: string;
let contentDir: string;
let database: LotseDatabase;
let live: LiveKnowledge;
let service: CurationService;
const audited: string[] = [];

function makeService(fourEyes = true): CurationService {
  return new CurationService({ db: database.db, contentDir, knowledge: live, fourEyes, audit: (_who, action) => void audited.push(action) });
}

beforeAll(async () => {
  root = tempDir("curation");
  contentDir = path.join(root, "content");
  cpSync(path.resolve("content"), contentDir, { recursive: true });
  database = await openDatabase({ dataDir: path.join(root, "data") });
  live = new LiveKnowledge({ engine: openEngine(contentDir), contentDir });
  service = makeService();
});
afterAll(async () => {
  await live.close();
  await database.close();
});

const rejected = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof CurationError) return e;
    throw e;
  }
  throw new Error("expected a CurationError");
};
const actions = () => audited;

describe("editing an article with four eyes", () => {
  let draft: Draft;
  const original = () => readFileSync(path.join(contentDir, FILE), "utf8");
  let before: string;

  it("starts a draft prefilled with the article as written", async () => {
    before = original();
    draft = await service.createDraft({ articleId: ARTICLE }, ANNA);
    expect(draft).toMatchObject({ articleId: ARTICLE, kind: "edit", status: "draft", revision: 1, author: ANNA, reviewer: null });
    expect(draft.draft).toMatchObject({ id: ARTICLE, area: "foerderung" });
    expect(draft.draft.de?.title).toBe(live.current.article(ARTICLE)!.de.title);
    expect(draft.problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("refuses a second draft of the same article, naming who works on it", async () => {
    const e = await rejected(service.createDraft({ articleId: ARTICLE }, BERND));
    expect(e).toMatchObject({ status: 409, code: "draft_exists", params: { draftId: draft.id, author: "Anna Lotsin" } });
  });

  it("two navigators starting a draft of one article at the same moment: one gets it, the other the same 409", async () => {
    const other = "einstiegsqualifizierung";
    const results = await Promise.allSettled([service.createDraft({ articleId: other }, ANNA), service.createDraft({ articleId: other }, BERND)]);
    const won = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ status: 409, code: "draft_exists", params: { draftId: won[0]!.id, author: won[0]!.author.name } });
    await service.discard(won[0]!.id, won[0]!.author);
  });

  it("saves with optimistic locking: a stale revision is a conflict and overwrites nothing", async () => {
    const annas = { ...draft.draft, de: { ...draft.draft.de, summary: "Der Eingliederungszuschuss gleicht Minderleistung aus: neu formuliert von Anna." } };
    const saved = await service.save(draft.id, 1, annas, ANNA);
    expect(saved.revision).toBe(2);
    const berndsStale = { ...draft.draft, de: { ...draft.draft.de, summary: "Bernds Fassung." } };
    const e = await rejected(service.save(draft.id, 1, berndsStale, BERND));
    expect(e).toMatchObject({ status: 409, code: "draft_conflict", params: { revision: 2, updatedBy: "Anna Lotsin" } });
    expect((await service.draft(draft.id)).draft.de?.summary).toContain("neu formuliert von Anna");
    draft = saved;
  });

  it("shows validation problems beside the field, and refuses to submit them", async () => {
    const broken = { ...draft.draft, de: { ...draft.draft.de, questions: ["Nur eine?"] }, contacts: ["gibt-es-nicht"] };
    const saved = await service.save(draft.id, draft.revision, broken, ANNA);
    expect(saved.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: "de.questions", severity: "error", message: "needs at least 3 example questions" }),
    ]));
    const e = await rejected(service.submit(draft.id, saved.revision, ANNA));
    expect(e).toMatchObject({ status: 422, code: "draft_invalid" });
    expect(e.problems?.some((p) => p.path === "de.questions")).toBe(true);
    draft = await service.save(draft.id, saved.revision, { ...draft.draft }, ANNA);
    expect(draft.problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("submits; the author cannot approve, a second navigator can", async () => {
    draft = await service.submit(draft.id, draft.revision, ANNA);
    expect(draft.status).toBe("review");
    const e = await rejected(service.approve(draft.id, draft.revision, ANNA));
    expect(e).toMatchObject({ status: 403, code: "four_eyes" });
    expect(original()).toBe(before);

    const { draft: published, version, reload } = await service.approve(draft.id, draft.revision, BERND);
    expect(published).toMatchObject({ status: "published", reviewer: BERND, publishedVersion: 2 });
    expect(version).toMatchObject({ version: 2, kind: "edit", author: ANNA, reviewer: BERND });
    expect(reload).toMatchObject({ ok: true, changed: true });
    expect(live.current.article(ARTICLE)!.de.summary).toContain("neu formuliert von Anna");
    // Only the summary line changed: the rest of the file is byte for byte as before.
    const after = original();
    const changed = after.split("\n").filter((l, i) => l !== before.split("\n")[i]);
    expect(changed).toEqual(['  summary: "Der Eingliederungszuschuss gleicht Minderleistung aus: neu formuliert von Anna."']);
    expect(readdirSync(contentDir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("keeps the version before the first publish, with a diff to it", async () => {
    const { versions } = await service.versions(ARTICLE);
    expect(versions.map((v) => [v.version, v.kind])).toEqual([[2, "edit"], [1, "imported"]]);
    const v2 = await service.version(ARTICLE, 2);
    expect(v2.diff).toMatch(/^-  summary: "Der Eingliederungszuschuss ist ein Lohnkostenzuschuss|^-  summary: /m);
    expect(v2.diff).toMatch(/^\+  summary: "Der Eingliederungszuschuss gleicht Minderleistung aus/m);
    expect((await service.version(ARTICLE, 1)).yaml).toBe(before);
  });

  it("rolls back with four eyes: the requester is the author, the other navigator approves", async () => {
    const rollback = await service.rollback(ARTICLE, 1, BERND);
    expect(rollback).toMatchObject({ kind: "rollback", status: "review", author: BERND, rollbackOf: 1 });
    expect(await rejected(service.approve(rollback.id, rollback.revision, BERND))).toMatchObject({ code: "four_eyes" });
    const { version } = await service.approve(rollback.id, rollback.revision, ANNA);
    expect(version).toMatchObject({ version: 3, kind: "rollback", note: "rollback to version 1" });
    expect(original()).toBe(before);
    expect(live.current.article(ARTICLE)!.de.summary).not.toContain("neu formuliert von Anna");
  });

  it("writes every step into the audit log", async () => {
    expect(actions()).toEqual(expect.arrayContaining(["article.draft_created", "article.submitted", "article.published", "article.rollback_requested"]));
  });
});

describe("a changed file and refused content", () => {
  it("refuses to publish over a file that changed since the draft was started", async () => {
    const d = await service.createDraft({ articleId: "job-turbo" }, ANNA);
    const submitted = await service.submit(d.id, d.revision, ANNA);
    const file = path.join(contentDir, "articles/foerderung/job-turbo.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("owner:", "# edited by git\nowner:"));
    expect(await rejected(service.approve(submitted.id, submitted.revision, BERND))).toMatchObject({ status: 409, code: "article_changed" });
    await service.discard(submitted.id, ANNA);
    expect((await service.draft(submitted.id)).status).toBe("discarded");
  });

  it("restores the previous file when the knowledge base refuses the new content", async () => {
    // Another file is broken meanwhile (a bad deploy): the reload refuses everything, so nothing is published.
    const broken = path.join(contentDir, "articles/sprache/kaputt.yaml");
    writeFileSync(broken, "de: [unclosed\n");
    const file = path.join(contentDir, "articles/sprache/integrationskurs.yaml");
    const before = readFileSync(file, "utf8");
    const d = await service.createDraft({ articleId: "integrationskurs" }, ANNA);
    const saved = await service.save(d.id, d.revision, { ...d.draft, owner: "Neues Team" }, ANNA);
    // The broken file is another file's problem: the draft itself is fine.
    const submitted = await service.submit(saved.id, saved.revision, ANNA);
    const e = await rejected(service.approve(submitted.id, submitted.revision, BERND));
    expect(e).toMatchObject({ status: 422, code: "draft_invalid" });
    expect(e.problems?.some((p) => p.file?.endsWith("kaputt.yaml"))).toBe(true);
    expect(readFileSync(file, "utf8")).toBe(before);
    expect((await service.draft(submitted.id)).status).toBe("review");
    expect((await service.versions("integrationskurs")).versions).toEqual([]);
    rmSync(broken);
    await service.discard(submitted.id, ANNA);
    expect(await live.reload("test")).toMatchObject({ ok: true });
  });
});

describe("new articles from the unanswered list", () => {
  it("prefills the questions in their languages, personal data scrubbed, each once", async () => {
    const d = await service.createDraft({
      questions: ["Wie melde ich Frau Meier, Tel. 0202 563 1234, zur Sprachprüfung an?", "Wie melde ich Frau Meier, Tel. 0202 563 1234, zur Sprachprüfung an?", "How do I register my trainee for the language exam?"],
    }, ANNA);
    expect(d).toMatchObject({ kind: "new", status: "draft", articleId: null });
    expect(d.draft.de?.questions).toEqual(["Wie melde ich Frau Meier, Tel. [Telefon], zur Sprachprüfung an?"]);
    expect(d.draft.en?.questions).toEqual(["How do I register my trainee for the language exam?"]);
    expect(JSON.stringify(d)).not.toContain("563");
    expect(d.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: "id", code: "required" }), expect.objectContaining({ path: "de.title" })]));
    expect((await service.listArticles({ status: "new" })).articles.map((a) => a.draft?.id)).toContain(d.id);
  });

  it("adds questions to an existing article as a draft change", async () => {
    const d = await service.createDraft({ questions: ["Gibt es den Zuschuss auch für Minijobs?"], articleId: "einstiegsqualifizierung" }, ANNA);
    expect(d.kind).toBe("edit");
    expect(d.draft.de?.questions?.at(-1)).toBe("Gibt es den Zuschuss auch für Minijobs?");
    expect(d.draft.de!.questions!.length).toBe(live.current.article("einstiegsqualifizierung")!.de.questions.length + 1);
    const row = (await service.listArticles({ q: "einstiegsqualifizierung" })).articles[0]!;
    expect(row).toMatchObject({ id: "einstiegsqualifizierung", status: "draft", draft: { id: d.id, author: "Anna Lotsin" } });
  });

  it("publishes a new article into its area folder after review", async () => {
    const d = await service.createDraft({ questions: ["Wo finde ich eine Kita für die Kinder meiner Mitarbeiterin?"] }, ANNA);
    const template = (await service.articleDetail("integrationskurs")).article as Record<string, any>;
    const draft = {
      ...template, id: "kita-platz", area: "sozialleistungen",
      de: { ...template.de, title: "Kita-Platz finden", questions: [...d.draft.de!.questions!, "Wie bekomme ich einen Kita-Platz in Wuppertal?", "Wer hilft bei der Kita-Suche?"] },
      en: { ...template.en, title: "Finding a Kita place", questions: ["How do I find a Kita place?", "Who helps with finding a daycare?", "Is there daycare in Wuppertal?"] },
      uk: { questions: ["Як знайти місце в дитсадку?", "Хто допомагає з дитсадком?", "Чи є дитсадки у Вупперталі?"] },
      ar: { questions: ["كيف أجد مكاناً في الروضة؟", "من يساعد في البحث عن روضة؟", "هل توجد روضات في فوبرتال؟"] },
      related: [],
    };
    const saved = await service.save(d.id, d.revision, draft, ANNA);
    expect(saved.problems.filter((p) => p.severity === "error")).toEqual([]);
    const submitted = await service.submit(saved.id, saved.revision, ANNA);
    const { version } = await service.approve(submitted.id, submitted.revision, BERND);
    expect(version).toMatchObject({ articleId: "kita-platz", version: 1, kind: "new" });
    expect(existsSync(path.join(contentDir, "articles/sozialleistungen/kita-platz.yaml"))).toBe(true);
    expect(live.current.ask("Wie bekomme ich einen Kita-Platz in Wuppertal?").answer?.id).toBe("kita-platz");
  });

  it("refuses a new article with an id that exists", async () => {
    const v = await service.validate({ ...(await service.articleDetail("integrationskurs")).article, id: "integrationskurs", area: "foerderung" }, (await service.createDraft({ questions: ["Wie geht das?"] }, ANNA)).id);
    expect(v.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: "id", code: "duplicate-id" })]));
  });
});

describe("four eyes over every writer", () => {
  it("refuses approval by anyone who wrote into the draft, not only its author", async () => {
    const CARLA = { id: "token:carla", name: "Carla Lotsin" };
    const d = await service.createDraft({ articleId: "weiterbildung-bildungsgutschein" }, ANNA);
    const edited = await service.save(d.id, d.revision, { ...d.draft, owner: "Bernds Team" }, BERND);
    expect(edited.editors.map((e) => e.name)).toEqual(["Anna Lotsin", "Bernd Lotse"]);
    const s = await service.submit(edited.id, edited.revision, BERND);
    expect(await rejected(service.approve(s.id, s.revision, BERND))).toMatchObject({ status: 403, code: "four_eyes", params: { editors: ["Anna Lotsin", "Bernd Lotse"] } });
    expect(await rejected(service.approve(s.id, s.revision, ANNA))).toMatchObject({ status: 403, code: "four_eyes" });
    const rejectedOnce = await service.reject(s.id, s.revision, ANNA, "bitte Quelle ergänzen");
    expect(rejectedOnce.editors).toHaveLength(2);
    const again = await service.submit(rejectedOnce.id, rejectedOnce.revision, ANNA);
    expect((await service.approve(again.id, again.revision, CARLA)).draft).toMatchObject({ status: "published", reviewer: CARLA });
  });
});

describe("without four eyes", () => {
  it("lets the author publish when CURATION_FOUR_EYES is off", async () => {
    const single = makeService(false);
    const d = await single.createDraft({ articleId: "praktikum-erlaubnis" }, ANNA);
    const s = await single.submit(d.id, d.revision, ANNA);
    const { draft } = await single.approve(s.id, s.revision, ANNA);
    expect(draft.status).toBe("published");
  });
});

describe("git checkout as CONTENT_DIR", () => {
  it("commits each publish with the author and the reviewer (CURATION_GIT_COMMIT)", async () => {
    const { execFileSync } = await import("node:child_process");
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=Setup", "-c", "user.email=setup@example.org", ...args], { cwd: contentDir, encoding: "utf8" });
    git("init", "--quiet");
    git("add", "-A");
    git("commit", "--quiet", "-m", "content");
    const committing = new CurationService({ db: database.db, contentDir, knowledge: live, fourEyes: true, gitCommit: true, audit: () => undefined });
    const d = await committing.createDraft({ articleId: "berufssprachkurse" }, ANNA);
    const saved = await committing.save(d.id, d.revision, { ...d.draft, owner: "Team Sprache" }, ANNA);
    const s = await committing.submit(saved.id, saved.revision, ANNA);
    await committing.approve(s.id, s.revision, BERND);
    const log = git("log", "-1", "--format=%an%n%B", "--name-only");
    expect(log).toContain("Anna Lotsin");
    expect(log).toContain("Reviewed-by: Bernd Lotse");
    expect(log).toContain("articles/sprache/berufssprachkurse.yaml");
    expect(git("status", "--porcelain")).toBe("");
  });
});
