#!/usr/bin/env node
// The `pantry` command. Runs the TypeScript sources directly through tsx's loader, so a fresh
// clone needs no build step and nothing is ever stale.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
