/**
 * `npm run vendor:webchat -- [--version 4.18.1]`
 * Vendors Bot Framework Web Chat for the web widget: fetches the package tarball with `npm pack`,
 * checks it against the integrity the npm registry publishes, and writes dist/webchat.js (as
 * webchat-VERSION.js), its license files and webchat.json (version, sha384) to src/widget/vendor/.
 * The package is never installed: with React it would pull about 480 MB into node_modules, and
 * the browser needs only this one self-contained file. Commit the result.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { z } from "zod";
import { EXIT, Failure, processIo, runCommand, runIfMain, type Io } from "../src/cli/command.js";
import { sha384Base64, VendoredWebChat } from "../src/widget/vendor.js";

const PACKAGE = "botframework-webchat";
const COMMAND = {
  name: "vendor-webchat",
  usage: `usage: npm run vendor:webchat -- [--version X.Y.Z]
  --version  the botframework-webchat version to vendor (default 4.18.1)
  -h, --help this text
Exit codes: 0 vendored; 1 the registry or the tarball failed a check (nothing changed); 2 bad usage.`,
  options: { version: { type: "string" } },
  schema: z.strictObject({ version: z.string().regex(/^\d+\.\d+\.\d+$/, "must be an exact version such as 4.18.1").default("4.18.1") }),
} as const;
const VENDOR_DIR = path.resolve(import.meta.dirname, "../src/widget/vendor");
/** The files taken from the tarball, under their names in the tarball. */
const BUNDLE = "package/dist/webchat.js";
const NOTICES = "package/dist/webchat.js.LICENSE.txt";
const MANIFEST = "package/package.json";

/** An ssri string ("sha512-BASE64 [more]") holds for a tarball when every hash it names matches. */
export function checkIntegrity(tarball: Buffer, integrity: string): void {
  const entries = integrity.trim().split(/\s+/).map((e) => /^(sha256|sha384|sha512)-([A-Za-z0-9+/=]+)$/.exec(e));
  if (!entries.length || entries.some((e) => !e)) throw new Failure(`the registry's integrity "${integrity}" is not an sha256/384/512 SRI string`);
  for (const [, algorithm, expected] of entries as RegExpExecArray[]) {
    const actual = createHash(algorithm!).update(tarball).digest("base64");
    if (actual !== expected) throw new Failure(`the tarball's ${algorithm} is ${actual}, the registry says ${expected} — not vendoring it`);
  }
}

/** The regular files of a (ustar) tar archive; enough for npm tarballs, no tar program needed. */
export function untar(archive: Buffer, wanted: ReadonlySet<string>): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const field = (block: Buffer, start: number, length: number) => block.subarray(start, start + length).toString("utf8").replace(/\0.*$/s, "");
  for (let offset = 0; offset + 512 <= archive.length; ) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const prefix = field(header, 345, 155);
    const name = prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100);
    const size = parseInt(field(header, 124, 12).trim() || "0", 8);
    const type = field(header, 156, 1) || "0";
    if (type === "0" && wanted.has(name)) files.set(name, Buffer.from(archive.subarray(offset + 512, offset + 512 + size)));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

const MIT = (copyright: string) => `MIT License

${copyright}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;

function npm(args: string[], cwd?: string): string {
  return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
}

export function main(argv: string[], io: Io = processIo()): Promise<number> {
  return runCommand(COMMAND, argv, io, ({ version }) => vendor(version, io));
}

function vendor(version: string, io: Io): number {
  const spec = `${PACKAGE}@${version}`;
  const integrity = z.string().parse(JSON.parse(npm(["view", spec, "dist.integrity", "--json"])));
  const work = mkdtempSync(path.join(tmpdir(), "lotse-webchat-"));
  try {
    const [packed] = z.array(z.object({ filename: z.string() })).parse(JSON.parse(npm(["pack", spec, "--json", "--pack-destination", work], work)));
    const tarball = readFileSync(path.join(work, packed!.filename));
    checkIntegrity(tarball, integrity);
    const files = untar(gunzipSync(tarball), new Set([BUNDLE, NOTICES, MANIFEST]));
    const bundle = files.get(BUNDLE);
    const pkg = files.get(MANIFEST);
    if (!bundle || !pkg) throw new Failure(`${spec} has no dist/webchat.js`);
    const { license, author } = z.object({ license: z.string(), author: z.string() }).parse(JSON.parse(pkg.toString("utf8")));
    if (license !== "MIT") throw new Failure(`${spec} is licensed "${license}", not MIT — check before vendoring it`);

    // One version at a time: the old bundle and its notices go.
    for (const old of readdirSync(VENDOR_DIR).filter((f) => /^webchat-\d+\.\d+\.\d+\.js(\.LICENSE\.txt)?$/.test(f))) unlinkSync(path.join(VENDOR_DIR, old));
    const file = `webchat-${version}.js`;
    writeFileSync(path.join(VENDOR_DIR, file), bundle);
    // The package ships no LICENSE file; package.json says MIT, by the author it names.
    writeFileSync(path.join(VENDOR_DIR, "LICENSE"), MIT(`Copyright (c) ${author}.\n\n(${spec}, "license": "MIT" in its package.json)`));
    const notices = files.get(NOTICES);
    if (notices) writeFileSync(path.join(VENDOR_DIR, `${file}.LICENSE.txt`), notices);
    const meta = VendoredWebChat.parse({ package: PACKAGE, version, file, bytes: bundle.length, sha384: sha384Base64(bundle), tarballIntegrity: integrity });
    writeFileSync(path.join(VENDOR_DIR, "webchat.json"), `${JSON.stringify(meta, null, 2)}\n`);
    io.stdout(`vendor-webchat: ${spec} → src/widget/vendor/${file} (${bundle.length} bytes, sha384-${meta.sha384})\n`);
    return EXIT.ok;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// Importable (for its helpers) without vendoring anything.
runIfMain(import.meta, main);
