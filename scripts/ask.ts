/**
 * `npm run --silent ask -- [--json] [--language de|en|uk|ar] [--answer-language de|en] [--audience employer|…] "QUESTION"`
 * `npm run --silent ask -- --json --batch FILE` (one question per line → JSON Lines, same order)
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { loadConfig } from "../src/config.js";
import { AskRequest, type AskResult } from "../src/knowledge/index.js";
import { openKnowledgeEngine } from "../src/knowledge/index.js";
import { Audience, Language, QuestionLanguage } from "../src/knowledge/index.js";

const USAGE = `usage: npm run ask -- [--json] [--language de|en|uk|ar] [--answer-language de|en] [--audience employer|chamber|association|volunteer] "QUESTION"
       npm run --silent ask -- --json --batch FILE   (one question per line; blank lines are skipped)`;

const MAX_BATCH_BYTES = 64 * 1024 * 1024;

const Args = z.strictObject({
  json: z.boolean().default(false),
  batch: z.string().min(1, "--batch needs a file name").optional(),
  language: QuestionLanguage.optional(),
  "answer-language": Language.optional(),
  audience: Audience.optional(),
  help: z.boolean().default(false),
  questions: z.array(z.string()),
});

function fail(message: string): number {
  process.stderr.write(`ask: ${message}\n${USAGE}\n`);
  return 2;
}

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: "boolean" }, batch: { type: "string" }, language: { type: "string" },
        "answer-language": { type: "string" }, audience: { type: "string" }, help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    return fail((err as Error).message);
  }
  const args = Args.safeParse({ ...parsed.values, questions: parsed.positionals });
  if (!args.success) return fail(args.error.issues.map((i) => `${i.path.length ? `--${i.path.join(".")}: ` : ""}${i.message}`).join("; "));
  const { json, batch, language, "answer-language": answerLanguage, audience, help, questions } = args.data;
  if (help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (batch && questions.length > 0) return fail("give either --batch FILE or a question, not both");
  if (!batch && questions.length === 0) return fail("no question given");

  const config = loadConfig();
  const { engine } = openKnowledgeEngine({ contentDir: config.contentDir, dataDir: config.dataDir, decision: config.decision });

  if (batch) {
    let text: string;
    try {
      const buf = readFileSync(batch);
      if (buf.length > MAX_BATCH_BYTES) return fail(`${batch} is larger than ${MAX_BATCH_BYTES / 1024 / 1024} MiB`);
      text = buf.toString("utf8");
    } catch (err) {
      return fail(`cannot read ${batch}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const out: string[] = [];
    for (const line of text.split(/\r?\n/)) {
      if (line.trim() === "") continue;
      out.push(JSON.stringify(answerOne(line)));
      if (out.length >= 1000) {
        process.stdout.write(`${out.join("\n")}\n`);
        out.length = 0;
      }
    }
    if (out.length) process.stdout.write(`${out.join("\n")}\n`);
    return 0;
  }

  const question = questions.join(" ");
  const result = answerOne(question);
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return "error" in result ? 1 : 0;
  }
  if ("error" in result) return fail(result.error);
  process.stdout.write(readable(result));
  return 0;

  function answerOne(q: string): AskResult | { question: string; error: string } {
    const req = AskRequest.safeParse({ question: q, language, answerLanguage, audience });
    if (!req.success) return { question: q.slice(0, 200), error: req.error.issues.map((i) => i.message).join("; ") };
    return engine.ask(req.data.question, { language: req.data.language, answerLanguage: req.data.answerLanguage, audience: req.data.audience });
  }
}

function readable(r: AskResult): string {
  const de = r.answerLanguage === "de";
  const lines: string[] = [];
  if (r.outcome === "answer" && r.answer) {
    const short = r.answer.text.split(/\n\s*\n/)[0]!.trim();
    lines.push(r.answer.title, "=".repeat(Math.min(r.answer.title.length, 80)), "", short, "");
    if (r.answer.legal.length) lines.push(`${de ? "Rechtsgrundlage" : "Legal basis"}: ${r.answer.legal.join("; ")}`);
    lines.push(`${de ? "Quellen" : "Sources"}:`, ...r.answer.sources.map((s) => `  - ${s.title}: ${s.url}`));
    if (r.answer.contacts.length) lines.push(`${de ? "Ansprechpartner" : "Contacts"}:`, ...r.answer.contacts.map((c) => `  - ${c.name}: ${c.website}`));
    lines.push(`Stand: ${r.answer.reviewed}`, `(${de ? "Sicherheit" : "confidence"} ${r.confidence})`);
  } else if (r.outcome === "clarify") {
    lines.push(de ? "Meinten Sie …?" : "Did you mean …?", ...r.alternatives.map((a) => `  - ${a.title} (${a.id})`));
  } else if (r.outcome === "flow" && r.flow) {
    // A guided referral: its first question and where each option leads (walk it in the chat).
    lines.push(r.flow.title, "=".repeat(Math.min(r.flow.title.length, 80)), "", r.flow.intro, "", r.flow.step.question,
      ...r.flow.step.options.map((o, i) => `  ${i + 1}. ${o.label}${o.article ? ` → ${o.article}` : o.referral ? ` → ${de ? "Stelle" : "office"}: ${o.referral}` : " …"}`));
  } else if (r.outcome === "handoff") {
    lines.push(de ? "Sie möchten mit einer Lotsin / einem Lotsen sprechen. Das geht im Chat mit Lotse." : "You would like to talk to a navigator. The Lotse chat can connect you.");
  } else {
    lines.push(de ? "Dazu habe ich keine Antwort in der Wissensbasis. Bitte fragen Sie eine Lotsin / einen Lotsen." : "I have no answer to that in the knowledge base. Please ask a navigator.");
  }
  return `${lines.join("\n")}\n`;
}

process.exitCode = main(process.argv.slice(2));
