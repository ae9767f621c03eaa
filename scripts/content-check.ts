/** `npm run content:check [-- --strict] [--dir content]`: validates the knowledge base (CONTENT_DIR unless --dir). */
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ConfigError, loadConfig } from "../src/config.js";
import { loadKnowledgeBase } from "../src/knowledge/index.js";
import { formatProblem, hasErrors } from "../src/knowledge/index.js";

const Args = z.strictObject({
  strict: z.boolean().default(false),
  dir: z.string().min(1).max(4096).optional(),
  help: z.boolean().default(false),
});

const USAGE = `usage: npm run content:check [-- --strict] [--dir PATH]
  --strict   overdue reviews are errors, not warnings
  --dir      content folder (default: CONTENT_DIR, as the server uses it; else content)`;

function main(argv: string[]): number {
  let raw;
  try {
    raw = parseArgs({ args: argv, options: { strict: { type: "boolean" }, dir: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true }).values;
  } catch (err) {
    console.error(`content:check: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const parsed = Args.safeParse(raw);
  if (!parsed.success) {
    console.error(`content:check: ${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}\n${USAGE}`);
    return 2;
  }
  if (parsed.data.help) {
    console.log(USAGE);
    return 0;
  }
  let dir = parsed.data.dir;
  if (dir === undefined) {
    // The folder the server would serve: CONTENT_DIR read and validated like the server reads it.
    try {
      dir = loadConfig().contentDir;
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      console.error(`content:check: ${err.message}`);
      return 2;
    }
  }
  const { kb, problems } = loadKnowledgeBase(path.resolve(dir), { strict: parsed.data.strict });
  for (const p of problems) (p.severity === "error" ? console.error : console.warn)(formatProblem(p));
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const summary = `${kb.articles.length} articles, ${kb.contacts.size} contacts, ${kb.synonyms.de.length + kb.synonyms.en.length} synonym groups, ${kb.flows?.length ?? 0} flows — ${errors} error(s), ${warnings} warning(s)`;
  if (hasErrors(problems)) {
    console.error(`content:check: ${summary}. Fix the errors above; each line says file:line:column, the field and what is wrong.`);
    return 1;
  }
  console.log(`content:check: ok — ${summary}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
