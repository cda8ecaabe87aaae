package dev.wasmmemory.api.openapi;

import dev.wasmmemory.api.JsonScalar;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document, made exact for the tools that read it (generated clients, linters, Swagger
 * UI): a fixed server {@code /} (so that it does not change with the port), a license, a bearer
 * scheme that is optional (required with {@code memory.security=jwt}, Swagger UI's "Authorize"),
 * the problem responses of every operation ({@link ProblemResponses}), the headers that carry the
 * protocol ({@link ResponseHeaders}), schemas without type unions ({@link SchemaRules}) and
 * subtypes without allOf ({@link PolymorphicSchemas}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {
  private static final String BEARER = "bearer";

  @Bean
  OpenAPI openApi() {
    // A typed value is a JSON number or string; each field documents the forms it takes. anyOf,
    // not oneOf: a generated client's deserializer also reads a number as a string, so that
    // "exactly one" would refuse every number.
    SpringDocUtils.getConfig()
        .replaceWithSchema(
            JsonScalar.class,
            new Schema<>()
                .anyOf(
                    List.of(
                        new Schema<>().types(Set.of("number")),
                        new Schema<>().types(Set.of("string")))));
    return new OpenAPI()
        .info(
            new Info()
                .title("wasm-memory-service")
                .version("1")
                .description(
                    "WebAssembly linear memories (wasmi's MemoryInstance) over HTTP. Offsets and"
                        + " lengths are unsigned 32-bit; sizes are whole 64 KiB pages; a failed"
                        + " request changes nothing. Every error is an RFC 9457 problem detail"
                        + " (application/problem+json), whatever the request's Accept.")
                .license(new License().name("Apache-2.0").identifier("Apache-2.0")))
        .servers(List.of(new Server().url("/")))
        // A bearer token with memory.security=jwt, none in open mode (the default).
        .security(List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement()))
        .components(
            new Components()
                .schemas(ProblemSchema.schemas())
                .headers(ResponseHeaders.definitions())
                .addSecuritySchemes(BEARER, bearer()));
  }

  private static SecurityScheme bearer() {
    return new SecurityScheme()
        .type(SecurityScheme.Type.HTTP)
        .scheme("bearer")
        .bearerFormat("JWT")
        .description(
            "With memory.security=jwt: a JWT of the configured issuer (or signed with"
                + " memory.security.jwt.secret). Its sub owns what it creates; scope memory:read"
                + " reads, memory:write changes and creates. A share link's token (wms1.…) is"
                + " taken too, for reads of its memory, here or as ?share=. In open mode (the"
                + " default) no credentials are needed.");
  }

  @Bean
  ProblemResponses problemResponses() {
    return new ProblemResponses();
  }

  @Bean
  OpenApiCustomizer responseHeaders() {
    return new ResponseHeaders();
  }

  @Bean
  OpenApiCustomizer polymorphicSchemas() {
    return new PolymorphicSchemas();
  }

  @Bean
  OpenApiCustomizer schemaRules() {
    return new SchemaRules();
  }
}
