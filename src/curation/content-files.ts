/**
 * The article files of CONTENT_DIR as curation writes them: atomically, and — when several nodes
 * share one database — brought up to the versions published on any node. Every node has its own
 * CONTENT_DIR on its own disk, so a publish on one node reaches the others only through the
 * versions in the database; a signal tells them to look (src/storage/signals.ts).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Logger } from "../util/logger.js";
import { sha256 } from "./article-yaml.js";
import type { DraftStore } from "./draft-store.js";
import { articleRelPath, findArticleFile } from "./validate.js";

export function contentPath(contentDir: string, rel: string): string {
  return path.join(contentDir, ...rel.split("/"));
}

/** Temp file + rename: a reader (the live reload) sees the old file or the new one, never half of it. */
export function writeContentFile(contentDir: string, rel: string, text: string): void {
  const target = contentPath(contentDir, rel);
  mkdirSync(path.dirname(target), { recursive: true });
  // In the content root, where the loader reads no unknown file; same file system as the target.
  const temp = path.join(contentDir, `.publish-${randomBytes(6).toString("hex")}.tmp`);
  writeFileSync(temp, text);
  try {
    renameSync(temp, target);
  } catch (err) {
    try {
      unlinkSync(temp);
    } catch {
      // nothing left to clean up
    }
    throw err;
  }
}

export interface AppliedVersion {
  articleId: string;
  version: number;
  /** Where it was written, relative to the content folder. */
  file: string;
  /** The article's previous file when it lay elsewhere (another area), now removed. */
  removed?: string;
}

/**
 * Writes each article's newest published version into `contentDir` where the file there is an
 * older version of it, or missing. A file matching no version at all was changed on this node
 * (a deploy, an edit by hand): it is left alone and reported, never overwritten.
 */
export async function applyPublishedVersions(store: DraftStore, contentDir: string, log?: Logger): Promise<AppliedVersion[]> {
  const applied: AppliedVersion[] = [];
  for (const [articleId, versions] of await store.versionHashes()) {
    const latest = versions[0]!;
    const target = articleRelPath(latest.area, articleId);
    const file = findArticleFile(contentDir, articleId);
    let hash: string | undefined;
    if (file) {
      hash = sha256(readFileSync(contentPath(contentDir, file.rel), "utf8"));
      if (hash === latest.contentHash && file.rel === target) continue;
      if (!versions.some((v) => v.contentHash === hash)) {
        log?.warn(
          { articleId, file: file.rel, version: latest.version, code: "curation.sync_local_change" },
          "curation: the article file on this node matches no published version; left as it is",
        );
        continue;
      }
    }
    const version = await store.version(articleId, latest.version);
    if (!version) continue;
    writeContentFile(contentDir, target, version.yaml);
    const removed = file && file.rel !== target ? file.rel : undefined;
    if (removed) rmSync(contentPath(contentDir, removed), { force: true });
    applied.push({ articleId, version: latest.version, file: target, ...(removed ? { removed } : {}) });
  }
  return applied;
}
