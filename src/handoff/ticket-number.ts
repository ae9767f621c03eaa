/**
 * Ticket numbers as people read and say them ("L-0042"): the one place that formats and parses
 * them. Zod-free and dependency-free, so the service, the Teams cards, the webhook and the API
 * all print the same number.
 */

/** 42 → "L-0042"; five digits and more stay as they are (12345 → "L-12345"). */
export function formatTicketNumber(id: number): string {
  return `L-${String(id).padStart(4, "0")}`;
}

/** "L-0042", "l-42", "#42", "42" → 42; anything else → undefined. */
export function parseTicketNumber(text: string): number | undefined {
  const m = /^\s*(?:L-|#)?0*(\d{1,9})\s*$/i.exec(text);
  const id = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
