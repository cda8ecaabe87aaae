package dev.wasmmemory.config;

import dev.wasmmemory.api.JsonScalar;
import dev.wasmmemory.api.problem.ApiProblems;
import dev.wasmmemory.api.problem.ProblemType;
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
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
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
        for (int status :
            Arrays.stream(problems.value())
                .mapToInt(t -> t.status().value())
                .distinct()
                .toArray()) {
          operation.getResponses().addApiResponse(String.valueOf(status), problemResponse(status));
        }
      }
      return operation;
    };
  }

  /** The problem types of a status, from {@link ProblemType}: "a, b or c". */
  private static String problemTypes(int status) {
    List<String> uris =
        Arrays.stream(ProblemType.values())
            .filter(type -> type.status().value() == status)
            .map(type -> type.uri().toString())
            .distinct()
            .toList();
    if (uris.isEmpty()) {
      return ProblemType.INVALID_REQUEST.uri().toString();
    }
    int last = uris.size() - 1;
    return last == 0
        ? uris.get(0)
        : String.join(", ", uris.subList(0, last)) + " or " + uris.get(last);
  }

  private static ApiResponse problemResponse(int status) {
    String type = problemTypes(status);
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
