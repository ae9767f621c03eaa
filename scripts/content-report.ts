/**
 * `npm run content:report -- [--json] [--fail-on-findings] [--date YYYY-MM-DD]`: which articles
 * are overdue for review (or already withheld), due soon, or have translations that no longer
 * follow the German text — per owner, so each team sees its own list.
 * `npm run content:report -- --stamp ID|all [--lang en,uk,ar]`: records that translations were
 * checked against the German text as it is now (writes `source_hash` into the article files).
 * Reads CONTENT_DIR, REVIEW_GRACE_DAYS and REVIEW_SOON_DAYS through src/config.ts.
 */
import { existsSync, renameSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { isMap, isPair, isScalar, parseDocument } from "yaml";
import { z } from "zod";
import { EXIT, processIo, runCommand, runIfMain, UsageError, type Io } from "../src/cli/command.js";
import { loadConfig } from "../src/config.js";
import { formatProblem, hasErrors, IsoDate, KEBAB_ID, loadKnowledgeBase, type Article } from "../src/knowledge/index.js";
import {
  germanHash, isoDay, reviewStatus, staleTranslations, TRANSLATED_BLOCKS, unstampedTranslations,
  type ReviewConfig, type ReviewState, type TranslatedBlock,
} from "../src/knowledge/review.js";

const USAGE = `usage: npm run content:report -- [--json] [--fail-on-findings] [--date YYYY-MM-DD]
       npm run content:report -- --stamp ID|all [--lang en,uk,ar] [--json]
  --json               the report (or what was stamped) as JSON on stdout
  --fail-on-findings   exit code 1 when an article is overdue, due soon, or has stale or unstamped translations
  --date               report as of this day instead of today (e.g. what is due next month)
  --stamp ID|all       after checking the translations of article ID (or of all articles) against the German
                       text: record that they follow it as it is now (sets source_hash in the article file)
  --lang               the translations to stamp, comma-separated (default: en,uk,ar)
  -h, --help           this text
Environment: CONTENT_DIR (default ./content), REVIEW_GRACE_DAYS (default 90), REVIEW_SOON_DAYS (default 30).
Exit codes: 0 done; 1 findings with --fail-on-findings, or the content has errors; 2 bad usage or configuration.`;

const Langs = z
  .string()
  .transform((s) => s.split(",").map((l) => l.trim()).filter(Boolean))
  .pipe(z.array(z.enum(TRANSLATED_BLOCKS, { error: (i) => `"${String(i.input)}" is not a translated block; use en, uk or ar` })).min(1, "name at least one of en, uk, ar"))
  .transform((langs) => [...new Set(langs)]);

const Args = z
  .strictObject({
    json: z.boolean().default(false),
    "fail-on-findings": z.boolean().default(false),
    date: IsoDate.optional(),
    stamp: z.union([z.literal("all"), z.string().regex(KEBAB_ID, 'must be an article id (kebab-case, e.g. eingliederungszuschuss) or "all"')]).optional(),
    lang: Langs.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.lang && !a.stamp) ctx.addIssue({ code: "custom", path: ["lang"], message: "only goes with --stamp" });
    if (a.stamp && a.date) ctx.addIssue({ code: "custom", path: ["date"], message: "does not go with --stamp" });
    if (a.stamp && a["fail-on-findings"]) ctx.addIssue({ code: "custom", path: ["fail-on-findings"], message: "does not go with --stamp" });
  });

const COMMAND = {
  name: "content:report",
  usage: USAGE,
  options: {
    json: { type: "boolean" }, "fail-on-findings": { type: "boolean" }, date: { type: "string" },
    stamp: { type: "string" }, lang: { type: "string" },
  },
  schema: Args,
} as const;

interface ArticleFinding {
  id: string;
  area: string;
  file: string;
  title: string;
  reviewed: string;
  reviewEveryMonths: number;
  due: string;
  state: ReviewState;
  overdueDays: number;
  withheldFrom: string;
  /** Translations made from an older German text. */
  stale: TranslatedBlock[];
  /** Translations that record no German text (no source_hash). */
  unstamped: TranslatedBlock[];
}

interface Report {
  date: string;
  contentDir: string;
  reviewGraceDays: number;
  reviewSoonDays: number;
  summary: { articles: number; overdue: number; withheld: number; soon: number; stale: number; unstamped: number; errors: number };
  /** Only owners with findings; each with only its articles that have one. */
  owners: Array<{ owner: string; articles: ArticleFinding[] }>;
}

