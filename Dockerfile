# One image per program, all built from this file:
#   docker build --target user-service -t ecn/user-service .
# (targets: user-service, product-service, order-service, notification-service, gateway).
# docker-compose.yml builds all five. Works with the classic builder and BuildKit alike.

# ---------------------------------------------------------------------------------------------
# Build stage: the same scripts/bootstrap.sh that `make test` runs installs the build
# dependencies, so the package list used here is the one exercised on every test run.
FROM debian:bookworm AS build
WORKDIR /src
# Only the bootstrap script first: the dependency layer stays cached while sources change.
COPY scripts/bootstrap.sh scripts/bootstrap.sh
RUN bash scripts/bootstrap.sh --build && rm -rf /var/lib/apt/lists/*
COPY . .
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DECN_BUILD_TESTS=OFF -DECN_BUILD_BENCH=OFF \
 && cmake --build build \
        --target user-service product-service order-service notification-service gateway \
 && strip build/bin/*

# ---------------------------------------------------------------------------------------------
# Web stage: the npm packages exactly as package-lock.json pins them (`npm ci`), for the
# GraphiQL page and the shop's web app (services/gateway/web, built by Vite as `make build`
# does). Node 20 from the official image: bookworm's nodejs (18) is older than Vite 8 and
# graphql-ws 6 support. Only the built files reach the gateway image (see its stage).
FROM node:20-bookworm-slim AS web
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: nothing of these packages needs to run at install time (Vite's native
# parts come as prebuilt optional packages).
RUN npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
COPY services/gateway/web services/gateway/web
RUN VITE_CONFIG_NATIVE_IGNORE_WARNING=true node node_modules/vite/bin/vite.js build \
        --logLevel warn --config services/gateway/web/vite.config.mjs --outDir /src/web-dist

# ---------------------------------------------------------------------------------------------
# Runtime base: the shared libraries every program links (found with `ldd build/bin/<program>`
# and `dpkg -S`; libpq5 and librdkafka1 come in as dependencies of libpqxx-6.4 and
# librdkafka++1), an unprivileged user and the health probe. No compiler, no headers, no curl.
FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        libgrpc++1.51 libprotobuf32 librdkafka++1 libpqxx-6.4 libsodium23 \
        libspdlog1.10 libfmt9 libboost-json1.81.0 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin ecn \
 && mkdir /app && chown ecn:ecn /app
COPY docker/healthcheck.sh /usr/local/bin/ecn-healthcheck
WORKDIR /app
ENV LOG_FORMAT=json
# Probes GET /healthz on the port of OPS_ADDR, so it follows a changed OPS_ADDR.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["bash", "/usr/local/bin/ecn-healthcheck"]

# ---------------------------------------------------------------------------------------------
FROM runtime AS user-service
# libjwt0: user-service signs the tokens.
RUN apt-get update && apt-get install -y --no-install-recommends libjwt0 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/build/bin/user-service /usr/local/bin/user-service
USER ecn
ENV GRPC_ADDR=0.0.0.0:50051 OPS_ADDR=0.0.0.0:9101
EXPOSE 50051 9101
ENTRYPOINT ["/usr/local/bin/user-service"]

# ---------------------------------------------------------------------------------------------
FROM runtime AS product-service
# libboost-url1.81.0: product-service parses URLs.
RUN apt-get update && apt-get install -y --no-install-recommends libboost-url1.81.0 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/build/bin/product-service /usr/local/bin/product-service
USER ecn
ENV GRPC_ADDR=0.0.0.0:50052 OPS_ADDR=0.0.0.0:9102
EXPOSE 50052 9102
ENTRYPOINT ["/usr/local/bin/product-service"]

# ---------------------------------------------------------------------------------------------
FROM runtime AS order-service
COPY --from=build /src/build/bin/order-service /usr/local/bin/order-service
USER ecn
ENV GRPC_ADDR=0.0.0.0:50053 OPS_ADDR=0.0.0.0:9103
EXPOSE 50053 9103
ENTRYPOINT ["/usr/local/bin/order-service"]

# ---------------------------------------------------------------------------------------------
FROM runtime AS notification-service
# libhiredis0.14: live push through Redis pub/sub.
RUN apt-get update && apt-get install -y --no-install-recommends libhiredis0.14 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/build/bin/notification-service /usr/local/bin/notification-service
USER ecn
ENV GRPC_ADDR=0.0.0.0:50054 OPS_ADDR=0.0.0.0:9104
EXPOSE 50054 9104
ENTRYPOINT ["/usr/local/bin/notification-service"]

# ---------------------------------------------------------------------------------------------
FROM runtime AS gateway
# libjwt0 verifies tokens, libhiredis0.14 talks to the cache and pub/sub, Boost.URL parses
# request targets. The gateway was not built yet when this list was written: the compose check
# (tests/compose) compares it with `ldd build/bin/gateway` once it is.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libjwt0 libhiredis0.14 libboost-url1.81.0 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/build/bin/gateway /usr/local/bin/gateway
# GraphiQL: the gateway reads these four files at start from GRAPHIQL_ASSETS_DIR, laid out as in
# node_modules (services/gateway/src/graphiql/graphiql_assets.cpp); the rest of node_modules
# stays in the web stage. tests/compose/check_compose.py starts the local gateway on exactly
# the files copied here (and the local build of the web app for /src/web-dist).
COPY --from=web /src/node_modules/graphiql/graphiql.min.js \
                /src/node_modules/graphiql/graphiql.min.css /app/web/node_modules/graphiql/
COPY --from=web /src/node_modules/react/umd/react.production.min.js \
                /app/web/node_modules/react/umd/
COPY --from=web /src/node_modules/react-dom/umd/react-dom.production.min.js \
                /app/web/node_modules/react-dom/umd/
# The shop's web app, served at / (WEB_ASSETS_DIR).
COPY --from=web /src/web-dist /app/web/dist
USER ecn
ENV GATEWAY_ADDR=0.0.0.0:8080 OPS_ADDR=0.0.0.0:9100 GRAPHIQL_ASSETS_DIR=/app/web/node_modules \
    WEB_ASSETS_DIR=/app/web/dist
EXPOSE 8080 9100
ENTRYPOINT ["/usr/local/bin/gateway"]
