// Compiles the server (src/, bot/) to plain JavaScript in dist/, file by file, so `npm start`
// runs without a TypeScript loader: the loader alone cost more than a second at every start.
// Plain .mjs on purpose: it must run before anything is compiled.
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build, transform } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, "dist");
const sources = ["src", "bot"].flatMap((dir) =>
  readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    // The console's browser code is bundled into one console.js below, not compiled for node.
    .filter((file) => !file.startsWith(path.join(root, "src/console/client") + path.sep)),
);

rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: sources,
  outdir: out,
  outbase: root,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
});
// Files the code reads next to itself.
for (const dir of ["bot/locales", "src/console/public", "src/widget/public", "src/widget/vendor"]) cpSync(path.join(root, dir), path.join(out, dir), { recursive: true });
// The widget's browser scripts, minified in dist/ (src/ stays readable): widget.js is loaded by
// every visitor of every partner page, and drops from about 7 KB to 4.5 KB.
for (const file of ["src/widget/public/widget.js", "src/widget/public/chat.js"]) {
  const target = path.join(out, file);
  const { code } = await transform(readFileSync(target, "utf8"), { minify: true, target: "es2017", legalComments: "inline" });
  writeFileSync(target, code);
}
// The console's browser code (src/console/client/*.ts) as one minified console.js next to the page,
// bundled by the module the server uses when it runs from src/ (now compiled in dist/).
const { bundleConsole } = await import(pathToFileURL(path.join(out, "src/console/bundle.js")).href);
await bundleConsole(root, { outfile: path.join(out, "src/console/public/console.js"), write: true });
console.log(`build: ${sources.length} files → dist/, console.js bundled`);
