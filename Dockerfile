# syntax=docker/dockerfile:1
# The production image: the build command and the nginx config the tests
# run (make build; nginx/nginx.conf), on Debian's nginx with the brotli module.

# 1. JavaScript dependencies, from package-lock.json, as make installs them.
FROM node:20.20.2-bookworm-slim AS deps
WORKDIR /src
COPY package.json package-lock.json ./
COPY web/bridge/package.json web/bridge/
COPY web/vite/package.json web/vite/
COPY scripts/deps.sh scripts/
RUN ./scripts/deps.sh npm

# 2. The site: wasm, bundles, index.html, .gz/.br siblings in dist/.
FROM golang:1.26.8-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=deps /src/node_modules ./node_modules
RUN make build

# 3. nginx, unprivileged, serving dist/ on 8080.
FROM debian:12.12-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends nginx libnginx-mod-http-brotli-static curl \
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled /usr/share/nginx/html/*
COPY nginx/nginx.conf /etc/nginx/nginx.conf
COPY nginx/headers.conf nginx/security-headers.conf nginx/cross-origin-isolation.conf nginx/mime.types /etc/nginx/nginx/
COPY --from=build /src/dist/ /usr/share/nginx/html/
USER www-data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
CMD ["nginx", "-g", "daemon off;"]
# nginx's graceful stop: it closes its port, finishes the requests in flight
# and exits. docker stop and Kubernetes otherwise send SIGTERM, on which
# nginx drops them.
STOPSIGNAL SIGQUIT
