/**
 * Teams' rules for the two app icons, which no JSON schema checks: the color icon is a
 * 192×192 PNG, the outline icon a 32×32 PNG that is white on a transparent background.
 */
import { inflateSync } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
  idat: Buffer;
}

function readPng(buf: Buffer): Png | undefined {
  if (buf.length < 33 || !buf.subarray(0, 8).equals(SIGNATURE) || buf.toString("latin1", 12, 16) !== "IHDR") return undefined;
  const idat: Buffer[] = [];
  for (let at = 8; at + 12 <= buf.length; ) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString("latin1", at + 4, at + 8);
    if (type === "IDAT") idat.push(buf.subarray(at + 8, at + 8 + len));
    if (type === "IEND") break;
    at += 12 + len;
  }
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), bitDepth: buf[24]!, colorType: buf[25]!, interlace: buf[28]!, idat: Buffer.concat(idat) };
}

/** RGBA pixels of an 8-bit RGBA, non-interlaced PNG (what the outline icon must be to have alpha). */
function rgba(png: Png): Buffer {
  const stride = png.width * 4;
  const raw = inflateSync(png.idat);
  const out = Buffer.alloc(stride * png.height);
  for (let y = 0; y < png.height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = out.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? out.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? row[x - 4]! : 0;
      const b = prev[x]!;
      const c = x >= 4 ? prev[x - 4]! : 0;
      let p = 0;
      if (filter === 1) p = a;
      else if (filter === 2) p = b;
      else if (filter === 3) p = (a + b) >> 1;
      else if (filter === 4) {
        const e = a + b - c;
        const [pa, pb, pc] = [Math.abs(e - a), Math.abs(e - b), Math.abs(e - c)];
        p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      row[x] = (line[x]! + p) & 0xff;
    }
  }
  return out;
}

export function checkIcons(icons: { color: Buffer; outline: Buffer }, names = { color: "color.png", outline: "outline.png" }): string[] {
  const errors: string[] = [];
  const color = readPng(icons.color);
  if (!color) errors.push(`${names.color}: is not a PNG file`);
  else if (color.width !== 192 || color.height !== 192) errors.push(`${names.color}: must be 192×192 pixels, is ${color.width}×${color.height}`);

  const outline = readPng(icons.outline);
  if (!outline) return [...errors, `${names.outline}: is not a PNG file`];
  if (outline.width !== 32 || outline.height !== 32) return [...errors, `${names.outline}: must be 32×32 pixels, is ${outline.width}×${outline.height}`];
  if (outline.colorType !== 6 || outline.bitDepth !== 8 || outline.interlace !== 0) return [...errors, `${names.outline}: must be an 8-bit RGBA PNG (white on transparent), not interlaced`];
  let pixels: Buffer;
  try {
    pixels = rgba(outline);
  } catch {
    return [...errors, `${names.outline}: its image data cannot be read`];
  }
  let transparent = 0;
  let coloured = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i + 3] === 0) transparent++;
    else if (pixels[i] !== 255 || pixels[i + 1] !== 255 || pixels[i + 2] !== 255) coloured++;
  }
  if (coloured) errors.push(`${names.outline}: must be white on transparent; ${coloured} visible pixels are not white`);
  if (!transparent) errors.push(`${names.outline}: must have a transparent background`);
  return errors;
}
