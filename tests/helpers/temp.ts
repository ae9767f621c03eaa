/**
 * Temporary directories for tests. Each one is removed when its test file has finished (see
 * tests/setup/temp-dirs.ts): after the file's own afterAll hooks, so a server that still uses
 * the directory has closed first.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const created = new Set<string>();

/** A fresh directory named `lotse-<name>-XXXXXX` under the OS temp dir (the run's own, see tests/setup/global.ts). */
export function tempDir(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `lotse-${name}-`));
  created.add(dir);
  return dir;
}

/** Removes every directory tempDir made in this worker so far. */
export function removeTempDirs(): void {
  for (const dir of created) {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    created.delete(dir);
  }
}
