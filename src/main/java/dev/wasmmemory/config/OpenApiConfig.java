package dev.wasmmemory.config;

import dev.wasmmemory.api.ApiProblems;
import dev.wasmmemory.api.JsonScalar;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.servers.Server;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * The OpenAPI document: fixed server {@code /} (so it does not change with the port), and every
 * operation's error responses as {@code application/problem+json} from its {@link ApiProblems}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {
  private static final String PROBLEM = "Problem";

  private static final Map<Integer, String> PROBLEM_TYPES =
      Map.ofEntries(
          Map.entry(400, "/problems/invalid-request"),
          Map.entry(404, "/problems/memory-not-found or /problems/not-found"),
          Map.entry(406, "/problems/not-acceptable"),
          Map.entry(412, "/problems/precondition-failed"),
          Map.entry(413, "/problems/payload-too-large"),
          Map.entry(415, "/problems/unsupported-media-type"),
          Map.entry(416, "/problems/out-of-bounds"),
          Map.entry(
              422,
              "/problems/out-of-bounds, /problems/regions-overlap or"
                  + " /problems/grow-limit-exceeded"),
          Map.entry(507, "/problems/memory-budget-exceeded or /problems/memory-limit-exceeded"));

  @Bean
  OpenAPI openApi() {
    // Typed values arrive as any JSON scalar; each field documents the forms it takes.
    SpringDocUtils.getConfig()
        .replaceWithSchema(
            JsonScalar.class,
            new Schema<>().types(new LinkedHashSet<>(List.of("number", "string"))));
    Schema<?> problem =
        new ObjectSchema()
            .description("RFC 9457 problem detail, with members that explain it")
            .addProperty("type", new StringSchema().example("/problems/out-of-bounds"))
            .addProperty("title", new StringSchema().example("Out of bounds"))
            .addProperty("status", new IntegerSchema().example(422))
            .addProperty("detail", new StringSchema())
            .addProperty("instance", new StringSchema().example("/memories/{id}/bytes"));
    return new OpenAPI()
        .info(
            new Info()
                .title("wasm-memory-service")
                .version("1")
                .description(
                    "WebAssembly linear memories (wasmi's MemoryInstance) over HTTP. Offsets and"
                        + " lengths are unsigned 32-bit; sizes are whole 64 KiB pages; a failed"
                        + " request changes nothing.")
                .license(new License().name("Apache-2.0")))
        .servers(List.of(new Server().url("/")))
        .schema(PROBLEM, problem);
  }

  @Bean
  OperationCustomizer problemResponses() {
    return (operation, handlerMethod) -> {
      ApiProblems problems = handlerMethod.getMethodAnnotation(ApiProblems.class);
      if (problems != null) {
        for (int status : problems.value()) {
          operation.getResponses().addApiResponse(String.valueOf(status), problemResponse(status));
        }
      }
      return operation;
    };
  }

  private static ApiResponse problemResponse(int status) {
    String type = PROBLEM_TYPES.getOrDefault(status, "/problems/invalid-request");
    return new ApiResponse()
        .description(HttpStatus.valueOf(status).getReasonPhrase() + " (type " + type + ")")
        .content(
            new Content()
                .addMediaType(
                    "application/problem+json",
                    new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
  }
}
