/** Runs the `pantry` CLI as a user does: a real process, in a folder, without colors. */
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const BIN = resolve(dirname(fileURLToPath(import.meta.url)), "../bin/pantry.mjs");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function pantry(args: string[], cwd: string): CliRun {
  const result = spawnSync("node", [BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
