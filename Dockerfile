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
# Issue 15 §2: a training start in Slack mode that stops once the context is refreshed (before
# anything connects: no Redis, no Slack are reached) records the classes it loads and links in
# JDK 25's AOT cache (JEP 483/514); every start of the image reads them ready-made. A cache that
# does not match is ignored by the JVM, never fatal.
RUN java -XX:AOTCacheOutput=/app/sitrep.aot -Dspring.context.exit=onRefresh -jar sitrep.jar \
      --sitrep.slack.bot-token=xoxb-training --sitrep.slack.signing-secret=training \
      --spring.data.redis.url=redis://127.0.0.1:1 --server.port=0 --logging.level.root=warn
USER 10001:10001
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-XX:AOTCache=/app/sitrep.aot", "-Xlog:aot=off", "-Xlog:cds=off", "-jar", "sitrep.jar"]
