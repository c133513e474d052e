# syntax=docker/dockerfile:1
# One image recipe for all six services; the build argument SERVICE picks one:
#   docker build --build-arg SERVICE=subgraphs/users --build-arg PORT=8001 -t herald-users .
# SERVICE is the workspace directory (gateway, subgraphs/users, subgraphs/templates,
# subgraphs/notifications, workers/email, workers/push); PORT is its HTTP port (health checks).
# Needs BuildKit (the default builder since Docker 23) for the npm cache mounts.

# Node 26 is the active LTS (Node 20 reached end of life in April 2026). The major is pinned and
# the minor floats, so a rebuild takes the line's security releases; Debian 13 (trixie) is the
# default base of the Node 26 images.
ARG NODE_IMAGE=node:26-trixie-slim

# ---- build: every dependency, then tsc -b of the service and the projects it references ----
FROM ${NODE_IMAGE} AS build
ARG SERVICE
# A failing command on the left of a pipe fails the build (hadolint DL4006).
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
# Compile the service, then collect what the runtime stage needs: every workspace manifest, found
# rather than listed, so a new workspace never breaks npm ci's check against the lock; the
# compiled output; the .proto files (read at run time); the schemas; for the gateway, the
# console's static build, which it serves at /console (CONSOLE_DIR defaults to /app/console/dist).
RUN test -n "${SERVICE}" && test -f "${SERVICE}/tsconfig.json" \
 && npx tsc -b "${SERVICE}" \
 && { [ "${SERVICE}" != gateway ] || [ ! -f console/package.json ] || { npx tsc -b packages/client && npm run build --workspace console; }; } \
 && mkdir /out \
 && { find . -name package.json -not -path '*/node_modules/*' -printf '%P\n' \
      && printf '%s\n' package-lock.json proto/dist proto/herald "${SERVICE}/dist" gateway/supergraph.graphql \
      && { [ "${SERVICE}" != gateway ] || [ ! -d console/dist ] || echo console/dist; } \
      && find packages -mindepth 2 -maxdepth 2 -name dist \
      && find subgraphs -mindepth 2 -maxdepth 2 -name schema.graphql; } \
    | tar -cf - --verbatim-files-from -T - | tar -xf - -C /out \
 && find /out -name '*.tsbuildinfo' -delete

# ---- runtime: production dependencies of this one workspace, compiled code, non-root ----
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ARG PORT=8000
ENV NODE_ENV=production \
    PORT=${PORT}
WORKDIR /app
COPY --from=build /out/ ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund \
      --workspace "${SERVICE}" --include-workspace-root=false
# The service runs from its own directory: workers write their dev outboxes under ./var.
WORKDIR /app/${SERVICE}
RUN mkdir -p var && chown node:node var
USER node
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
