/**
 * Docker does not run on these machines or in CI, so the image is never built here. This keeps the
 * Dockerfile and compose.yaml honest instead: the Dockerfile is parsed and its build commands must
 * be commands CI runs (.ci/run and scripts/test.mjs), it must be multi-stage, run as a non-root
 * user, check /health and expose the two ports; compose.yaml must parse with the expected services,
 * and the feature_store.yaml it mounts must load with Pantry's own config parser.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseRepoConfig } from "../../packages/core/src/config/repo-config";

const ROOT = resolve(import.meta.dirname, "..", "..");
// The YAML parser the engine itself uses (a dependency of @pantry/core).
const YAML = createRequire(join(ROOT, "packages", "core", "package.json"))("yaml") as typeof import("yaml");

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Dockerfile instructions: comments and blank lines dropped, `\` continuations joined. */
function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = "";
  let start = 0;
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (!pending && (line === "" || line.startsWith("#"))) return;
    if (pending && line.startsWith("#")) return;
    if (!pending) start = index + 1;
    pending += (pending ? " " : "") + line.replace(/\\$/, "").trim();
    if (line.endsWith("\\")) return;
    const match = /^(\w+)\s+([\s\S]*)$/.exec(pending);
    if (!match) throw new Error(`Dockerfile line ${start}: cannot parse '${pending}'`);
    out.push({ keyword: match[1].toUpperCase(), args: match[2].trim(), line: start });
    pending = "";
  });
  if (pending) throw new Error("Dockerfile ends inside a continued line");
  return out;
}

/** Stages by FROM: name and instructions. */
function stages(instructions: Instruction[]): { name: string; from: string; body: Instruction[] }[] {
  const out: { name: string; from: string; body: Instruction[] }[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === "FROM") {
      const [from, as, name] = instruction.args.split(/\s+/);
      out.push({ from, name: as?.toUpperCase() === "AS" ? name : String(out.length), body: [] });
    } else out.at(-1)?.body.push(instruction);
  }
  return out;
}

function shellCommands(run: string): string[] {
  return run
    .split(/&&|;/)
    .map((c) => c.trim().replace(/\s+/g, " "))
    .filter(Boolean);
}

/**
 * The pnpm and npm commands CI runs: .ci/run's lines, scripts/test.mjs's steps and the literal
 * commands of the install test (apps/cli/test/install.integration.test.ts: `pnpm release:pack`).
 */
