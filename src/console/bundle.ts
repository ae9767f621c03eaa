/**
 * The console's browser code (src/console/client/, TypeScript) bundled into one console.js with
 * esbuild: by `npm run build` into dist/, and in memory by the console plugin when it runs from
 * src/ (tests, tsx) where no prebuilt bundle exists. One definition for both.
 */
import path from "node:path";
import { build } from "esbuild";

export interface ConsoleBundle {
  js: Buffer;
  map: Buffer;
}

/** `root` is the repository (where src/console/client/main.ts lives). */
export async function bundleConsole(root: string, options: { outfile: string; write: boolean }): Promise<ConsoleBundle | undefined> {
  const result = await build({
    entryPoints: [path.join(root, "src/console/client/main.ts")],
    outfile: options.outfile,
    bundle: true,
    format: "iife",
    platform: "browser",
    // The Teams clients (Edge WebView2, the mobile webviews) are evergreen.
    target: ["es2022"],
    minify: true,
    sourcemap: true,
    legalComments: "eof",
    logLevel: "warning",
    write: options.write,
  });
  if (options.write) return undefined;
  const file = (suffix: string) => Buffer.from(result.outputFiles!.find((f) => f.path.endsWith(suffix))!.contents);
  return { js: file(".js"), map: file(".js.map") };
}
