/** The version of the `pantry` and `@pantry/sdk` packages (apps/cli/package.json; checked by a test). */
export const VERSION = "0.1.0";
