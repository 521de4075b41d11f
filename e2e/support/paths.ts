import { fileURLToPath } from "node:url";

export const monorepoRoot = fileURLToPath(new URL("../..", import.meta.url));
export const webDir = fileURLToPath(new URL("../../apps/web", import.meta.url));
export const screenshotDir = fileURLToPath(new URL("../screenshots", import.meta.url));
export const e2eDir = fileURLToPath(new URL("..", import.meta.url));
