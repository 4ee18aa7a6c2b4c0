# Build stage: compile and package the jar with Maven.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml application.yml ./
COPY src ./src
RUN mvn -B -q -DskipTests package

# Extract the Spring Boot layers, so dependencies are a layer of their own.
FROM eclipse-temurin:25-jre AS layers
WORKDIR /layers
COPY --from=build /src/target/tcp-gateway.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# Runtime stage: a Java 25 JRE, a non-root user, the plain, TLS (when gateway.tls.bundle is set)
# and HTTP ports.
FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 --no-create-home gateway
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER gateway
EXPOSE 8080 8443 8081
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
