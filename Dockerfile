# One image per service: docker build --build-arg SERVICE=applications .
# Used by docker-compose.yml; the embedded default (npm start) does not need it.
FROM node:20-bookworm-slim AS build
ARG SERVICE
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY packages packages
COPY services services
COPY infra/launcher infra/launcher
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npx tsc -b services/${SERVICE} \
 && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
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
