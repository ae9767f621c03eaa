/** What `npm start` runs: the esbuild compile, then the compiled server on the embedded defaults. */
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/run.js";

describe("npm start", () => {
  it("compiles the server and serves questions from dist/", async () => {
    execFileSync(process.execPath, [path.join(ROOT, "scripts/build.mjs")], { cwd: ROOT });
    const child = spawn(process.execPath, ["dist/src/server/main.js"], {
      cwd: ROOT,
      env: { ...process.env, PORT: "0", DATA_DIR: mkdtempSync(path.join(tmpdir(), "lotse-start-")), LOG_LEVEL: "info" },
    });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d) => {
          out += d;
          const m = out.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
          if (m) resolve(m[1]!);
        });
        child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${out}`)));
      });
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const res = await fetch(`${base}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: "Was ist eine Einstiegsqualifizierung?" }) });
      expect((await res.json()).answer.id).toBe("einstiegsqualifizierung");
      expect((await fetch(`${base}/console`)).status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
