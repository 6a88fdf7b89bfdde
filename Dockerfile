# syntax=docker/dockerfile:1
# One image for every role; compose.yaml picks the role by its command:
#   web        (this image's CMD)      node --import tsx scripts/web-server.ts -H 0.0.0.0 -p 3000
#   sidecar                            node --import tsx realtime/main.ts
#   migrations (one-shot, exits 0)     node --import tsx db/migrate.ts
# Every setting comes from the environment (config/*.ts); nothing secret is baked in.
# test/deploy*.test.ts checks this file and runs these commands as plain processes.

# Node 20 on glibc: the uWebSockets.js build ships native binaries for Node 20 (glibc, not musl/alpine).
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN node node_modules/next/dist/bin/next build \
 && rm -rf .next/cache \
 && npm prune --omit=dev --no-audit --no-fund

# Only what runs: production packages, the Next.js build, and the TypeScript the
# processes load through tsx (web server wrapper, sidecar, migrations, shared code).
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
COPY --from=build /app/package.json /app/next.config.ts /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/config ./config
COPY --from=build /app/db ./db
COPY --from=build /app/lib ./lib
COPY --from=build /app/protocol ./protocol
COPY --from=build /app/realtime ./realtime
COPY --from=build /app/scripts ./scripts
# Next.js writes its runtime cache here: the one folder the app user owns.
COPY --from=build --chown=node:node /app/.next ./.next
# The image's own unprivileged user (uid 1000); nothing in /app is writable but .next.
USER node
EXPOSE 3000 3001
CMD ["node", "--import", "tsx", "scripts/web-server.ts", "-H", "0.0.0.0", "-p", "3000"]
