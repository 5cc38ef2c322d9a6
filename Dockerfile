# One image per service (and the portal): docker build --build-arg SERVICE=applications .
# Used by docker-compose.yml and the Helm chart (infra/helm); the embedded default (npm start) does not need it.
# Node.js 22 LTS; the code also runs on 20.19+ (package.json engines), e.g. --build-arg NODE_VERSION=20.
ARG NODE_VERSION=22
FROM node:${NODE_VERSION}-bookworm-slim AS build
ARG SERVICE
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY packages packages
COPY services services
COPY infra/launcher infra/launcher
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npx tsc -b services/${SERVICE} \
 && if [ "${SERVICE}" = portal ]; then node services/portal/web/scripts/build.mjs; fi \
 && npm prune --omit=dev --ignore-scripts

FROM node:${NODE_VERSION}-bookworm-slim
ARG SERVICE
ENV NODE_ENV=production \
    SERVICE=${SERVICE} \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app /app
# Local signing keys live in a volume shared by the services (docker-compose.yml).
RUN mkdir -p /keys && chown node:node /keys
USER node
CMD ["sh", "-c", "exec node --enable-source-maps services/${SERVICE}/dist/main.js"]
