/**
 * One temp root per `vitest run`: TMPDIR points into it before the workers start, so every
 * os.tmpdir() in a test, in a CLI or server the test spawns, and in Chromium lands there, and the
 * teardown removes the lot. Roots left by runs that were killed (their process is gone) are
 * removed at the start of the next run.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const PREFIX = "lotse-test-run-";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export default function setup(): () => void {
  const parent = tmpdir();
  // Each vitest project runs the global setup: the first one's root serves the whole run.
  if (path.basename(parent).startsWith(`${PREFIX}${process.pid}-`)) return () => {};
  for (const name of readdirSync(parent)) {
    const pid = name.startsWith(PREFIX) ? Number(name.slice(PREFIX.length).split("-")[0]) : 0;
    if (pid && pid !== process.pid && !alive(pid)) rmSync(path.join(parent, name), { recursive: true, force: true });
  }
  const root = mkdtempSync(path.join(parent, `${PREFIX}${process.pid}-`));
  // tsx keeps its compile cache in tmpdir()/tsx-<uid>: link the lasting one in, so the CLIs the
  // tests spawn start warm (a cold cache costs about a second per script). rm removes the link only.
  const tsxCache = `tsx-${process.getuid?.() ?? "user"}`;
  mkdirSync(path.join(parent, tsxCache), { recursive: true });
  symlinkSync(path.join(parent, tsxCache), path.join(root, tsxCache), "dir");
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}
