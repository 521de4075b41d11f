/**
 * Fixtures that live in the sibling `../shared` folder (the Feast credit-scoring demo and its
 * registry), outside the repository. Locally, a missing one skips the tests that need it; in CI
 * (CI=true) or with PANTRY_REQUIRE_FIXTURES=1 a missing one fails the run instead of skipping.
 */
import { existsSync } from "node:fs";

export function sharedFixturePresent(path: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (existsSync(path)) return true;
  const required = ["true", "1"].includes((env.CI ?? "").toLowerCase()) || env.PANTRY_REQUIRE_FIXTURES === "1";
  if (required) {
    throw new Error(
      `the test fixture ${path} is missing; it comes from the shared folder beside the repository (../shared): put it there, or unset CI / PANTRY_REQUIRE_FIXTURES to skip these tests`,
    );
  }
  return false;
}
