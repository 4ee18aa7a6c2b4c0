# Build stage: compile and package the jar with Maven.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml application.yml ./
COPY src ./src
RUN mvn -B -q -DskipTests package

# Extract the Spring Boot layers, so dependencies are a layer of their own. Without --launcher,
# the application is a plain tcp-gateway.jar whose manifest lists the jars in lib/: a class path
# of jars, which the JVM's AOT cache needs.
FROM eclipse-temurin:25-jre AS layers
WORKDIR /layers
COPY --from=build /src/target/tcp-gateway.jar tcp-gateway.jar
RUN java -Djarmode=tools -jar tcp-gateway.jar extract --layers --destination extracted

# Runtime stage: a Java 25 JRE, a non-root user, the plain, TLS (when gateway.tls.bundle is set)
# and HTTP ports.
FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 --no-create-home gateway
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
# Training run (Spring Boot's AOT cache, JEP 483/514): the gateway starts with its defaults, exits
# once its context is refreshed, before any port opens or Redis is asked, and the JVM writes the
# classes it loaded and linked, and their profiles, to app.aot. It runs here, in the image that
# uses the cache, because the cache only serves the same JVM and the same jars at the same paths.
RUN java -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar tcp-gateway.jar
USER gateway
EXPOSE 8080 8443 8081
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-jar", "tcp-gateway.jar"]
