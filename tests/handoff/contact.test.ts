import { describe, expect, it } from "vitest";
import { parseContact } from "../../src/handoff/contact.js";

describe("parseContact", () => {
  it.each([
    ["erika@example.org", { kind: "email", value: "erika@example.org" }],
    ["  Erika.Muster@Example.ORG ", { kind: "email", value: "erika.muster@example.org" }],
    ["0202 1234567", { kind: "phone", value: "+492021234567" }],
    ["0202/123 45-67", { kind: "phone", value: "+492021234567" }],
    ["+49 (0) 202 1234567", { kind: "phone", value: "+492021234567" }],
    ["0049 202 1234567", { kind: "phone", value: "+492021234567" }],
    ["+380 44 123 4567", { kind: "phone", value: "+380441234567" }],
    ["(0202) 1234567", { kind: "phone", value: "+492021234567" }],
  ])("reads %j", (text, contact) => {
    expect(parseContact(text)).toEqual(contact);
  });

  it.each(["", "   ", "erika", "erika@", "@example.org", "erika@example", "a b@example.org", "12345", "2021234567", "+49 12", "0202 1234567 ext. 5", "0".repeat(30), "<script>@x.org", `${"x".repeat(250)}@example.org`, "erika@exa\nmple.org"])(
    "refuses %j",
    (text) => {
      expect(parseContact(text)).toBeUndefined();
    },
  );
});
