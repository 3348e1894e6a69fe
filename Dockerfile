# Textback: one image for the web and worker processes (ROLE=web | worker | all).
#   docker build -t textback .
#   docker run -p 3000:3000 -v textback-data:/data textback          # SQLite in the volume
# compose.yaml runs web + worker + PostgreSQL. .ci/run runs these same commands (npm ci, npm prune,
# node dist/src/main.js) against PostgreSQL and checks /readyz, since CI machines cannot build images.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be downloaded.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY . .
# Installs from the lockfile and builds server and dashboard (the package's `prepare` step).
RUN npm ci --no-audit --no-fund
# The runtime needs no dev dependency (TypeScript, Vite, test tools).
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    DATABASE_URL=sqlite:/data/textback.sqlite
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The operator CLI in the same image: docker compose exec web node dist/src/cli/main.js --help
CMD ["node", "dist/src/main.js"]
