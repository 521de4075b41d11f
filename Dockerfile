# syntax=docker/dockerfile:1
# Pantry in one image: the feature server (`pantry serve`, the default command, :6566) and the
# console (`pantry ui`, :3000, Next.js standalone output), both from the `pantry` npm package that
# `pnpm release:pack` builds, installed with plain npm as a user installs it. See compose.yaml and
# docs/PRODUCTION.md. The build runs the commands CI runs (.ci/run, scripts/test.mjs and the install
# test); scripts/test/dockerfile.test.ts checks that. Docker does not run in CI: the image itself is
# not built there.
#
#   docker build -t pantry .
#   docker run -e PANTRY_BASE_PATH=/features ... pantry ui   # the console under /features

ARG NODE_IMAGE=node:20-bookworm

# --- build: the monorepo's install, both packages packed, then installed from the tarballs -------
FROM ${NODE_IMAGE} AS build
WORKDIR /src
RUN npm install -g pnpm@10
COPY . .
RUN pnpm install --frozen-lockfile
RUN pnpm release:pack
# Native addons (better-sqlite3) compile here, against the runtime's Node.js and glibc.
RUN npm install --prefix /opt/pantry --omit=dev --no-audit --no-fund /src/dist/pantry-[0-9]*.tgz /src/dist/pantry-sdk-[0-9]*.tgz

# --- runtime: the installed packages only; no sources, no compilers, not root ----------------------
FROM ${NODE_IMAGE}-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PANTRY_SHUTDOWN_TIMEOUT_SECONDS=10
COPY --from=build --chown=node:node /opt/pantry /opt/pantry
# The feature repo is mounted at /repo (definitions, data, feature_store.yaml).
RUN mkdir -p /repo/auth && chown -R node:node /repo
USER node
WORKDIR /repo
EXPOSE 6566 3000
# SIGTERM: stop accepting, finish in-flight requests and materializations, close stores, exit 0.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:6566/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/opt/pantry/node_modules/pantry/dist/cli.js"]
CMD ["-c", "/repo", "serve", "--host", "0.0.0.0", "--port", "6566"]