function buildReport(articles: readonly Article[], now: Date, review: ReviewConfig, contentDir: string, errors: number): Report {
  const findings: Array<ArticleFinding & { owner: string }> = [];
  for (const a of articles) {
    const status = reviewStatus(a, now, review);
    const stale = staleTranslations(a);
    const unstamped = unstampedTranslations(a);
    if (status.state === "current" && stale.length === 0 && unstamped.length === 0) continue;
    findings.push({
      owner: a.owner, id: a.id, area: a.area, file: a.file, title: a.de.title, reviewed: a.reviewed,
      reviewEveryMonths: a.review_every_months, due: status.due, state: status.state, overdueDays: status.overdueDays,
      withheldFrom: status.withheldFrom, stale, unstamped,
    });
  }
  const byOwner = new Map<string, ArticleFinding[]>();
  findings
    .sort((x, y) => x.due.localeCompare(y.due) || x.id.localeCompare(y.id))
    .forEach(({ owner, ...f }) => byOwner.set(owner, [...(byOwner.get(owner) ?? []), f]));
  const count = (p: (f: ArticleFinding) => boolean) => findings.filter(p).length;
  return {
    date: isoDay(now),
    contentDir,
    reviewGraceDays: review.reviewGraceDays,
    reviewSoonDays: review.reviewSoonDays,
    summary: {
      articles: articles.length,
      overdue: count((f) => f.state === "overdue" || f.state === "withheld"),
      withheld: count((f) => f.state === "withheld"),
      soon: count((f) => f.state === "soon"),
      stale: count((f) => f.stale.length > 0),
      unstamped: count((f) => f.unstamped.length > 0),
      errors,
    },
    owners: [...byOwner].sort(([a], [b]) => a.localeCompare(b, "de")).map(([owner, list]) => ({ owner, articles: list })),
  };
}

function hasFindings(r: Report): boolean {
  const s = r.summary;
  return s.overdue + s.soon + s.stale + s.unstamped > 0;
}

function formatReport(r: Report): string {
  const s = r.summary;
  const lines = [
    `content:report ${r.date} — ${s.articles} articles: ${s.overdue} overdue (${s.withheld} withheld), ${s.soon} due within ${r.reviewSoonDays} days, ` +
      `${s.stale} with stale translations, ${s.unstamped} with unstamped translations` +
      ` (withheld ${r.reviewGraceDays} days after the due date)`,
  ];
  if (r.owners.length === 0) lines.push("", "Nothing overdue, due soon or stale.");
  for (const { owner, articles } of r.owners) {
    lines.push("", `${owner} (${articles.length})`);
    for (const f of articles) {
      const where = `${f.area}/${f.id}`;
      if (f.state === "withheld") lines.push(`  withheld   ${where} — due ${f.due}, ${f.overdueDays} days overdue; Lotse refers to a navigator instead since ${f.withheldFrom}`);
      else if (f.state === "overdue") lines.push(`  overdue    ${where} — due ${f.due}, ${f.overdueDays} days overdue; answers carry a "bitte prüfen" note, withheld from ${f.withheldFrom}`);
      else if (f.state === "soon") lines.push(`  due soon   ${where} — due ${f.due} (last reviewed ${f.reviewed}, every ${f.reviewEveryMonths} months)`);
      if (f.stale.length) lines.push(`  stale      ${where} — German text changed since the ${f.stale.join(", ")} translation; check it, then --stamp ${f.id} --lang ${f.stale.join(",")}`);
      if (f.unstamped.length) lines.push(`  unstamped  ${where} — ${f.unstamped.join(", ")} record no source_hash; check, then --stamp ${f.id} --lang ${f.unstamped.join(",")}`);
    }
  }
  return lines.join("\n");
}

interface Stamped {
  id: string;
  file: string;
  hash: string;
  /** Blocks whose source_hash was set or changed. */
  changed: TranslatedBlock[];
  /** Blocks that already recorded the current German text. */
  unchanged: TranslatedBlock[];
}

/**
 * Sets `source_hash` in the given blocks by editing the text: an existing value is replaced, a
 * missing line is inserted as the block's first field. Everything else — comments, quoting, line
 * wrapping, key order — stays byte for byte, so the git diff is one line per block.
 */
