/**
 * Runs before every test file. vitest runs a file's afterAll hooks in reverse order, so this one,
 * registered first, runs last: every server the file started has closed before its data directory goes.
 */
import { afterAll } from "vitest";
import { removeTempDirs } from "../helpers/temp.js";

afterAll(removeTempDirs);
