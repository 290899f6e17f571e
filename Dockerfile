# syntax=docker/dockerfile:1
# Journey Board server image: `docker compose up` (see README "Running with Docker") or
#   docker build -t journey-board . && docker run -p 8080:8080 -e JB_REDIS_URL=redis://host:6379/0 journey-board

# ---- build: Maven + JDK 21 + Node (the web client is built by the Maven build) --------------------
FROM node:22-bookworm-slim AS node

FROM maven:3.9-eclipse-temurin-21 AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version
WORKDIR /src
COPY . .
# server and what it needs (protocol, web); tests run in CI, not in the image build
RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,target=/root/.npm \
    mvn -B -ntp -DskipTests -pl server -am package \
 && cp server/target/journey-board-server.jar /journey-board-server.jar

# ---- runtime: JRE 21 only ----------------------------------------------------------------------------
FROM eclipse-temurin:21-jre
# fonts-wqy-microhei: the CJK font board.pdf embeds (JB_PDF_FONT); without it board.pdf answers 503
RUN apt-get update && apt-get install -y --no-install-recommends curl fonts-wqy-microhei && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app journeyboard \
 && mkdir -p /app /data && chown journeyboard /data
COPY --from=build /journey-board-server.jar /app/journey-board-server.jar
USER journeyboard
WORKDIR /app
ENV JB_HOST=0.0.0.0 \
    JB_PORT=8080 \
    JB_DATA_DIR=/data \
    JAVA_OPTS="-Xms64m -Xmx512m -XX:+UseSerialGC -XX:-TieredCompilation -XX:CompileThreshold=1000 -XX:TrimNativeHeapInterval=1000"
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health || exit 1
# A sized heap, C2 alone from 1,000 calls, glibc's freed memory given back every second (README "Configuration": a
# 100-person board in about 148 MiB RSS, 172-186 MiB with the tiers); override with JAVA_OPTS.
# exec keeps java PID 1: `docker stop` (SIGTERM) runs the server's shutdown hook, which snapshots and unloads rooms
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/journey-board-server.jar \"$@\"", "journey-board"]
