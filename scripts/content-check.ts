/** `npm run content:check [-- --strict] [--dir content]`: validates the knowledge base (CONTENT_DIR unless --dir). */
import path from "node:path";
import { z } from "zod";
import { EXIT, processIo, runCommand, runIfMain, type Io } from "../src/cli/command.js";
import { loadConfig } from "../src/config.js";
import { formatProblem, hasErrors, loadKnowledgeBase } from "../src/knowledge/index.js";

const COMMAND = {
  name: "content:check",
  usage: `usage: npm run content:check [-- --strict] [--dir PATH]
  --strict   overdue reviews are errors, not warnings
  --dir      content folder (default: CONTENT_DIR, as the server uses it; else content)
  -h, --help this text
Exit codes: 0 valid (warnings allowed); 1 the content has errors; 2 bad usage or configuration.`,
  options: { strict: { type: "boolean" }, dir: { type: "string" } },
  schema: z.strictObject({
    strict: z.boolean().default(false),
    dir: z.string().min(1, "must not be empty").max(4096, "must be at most 4096 characters").optional(),
  }),
} as const;

export function main(argv: string[], io: Io = processIo()): Promise<number> {
  return runCommand(COMMAND, argv, io, (args) => {
    // Without --dir: the folder the server would serve, CONTENT_DIR read and validated like the server reads it.
    const dir = args.dir ?? loadConfig(io.env).contentDir;
    const { kb, problems } = loadKnowledgeBase(path.resolve(dir), { strict: args.strict });
    for (const p of problems) io.stderr(`${formatProblem(p)}\n`);
    const errors = problems.filter((p) => p.severity === "error").length;
    const warnings = problems.length - errors;
    const summary = `${kb.articles.length} articles, ${kb.contacts.size} contacts, ${kb.synonyms.de.length + kb.synonyms.en.length} synonym groups, ${kb.flows?.length ?? 0} flows — ${errors} error(s), ${warnings} warning(s)`;
    if (hasErrors(problems)) {
      io.stderr(`content:check: ${summary}. Fix the errors above; each line says file:line:column, the field and what is wrong.\n`);
      return EXIT.failed;
    }
    io.stdout(`content:check: ok — ${summary}\n`);
    return EXIT.ok;
  });
}

runIfMain(import.meta, main);
