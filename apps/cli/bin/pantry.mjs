#!/usr/bin/env node
// The `pantry` command. Runs the TypeScript sources directly through tsx's loader, so a fresh
// clone needs no build step and nothing is ever stale.
import { register } from "tsx/esm/api";

// `pnpm pantry ...` runs scripts from the workspace root; act in the folder the user typed it in.
if (process.env.npm_lifecycle_event === "pantry" && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

register();
await import("../src/main.ts");
