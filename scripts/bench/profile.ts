/** Condenses a V8 CPU profile (.cpuprofile) into the functions that dominate it. */
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Sampled time not idle (the thread was doing something). */
  busyMs: number;
  /** Functions by own time (where the CPU actually was). */
  self: { fn: string; ms: number; share: number }[];
  /** Functions by inclusive time (own plus callees), one entry per function. */
  total: { fn: string; ms: number; share: number }[];
  /** Own time per package (node_modules), source file or V8/Node category. */
  byModule: { module: string; ms: number; share: number }[];
}

function moduleOf(n: ProfileNode): string {
  const url = n.callFrame.url;
  if (!url) return n.callFrame.functionName.startsWith("(") ? n.callFrame.functionName : "(native)";
  if (url.startsWith("node:")) return "(node internals)";
  const nm = url.match(/\/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (nm) return nm[1]!;
  const i = url.indexOf("/src/");
  if (i >= 0) return url.slice(i + 1);
  const s = url.indexOf("/scripts/");
  return s >= 0 ? url.slice(s + 1) : path.basename(url);
}

function label(n: ProfileNode): string {
  const { functionName, url, lineNumber } = n.callFrame;
  const file = url ? path.basename(url.replace(/^file:\/\//, "")) : "";
  const where = url.includes("/node_modules/") ? url.replace(/^.*\/node_modules\//, "").split("/").slice(0, 1)[0] + "/" + file : file;
  // tsx-compiled sources report line 0; only show lines that mean something.
  const line = lineNumber > 0 ? `:${lineNumber + 1}` : "";
  return `${functionName || "(anonymous)"}${where ? ` ${where}${line}` : ""}`;
}

export function summarizeProfile(profile: CpuProfile, file: string, top = 12): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Time per node from the samples (more precise than hitCount × interval).
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const dt = deltas[i + 1] ?? deltas[i] ?? 0;
    selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + dt);
  }
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;

  const selfByFn = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const fn = label(byId.get(id)!);
    selfByFn.set(fn, (selfByFn.get(fn) ?? 0) + us);
  }
  // Inclusive time per function, counting a function once per stack (recursion-safe).
  const inclusive = new Map<string, number>();
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const fn = label(byId.get(cur)!);
      if (seen.has(fn)) continue;
      seen.add(fn);
      inclusive.set(fn, (inclusive.get(fn) ?? 0) + us);
    }
  }
  const rows = (m: Map<string, number>, skip = /^\((root|program|idle)\)/) =>
    [...m]
      .filter(([fn]) => !skip.test(fn))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, us]) => ({ fn, ms: Math.round(us / 100) / 10, share: Math.round((us / totalUs) * 1000) / 1000 }));
  const byModuleUs = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const m = moduleOf(byId.get(id)!);
    byModuleUs.set(m, (byModuleUs.get(m) ?? 0) + us);
  }
  const byModule = rows(byModuleUs, /^\((root|idle)\)/).map(({ fn, ms, share }) => ({ module: fn, ms, share }));
  const idleUs = [...selfUs].filter(([id]) => byId.get(id)!.callFrame.functionName === "(idle)").reduce((a, [, us]) => a + us, 0);
  return { file, totalMs: Math.round(totalUs / 1000), busyMs: Math.round((totalUs - idleUs) / 1000), self: rows(selfByFn), total: rows(inclusive), byModule };
}
