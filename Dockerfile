# sitrep image: a layered Spring Boot jar on a JRE 21, running as a non-root user.
#   docker build -t ghcr.io/YOUR-ORG/sitrep:0.1.0 .
#   docker push ghcr.io/YOUR-ORG/sitrep:0.1.0
# The Helm chart's default image (helm/sitrep/values.yaml) is built from this file.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package \
 && java -Djarmode=tools -jar bot/target/sitrep.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 sitrep \
 && useradd --system --uid 10001 --gid sitrep --home-dir /app --shell /usr/sbin/nologin sitrep
WORKDIR /app
# Least-changing layers first, so a code change ships only the small application layer.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001:10001
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