function stampSource(src: string, langs: readonly TranslatedBlock[], hash: string): { text: string; changed: TranslatedBlock[] } {
  const doc = parseDocument(src, { uniqueKeys: true });
  if (doc.errors.length) throw new Error(`not valid YAML: ${doc.errors[0]!.message.split("\n")[0]}`);
  const root = doc.contents;
  if (!isMap(root)) throw new Error("not a mapping of fields");
  const quoted = JSON.stringify(hash);
  const edits: Array<{ at: number; end: number; text: string }> = [];
  const changed: TranslatedBlock[] = [];
  for (const lang of langs) {
    const pair = root.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === lang);
    const block = pair?.value;
    if (!isMap(block) || block.items.length === 0) throw new Error(`has no ${lang} block to stamp`);
    const existing = block.items.find((p) => isScalar(p.key) && p.key.value === "source_hash");
    if (existing) {
      if (isScalar(existing.value) && existing.value.value === hash) continue;
      const range = (existing.value as { range?: [number, number, number] } | null)?.range;
      if (!range) throw new Error(`${lang}.source_hash has no value to replace`);
      edits.push({ at: range[0], end: range[1], text: quoted });
    } else {
      const first = block.items[0]!.key as { range?: [number, number, number] };
      const at = first.range![0];
      if (block.flow) {
        edits.push({ at, end: at, text: `source_hash: ${quoted}, ` });
      } else {
        // The first key's indentation, so the inserted line sits in the same block.
        const lineStart = src.lastIndexOf("\n", at - 1) + 1;
        const indent = src.slice(lineStart, at);
        if (!/^ *$/.test(indent)) throw new Error(`the ${lang} block is laid out unusually; add source_hash: ${quoted} by hand`);
        edits.push({ at, end: at, text: `source_hash: ${quoted}\n${indent}` });
      }
    }
    changed.push(lang);
  }
  let text = src;
  for (const e of edits.sort((a, b) => b.at - a.at)) text = text.slice(0, e.at) + e.text + text.slice(e.end);
  // The edit must change exactly the hashes and nothing else of the data.
  const before = doc.toJS() as Record<string, Record<string, unknown>>;
  for (const lang of changed) before[lang] = { ...before[lang], source_hash: hash };
  const after = parseDocument(text, { uniqueKeys: true });
  if (after.errors.length || !isDeepStrictEqual(stripOrder(after.toJS()), stripOrder(before))) {
    throw new Error("stamping would change more than source_hash; add it by hand");
  }
  return { text, changed };
}

/** Key order is formatting here; compare the data. */
function stripOrder(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripOrder);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, stripOrder(x)]));
  return v;
}

/** Stamps each chosen article; a file that cannot be stamped is reported and left as it is. */
function stamp(articles: readonly Article[], contentDir: string, target: string, langs: readonly TranslatedBlock[]): { stamped: Stamped[]; failed: Array<{ file: string; message: string }> } {
  const chosen = target === "all" ? articles : articles.filter((a) => a.id === target);
  if (chosen.length === 0) throw new UsageError(`--stamp: there is no (valid) article with the id "${target}" in ${contentDir}`);
  const stamped: Stamped[] = [];
  const failed: Array<{ file: string; message: string }> = [];
  for (const a of chosen) {
    // a.file is shown relative to the content folder's parent (content/articles/…).
    const abs = path.join(path.dirname(contentDir), a.file);
    const hash = germanHash(a);
    try {
      const { text, changed } = stampSource(readFileSync(abs, "utf8"), langs, hash);
      if (changed.length) {
        const tmp = `${abs}.${process.pid}.tmp`;
        writeFileSync(tmp, text);
        renameSync(tmp, abs);
      }
      stamped.push({ id: a.id, file: a.file, hash, changed, unchanged: langs.filter((l) => !changed.includes(l)) });
    } catch (err) {
      failed.push({ file: a.file, message: (err as Error).message });
    }
  }
  return { stamped, failed };
}

export function main(argv: string[], io: Io = processIo()): Promise<number> {
  return runCommand(COMMAND, argv, io, (args) => run(args, loadConfig(io.env), io));
}

function run(args: z.output<typeof Args>, config: ReturnType<typeof loadConfig>, io: Io): number {
  const now = args.date ? new Date(`${args.date}T12:00:00Z`) : new Date();
  if (!existsSync(config.contentDir) || !statSync(config.contentDir).isDirectory()) {
    throw new UsageError(`CONTENT_DIR: the content folder ${config.contentDir} does not exist`);
  }
  // Validated as of today (a review date "in the future" of an earlier --date is no error).
  const { kb, problems } = loadKnowledgeBase(config.contentDir, { review: config.decision });
  const errors = problems.filter((p) => p.severity === "error");
  for (const p of errors) io.stderr(`${formatProblem(p)}\n`);
  if (errors.length) io.stderr(`content:report: the knowledge base has ${errors.length} error(s) (npm run content:check); articles with errors are left out\n`);

  if (args.stamp) {
    const { stamped, failed } = stamp(kb.articles, config.contentDir, args.stamp, args.lang ?? TRANSLATED_BLOCKS);
    for (const f of failed) io.stderr(`${f.file}: not stamped: ${f.message}\n`);
    if (args.json) io.stdout(`${JSON.stringify({ stamped, failed }, null, 2)}\n`);
    else {
      for (const s of stamped) {
        if (s.changed.length) io.stdout(`stamped ${s.file}: ${s.changed.join(", ")} follow the German text ${s.hash}\n`);
      }
      const changed = stamped.filter((s) => s.changed.length).length;
      io.stdout(`content:report: ${changed} article file(s) changed, ${stamped.length - changed} already up to date\n`);
    }
    return hasErrors(problems) || failed.length ? EXIT.failed : EXIT.ok;
  }

  const report = buildReport(kb.articles, now, config.decision, config.contentDir, errors.length);
  io.stdout(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
  if (errors.length) return EXIT.failed;
  return args["fail-on-findings"] && hasFindings(report) ? EXIT.failed : EXIT.ok;
}

runIfMain(import.meta, main);
