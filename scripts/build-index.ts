/** `npm run build:index`: writes the serialised search indexes (with the content hash) to DATA_DIR. */
import { z } from "zod";
import { EXIT, processIo, runCommand, runIfMain, type Io } from "../src/cli/command.js";
import { loadConfig } from "../src/config.js";
import { buildIndexes, formatProblem, hasErrors, loadKnowledgeBase, serializeIndexes, writeIndexFile } from "../src/knowledge/index.js";

const COMMAND = {
  name: "build:index",
  usage: `usage: npm run build:index
Writes the search indexes of CONTENT_DIR to DATA_DIR/search-index.json; the server loads them when the content hash matches.
Exit codes: 0 written; 1 the knowledge base has errors (nothing written); 2 bad usage or configuration.`,
  options: {},
  schema: z.strictObject({}),
} as const;

export function main(argv: string[], io: Io = processIo()): Promise<number> {
  return runCommand(COMMAND, argv, io, () => {
    const config = loadConfig(io.env);
    const started = performance.now();
    const { kb, problems } = loadKnowledgeBase(config.contentDir);
    if (hasErrors(problems)) {
      for (const p of problems) io.stderr(`${formatProblem(p)}\n`);
      io.stderr("build:index: the knowledge base has errors; run npm run content:check\n");
      return EXIT.failed;
    }
    const file = writeIndexFile(config.dataDir, serializeIndexes(buildIndexes(kb), kb));
    io.stdout(`build:index: ${kb.articles.length} articles → ${file} (content ${kb.contentHash.slice(0, 12)}, ${Math.round(performance.now() - started)} ms)\n`);
    return EXIT.ok;
  });
}

runIfMain(import.meta, main);
