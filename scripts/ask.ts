/**
 * `npm run --silent ask -- [--json] [--language de|en|uk|ar] [--answer-language de|en] [--audience employer|…] "QUESTION"`
 * `npm run --silent ask -- --json --batch FILE` (one question per line → JSON Lines, same order)
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { EXIT, processIo, runCommand, runIfMain, UsageError, type Io } from "../src/cli/command.js";
import { loadConfig } from "../src/config.js";
import { AskRequest, Audience, Language, openKnowledgeEngine, QuestionLanguage, type AskResult } from "../src/knowledge/index.js";

const MAX_BATCH_BYTES = 64 * 1024 * 1024;

const COMMAND = {
  name: "ask",
  usage: `usage: npm run ask -- [--json] [--language de|en|uk|ar] [--answer-language de|en] [--audience employer|chamber|association|volunteer] "QUESTION"
       npm run --silent ask -- --json --batch FILE   (one question per line; blank lines are skipped)
Exit codes: 0 answered (any outcome, also "none"); 2 bad usage: no question, an empty or too long one, an unreadable --batch file.`,
  options: {
    json: { type: "boolean" }, batch: { type: "string" }, language: { type: "string" },
    "answer-language": { type: "string" }, audience: { type: "string" },
  },
  positionals: true,
  schema: z
    .strictObject({
      json: z.boolean().default(false),
      batch: z.string().min(1, "needs a file name").optional(),
      language: QuestionLanguage.optional(),
      "answer-language": Language.optional(),
      audience: Audience.optional(),
      positionals: z.array(z.string()),
    })
    .superRefine((a, ctx) => {
      if (a.batch !== undefined && a.positionals.length > 0) ctx.addIssue({ code: "custom", path: ["batch"], message: "give either --batch FILE or a question, not both" });
      if (a.batch === undefined && a.positionals.length === 0) ctx.addIssue({ code: "custom", path: [], message: "no question given" });
    }),
} as const;

export function main(argv: string[], io: Io = processIo()): Promise<number> {
  return runCommand(COMMAND, argv, io, (args) => {
    const { json, batch, language, "answer-language": answerLanguage, audience, positionals } = args;
    let text: string | undefined;
    if (batch) {
      try {
        const buf = readFileSync(batch);
        if (buf.length > MAX_BATCH_BYTES) throw new UsageError(`--batch: ${batch} is larger than ${MAX_BATCH_BYTES / 1024 / 1024} MiB`);
        text = buf.toString("utf8");
      } catch (err) {
        if (err instanceof UsageError) throw err;
        throw new UsageError(`--batch: cannot read ${batch}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
    }

    const config = loadConfig(io.env);
    const { engine } = openKnowledgeEngine({ contentDir: config.contentDir, dataDir: config.dataDir, decision: config.decision });
    const answerOne = (q: string): AskResult | { question: string; error: string } => {
      const req = AskRequest.safeParse({ question: q, language, answerLanguage, audience });
      if (!req.success) return { question: q.slice(0, 200), error: req.error.issues.map((i) => i.message).join("; ") };
      return engine.ask(req.data.question, { language: req.data.language, answerLanguage: req.data.answerLanguage, audience: req.data.audience });
    };

    if (text !== undefined) {
      // A bad line is an {question, error} line of the output, not a failure of the batch.
      const out: string[] = [];
      for (const line of text.split(/\r?\n/)) {
        if (line.trim() === "") continue;
        out.push(JSON.stringify(answerOne(line)));
        if (out.length >= 1000) {
          io.stdout(`${out.join("\n")}\n`);
          out.length = 0;
        }
      }
      if (out.length) io.stdout(`${out.join("\n")}\n`);
      return EXIT.ok;
    }

    const result = answerOne(positionals.join(" "));
    if ("error" in result) {
      // An empty or too long question is bad usage (2); --json still gets the contract's error object.
      if (json) io.stdout(`${JSON.stringify(result)}\n`);
      throw new UsageError(`QUESTION: ${result.error}`);
    }
    io.stdout(json ? `${JSON.stringify(result)}\n` : readable(result));
    return EXIT.ok;
  });
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

runIfMain(import.meta, main);
