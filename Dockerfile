# sitrep image: a Spring Boot jar extracted in layers on a JRE 25, with an AOT cache made by a
# training start, running as a non-root user.
#   docker build -t ghcr.io/YOUR-ORG/sitrep:0.1.0 .
#   docker push ghcr.io/YOUR-ORG/sitrep:0.1.0
# The Helm chart's default image (helm/sitrep/values.yaml) is built from this file.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
# extract (not --launcher): a plain `java -jar sitrep.jar` with its lib/ beside it, which the AOT cache needs.
RUN ./mvnw -B -q -DskipTests package \
 && java -Djarmode=tools -jar bot/target/sitrep.jar extract --layers --destination /layers

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 sitrep \
 && useradd --system --uid 10001 --gid sitrep --home-dir /app --shell /usr/sbin/nologin sitrep
WORKDIR /app
# Least-changing layers first, so a code change ships only the small application layer.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# C1 only (-XX:TieredStopAtLevel=1): a start costs 37 % less CPU and C2's compiling no longer competes
# with the first acknowledgements; a reminder costs its thread ~20 % more CPU later (figures and the
# trade-off: helm/sitrep/values.yaml jvmOptions, docs/architecture.md "Startup"). The training below runs
# with it too, so the cache's profiles are C1's.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1"
# Issue 15 §2: a training run in Slack HTTP mode (-Dsitrep.training-run=true, TrainingRun): the whole
# start — web server, the Slack warm-up's signed requests, background threads — then the health
# probes, metrics and the dashboard asked over loopback, then exit. JDK 25 writes the classes it
# loaded and linked and the methods' profiles into the AOT cache (JEP 483/514/515); every start of the
# image reads them ready-made. Redis and Slack's API point at closed local ports: nothing leaves the
# build (the failed calls are expected). A cache that does not match is ignored by the JVM, never
# fatal. No GC flag (issue 15 §2, docs/architecture.md "Startup"): SerialGC made the start no cheaper
# on 2 cores (and the JVM picks it itself under 2 CPUs; a cache trained under G1 loads with it).
RUN java -XX:AOTCacheOutput=/app/sitrep.aot -Dsitrep.training-run=true -jar sitrep.jar \
      --sitrep.slack.bot-token=xoxb-training --sitrep.slack.signing-secret=training \
      --sitrep.slack.api-url=http://127.0.0.1:9/api/ --spring.data.redis.url=redis://127.0.0.1:1 \
      --server.port=0 --sitrep.postmortem.dir=/tmp/training-postmortems \
      --logging.level.root=error --logging.level.dev.sitrep=off \
 && rm -rf /tmp/training-postmortems
# The training ran the Slack warm-up's full 16 commands; with their classes and profiles in the cache a
# start needs fewer before ready (docs/architecture.md "Startup"). After the training, so it trains in full.
ENV SITREP_SLACK_WARMUPREQUESTS=4
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["java", "-XX:AOTCache=/app/sitrep.aot", "-Xlog:aot=off", "-Xlog:cds=off", "-jar", "sitrep.jar"]
