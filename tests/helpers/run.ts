/**
 * Runs one of our CLIs as a user would: in-process through its exported `main` (fast; most cases),
 * or as a real process through tsx (one smoke test per CLI: the file runs `main` when executed,
 * the exit code reaches the shell, stdout holds only the result).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import type { Io } from "../../src/cli/command.js";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export type Main = (argv: string[], io?: Io) => number | Promise<number>;

/** `main(args)` with captured output; `env` is all the configuration it sees (plus LOG_LEVEL=silent). */
export async function runMain(main: Main, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult & { code: number }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { LOG_LEVEL: "silent", ...env },
  });
  return { code, stdout, stderr };
}

export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}, input?: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [path.join(ROOT, "scripts", script), ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "silent", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}
