# syntax=docker/dockerfile:1
# mock-idp: a stand-in for Cognito and the App Services Custom JWT login, for tests only.
# Anyone who can reach it can mint tokens for its pools. See docs/guides/docker-compose.md.
#
#   docker build -t mock-idp .                     # the server (the last stage, "runtime")
#   docker build -t mock-idp-consumer --target consumer .   # the example consumer suite

# ---- build: every dependency, then compile TypeScript to dist/ and bundle the CLI (dist/cli-bundle)
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: "prepare" would build before src/ is here (the next lines build). No dependency
# downloads anything at install: mongodb-memory-server-core fetches a mongod only when the server
# first opens the embedded store (not with MONGODB_URI, as in docker-compose.yml, or MOCK_IDP_STORE=memory).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

# ---- consumer: the example integration suite (test/compose/consumer), run against the idp service.
# It keeps the dev dependencies (realm-web) and imports mock-idp/verifier from the built dist/.
FROM build AS consumer
COPY test/compose/consumer ./test/compose/consumer
USER node
ENV IDP_URL=http://idp:4455
CMD ["node", "--test", "test/compose/consumer/consumer.test.mjs"]

# ---- runtime: production dependencies, the compiled server, the default fixtures
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# --ignore-scripts: "prepare" builds, which needs the dev dependencies; dist/ comes from the build stage.
# The optional dependencies stay: --tls needs them.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
# The teaching page at GET / (its HTML, CSS and matrix; its scripts are in dist/page).
COPY page ./page
# The default pools, users and App Services apps. Not fixtures/keys: those test-only private
# keys serve keys.seedFile in this repository's tests; the image generates keys at start, or
# keeps them in MOCK_IDP_KEYS_FILE (mount your own file there for reproducible tokens).
COPY fixtures/config.json fixtures/users.json ./fixtures/
COPY fixtures/app-services ./fixtures/app-services
# Mount a volume here and set MOCK_IDP_KEYS_FILE=/data/keys.json so keys survive restarts.
RUN mkdir /data && chown node:node /data
VOLUME /data
USER node
# Configure with MOCK_IDP_* variables (docs/reference/configuration.md) or a mounted config file
# named by MOCK_IDP_CONFIG. Listen on every interface of the container, on 4455.
ENV MOCK_IDP_HOST=0.0.0.0 MOCK_IDP_PORT=4455
# No key reservoir: a container's cache folder does not outlive it, so refilling one would only spend CPU.
ENV MOCK_IDP_KEY_RESERVOIR=false
EXPOSE 4455
# No curl in slim images: Node's fetch asks GET /health (200 once every pool has signing keys).
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.MOCK_IDP_PORT || 4455) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "bin/mock-idp.js", "serve"]
