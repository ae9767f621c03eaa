/**
 * How a person who asked for a navigator can be reached: an e-mail address or a phone number,
 * validated and normalised so that a GDPR request finds the same person however they typed it.
 */
import { z } from "zod";

export const CONTACT_KINDS = ["email", "phone"] as const;
export const ContactKind = z.enum(CONTACT_KINDS);
export type ContactKind = z.infer<typeof ContactKind>;

export const Contact = z.object({
  kind: ContactKind,
  /** Normalised: e-mail lower-cased, phone as `+` and digits. */
  value: z.string().min(3).max(254),
});
export type Contact = z.infer<typeof Contact>;

const EmailAddress = z.email().max(254);

/** Digits of a phone number; shorter ones are extensions or typos, longer ones are not E.164. */
const MIN_PHONE_DIGITS = 6;
const MAX_PHONE_DIGITS = 15;

/** What people type into a phone field: digits, +, spaces, dots, slashes, dashes, brackets. */
const PHONE_SHAPE = /^\+?[\d\s./()-]+$/;

/** The country code assumed for numbers written with a national trunk prefix (0202 …). */
const DEFAULT_COUNTRY_CODE = "49";

export function normalisePhone(text: string): string | undefined {
  const trimmed = text.trim();
  if (!PHONE_SHAPE.test(trimmed)) return undefined;
  // "+49 (0) 202 …" is a common German way of writing the optional trunk prefix.
  let digits = trimmed.replace(/\(0\)/g, "").replace(/\D/g, "");
  if (trimmed.startsWith("+")) digits = `+${digits}`;
  else if (digits.startsWith("00")) digits = `+${digits.slice(2)}`;
  else if (digits.startsWith("0")) digits = `+${DEFAULT_COUNTRY_CODE}${digits.slice(1)}`;
  else return undefined;
  const count = digits.length - 1;
  if (count < MIN_PHONE_DIGITS || count > MAX_PHONE_DIGITS) return undefined;
  return digits;
}

/** An e-mail address or phone number typed by a person, or undefined when it is neither. */
export function parseContact(text: string): Contact | undefined {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > 254) return undefined;
  if (trimmed.includes("@")) {
    const email = EmailAddress.safeParse(trimmed);
    return email.success ? { kind: "email", value: email.data.toLowerCase() } : undefined;
  }
  const phone = normalisePhone(trimmed);
  return phone ? { kind: "phone", value: phone } : undefined;
}
