/** @pantry/db/testing: a throwaway PostgreSQL database per test, on the local server. */
export { assertLocal, createTestDatabase } from "./postgres";
