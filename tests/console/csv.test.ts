import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "../../src/console/csv.js";

describe("csvCell", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['er sagte "ja"', '"er sagte ""ja"""'],
    ["zwei\nZeilen", '"zwei\nZeilen"'],
    ["=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""],
    ["+49 202 123", "\"'+49 202 123\""],
    ["-1+1", "\"'-1+1\""],
    ["@SUM(A1)", "\"'@SUM(A1)\""],
    ["\tTAB", "\"'\tTAB\""],
    ["", ""],
  ])("%j → %s", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("leaves numbers, booleans and empty values alone", () => {
    expect([csvCell(-3), csvCell(12), csvCell(true), csvCell(null), csvCell(undefined)]).toEqual(["-3", "12", "true", "", ""]);
  });
});

describe("toCsv", () => {
  it("writes a BOM, a header and CRLF lines", () => {
    expect(toCsv(["a", "b"], [["x", 1], ["=y", 2]])).toBe("\uFEFFa,b\r\nx,1\r\n\"'=y\",2\r\n");
  });
});
