/** Problems found in the knowledge base, reported as `file:line:col path: message`. */
export type Severity = "error" | "warning";

export interface Problem {
  severity: Severity;
  /** Path relative to the project root (or the content root's parent), for people to open. */
  file: string;
  line: number;
  col: number;
  /** Dotted path inside the file, e.g. `de.answer`; empty for the file as a whole. */
  path: string;
  message: string;
  /** Stable machine-readable code, e.g. `schema`, `dangling-related`, `review-overdue`. */
  code: string;
}

export function formatProblem(p: Problem): string {
  const where = `${p.file}:${p.line}:${p.col}`;
  const label = p.severity === "warning" ? "warning: " : "";
  return p.path ? `${where} ${p.path}: ${label}${p.message}` : `${where} ${label}${p.message}`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}
