# syntax=docker/dockerfile:1
# Pantry in one image: the feature server (`pantry serve`, the default command, :6566) and the
# console (`pantry ui`, :3000), both from the same build. See compose.yaml and docs/PRODUCTION.md.
# The build runs the commands CI runs (.ci/run, scripts/test.mjs); scripts/test/dockerfile.test.ts
# checks that. Docker does not run in CI: the image itself is not built there.
#
#   docker build -t pantry .                                       # console at /
#   docker build -t pantry --build-arg PANTRY_BASE_PATH=/features .  # console under /features

ARG NODE_IMAGE=node:20-bookworm

# --- build: install (native addons compile here), then the console's production build -------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
RUN npm install -g pnpm@10
COPY . .
RUN pnpm install --frozen-lockfile
# Next.js bakes the base path into the build; the runtime stage keeps the same value.
ARG PANTRY_BASE_PATH=""
ENV PANTRY_BASE_PATH=${PANTRY_BASE_PATH} PANTRY_NEXT_DIST_DIR=.next NEXT_TELEMETRY_DISABLED=1
RUN pnpm --filter @pantry/web build

# --- runtime: the same Node.js and glibc as the build (native addons), no compilers, not root ----
FROM ${NODE_IMAGE}-slim AS runtime
ARG PANTRY_BASE_PATH=""
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PANTRY_BASE_PATH=${PANTRY_BASE_PATH} \
    PANTRY_NEXT_DIST_DIR=.next \
    PANTRY_SHUTDOWN_TIMEOUT_SECONDS=10
WORKDIR /app
COPY --from=build --chown=node:node /app /app
# The feature repo is mounted at /repo (definitions, data, feature_store.yaml).
RUN mkdir -p /repo && chown node:node /repo
USER node
EXPOSE 6566 3000
# SIGTERM: stop accepting, finish in-flight requests and materializations, close stores, exit 0.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:6566/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/app/apps/cli/bin/pantry.mjs"]
CMD ["-c", "/repo", "serve", "--host", "0.0.0.0", "--port", "6566"]