function ciCommands(): Set<string> {
  const commands = new Set<string>();
  for (const line of readFileSync(join(ROOT, ".ci", "run"), "utf8").split("\n")) {
    const command = line.trim().replace(/\s+/g, " ");
    if (/^(pnpm|npm) /.test(command)) commands.add(command);
  }
  const testScript = readFileSync(join(ROOT, "scripts", "test.mjs"), "utf8");
  for (const [, command, args] of testScript.matchAll(/\["\w+", "(pnpm|npm)", \[([^\]]*)\]\]/g)) {
    commands.add([command, ...(JSON.parse(`[${args}]`) as string[])].join(" "));
  }
  for (const [, command, args] of INSTALL_TEST.matchAll(/execFileSync\("(pnpm|npm)", \[((?:"[^"]*",?\s*)+)\]/g)) {
    commands.add([command, ...(JSON.parse(`[${args.replace(/,\s*$/, "")}]`) as string[])].join(" "));
  }
  return commands;
}

const INSTALL_TEST = readFileSync(join(ROOT, "apps", "cli", "test", "install.integration.test.ts"), "utf8");

/**
 * `npm install --prefix <dir> ... <tarballs>`: the install test's own step (plain npm installing the
 * two tarballs `pnpm release:pack` writes), with the image's install folder.
 */
function tarballInstall(command: string): { prefix: string; tarballs: string[] } | null {
  const match = /^npm install --prefix (\S+)((?: --[\w-]+(?:=\S+)?)*) (.+)$/.exec(command);
  if (!match) return null;
  return { prefix: match[1], tarballs: match[3].split(" ") };
}

const dockerfile = parseDockerfile(readFileSync(join(ROOT, "Dockerfile"), "utf8"));
const [build, runtime] = stages(dockerfile);

describe("Dockerfile", () => {
  it("is multi-stage: a build stage and a runtime stage that copies from it", () => {
    expect(stages(dockerfile).length).toBeGreaterThanOrEqual(2);
    expect(build.name).toBe("build");
    const copies = runtime.body.filter((i) => i.keyword === "COPY" && i.args.includes("--from=build"));
    expect(copies.length).toBeGreaterThan(0);
    // The runtime stage compiles nothing: its only RUN lines are plain file-system steps.
    for (const run of runtime.body.filter((i) => i.keyword === "RUN"))
      for (const command of shellCommands(run.args)) expect(command).toMatch(/^(mkdir|chown) /);
  });

  it("builds with the commands CI runs: the install, `pnpm release:pack`, then npm installing both tarballs", () => {
    const ci = ciCommands();
    expect(ci).toContain("pnpm install --frozen-lockfile");
    expect(ci).toContain("pnpm release:pack");
    // The install test installs the packed tarballs with plain npm, as the image does.
    expect(INSTALL_TEST).toMatch(/execFileSync\("npm", \["install"[^\]]*\.\.\.TARBALLS\]/);
    const built = build.body.filter((i) => i.keyword === "RUN").flatMap((i) => shellCommands(i.args));
    expect(built.filter((c) => !/^(pnpm|npm) /.test(c))).toEqual([]);
    const installs = built.filter((c) => tarballInstall(c) !== null);
    expect(installs).toHaveLength(1);
    for (const command of built.filter((c) => !installs.includes(c)))
      expect(ci, `'${command}' is not a command CI runs`).toContain(command);
    expect(built).toContain("pnpm install --frozen-lockfile");
    expect(built).toContain("pnpm release:pack");
    const install = tarballInstall(installs[0]) as { prefix: string; tarballs: string[] };
    // Exactly the two tarballs release:pack writes (dist/pantry-<v>.tgz, dist/pantry-sdk-<v>.tgz).
    expect(install.tarballs).toEqual([expect.stringMatching(/\/dist\/pantry-\[0-9\]\*\.tgz$/), expect.stringMatching(/\/dist\/pantry-sdk-\[0-9\]\*\.tgz$/)]);
    expect(installs[0]).toContain("--omit=dev");
    // Order: sources copied, monorepo install, pack, then the npm install of the tarballs.
    const order = build.body.map((i) => `${i.keyword} ${i.args}`);
    const at = (text: string) => order.findIndex((i) => i.includes(text));
    expect(order.findIndex((i) => i.startsWith("COPY . ."))).toBeLessThan(at("pnpm install --frozen-lockfile"));
    expect(at("pnpm install --frozen-lockfile")).toBeLessThan(at("pnpm release:pack"));
    expect(at("pnpm release:pack")).toBeLessThan(at("npm install --prefix"));
    // The runtime stage takes only the installed packages (no monorepo sources).
    const copies = runtime.body.filter((i) => i.keyword === "COPY").map((i) => i.args);
    expect(copies).toEqual([expect.stringMatching(new RegExp(`--from=build .*${install.prefix} ${install.prefix}$`))]);
  });

  it("runs as a non-root user, checks /health, exposes 6566 and 3000 and starts pantry serve", () => {
    const users = runtime.body.filter((i) => i.keyword === "USER").map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(["root", "0", "0:0"]).not.toContain(users.at(-1));
    const healthcheck = runtime.body.find((i) => i.keyword === "HEALTHCHECK");
    expect(healthcheck?.args).toMatch(/CMD .*http:\/\/127\.0\.0\.1:6566\/health/);
    const exposed = runtime.body.filter((i) => i.keyword === "EXPOSE").flatMap((i) => i.args.split(/\s+/));
    expect(exposed).toEqual(expect.arrayContaining(["6566", "3000"]));
    const entrypoint = JSON.parse(runtime.body.find((i) => i.keyword === "ENTRYPOINT")?.args ?? "[]") as string[];
    const command = JSON.parse(runtime.body.find((i) => i.keyword === "CMD")?.args ?? "[]") as string[];
    expect(entrypoint[0]).toBe("node");
    // The installed package's bin (scripts/release/build.mjs declares `pantry: ./dist/cli.js`).
    const prefix = (tarballInstall(build.body.filter((i) => i.keyword === "RUN").flatMap((i) => shellCommands(i.args)).find((c) => tarballInstall(c)) ?? "") as { prefix: string }).prefix;
    expect(entrypoint[1]).toBe(`${prefix}/node_modules/pantry/dist/cli.js`);
    expect(readFileSync(join(ROOT, "scripts", "release", "build.mjs"), "utf8")).toContain('bin: { pantry: "./dist/cli.js" }');
    expect(command).toEqual(expect.arrayContaining(["serve", "--host", "0.0.0.0"]));
    expect(runtime.body.find((i) => i.keyword === "STOPSIGNAL")?.args).toBe("SIGTERM");
  });

  it("keeps the build context small (.dockerignore drops node_modules and builds)", () => {
    const ignored = readFileSync(join(ROOT, ".dockerignore"), "utf8").split("\n");
    expect(ignored).toEqual(expect.arrayContaining(["**/node_modules", "**/.next", ".git"]));
  });
});

describe("compose.yaml", () => {
  const compose = YAML.parse(readFileSync(join(ROOT, "compose.yaml"), "utf8"), { merge: true }) as {
    services: Record<
      string,
      { image?: string; build?: string; command?: string[]; volumes?: string[]; depends_on?: object }
    >;
  };

  it("has PostgreSQL, Redis, a one-off apply, the feature server and the console", () => {
    const services = compose.services;
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(["postgres", "redis", "apply", "feature-server", "console"]),
    );
    expect(services.postgres.image).toMatch(/^postgres:/);
    expect(services.redis.image).toMatch(/^redis:/);
    expect(services["feature-server"].command).toEqual(expect.arrayContaining(["serve"]));
    expect(services.console.command).toEqual(expect.arrayContaining(["ui"]));
    expect(services.apply.command).toEqual(expect.arrayContaining(["apply"]));
    for (const name of ["apply", "feature-server", "console"]) expect(services[name].build).toBe(".");
  });

  it("mounts files that exist and a feature_store.yaml that Pantry loads: PostgreSQL registry, Redis online store", () => {
    const volumes = compose.services["feature-server"].volumes ?? [];
    // Bind mounts name files of this checkout; named volumes are declared at the top level.
    for (const volume of volumes) {
      const source = volume.split(":")[0];
      if (source.startsWith(".")) expect(existsSync(join(ROOT, source)), source).toBe(true);
      else expect(Object.keys((compose as { volumes?: object }).volumes ?? {})).toContain(source);
    }
    const yamlVolume = volumes.find((v) => v.includes(":/repo/feature_store.yaml"));
    const yamlPath = join(ROOT, (yamlVolume ?? "").split(":")[0]);
    const config = parseRepoConfig(readFileSync(yamlPath, "utf8"), yamlPath);
    expect(config.registry.type).toBe("postgres");
    expect(config.onlineStore.type).toBe("redis");
    // Both point at the compose services, with the credentials the postgres service creates.
    expect(config.onlineStore).toMatchObject({ host: "redis", port: 6379 });
    // Both services listen on 0.0.0.0, where a no_auth repo is refused: the sample turns token auth on,
    // with the tokens file in a writable volume.
    expect(config.auth.type).toBe("token");
    expect(volumes).toContain("pantry-auth:/repo/auth");
    const registryUrl = new URL((config.registry as { url: string }).url);
    expect(registryUrl.hostname).toBe("postgres");
    const postgresEnv = (compose.services.postgres as { environment?: Record<string, string> }).environment ?? {};
    expect(registryUrl.username).toBe(postgresEnv.POSTGRES_USER);
    expect(registryUrl.password).toBe(postgresEnv.POSTGRES_PASSWORD);
  });
});
