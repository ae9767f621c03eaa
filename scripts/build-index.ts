/** `npm run build:index`: writes the serialised search indexes (with the content hash) to DATA_DIR. */
import { loadConfig } from "../src/config.js";
import { loadKnowledgeBase } from "../src/knowledge/index.js";
import { formatProblem, hasErrors } from "../src/knowledge/index.js";
import { buildIndexes, serializeIndexes } from "../src/knowledge/index.js";
import { writeIndexFile } from "../src/knowledge/index.js";

const config = loadConfig();
const started = performance.now();
const { kb, problems } = loadKnowledgeBase(config.contentDir);
if (hasErrors(problems)) {
  for (const p of problems) console.error(formatProblem(p));
  console.error("build:index: the knowledge base has errors; run npm run content:check");
  process.exit(1);
}
const file = writeIndexFile(config.dataDir, serializeIndexes(buildIndexes(kb), kb));
console.log(`build:index: ${kb.articles.length} articles → ${file} (content ${kb.contentHash.slice(0, 12)}, ${Math.round(performance.now() - started)} ms)`);
