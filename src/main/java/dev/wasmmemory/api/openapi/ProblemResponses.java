package dev.wasmmemory.api.openapi;

import dev.wasmmemory.api.problem.ApiProblems;
import dev.wasmmemory.api.problem.ProblemType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * Every operation's error responses from its {@link ApiProblems}: one per status, describing the
 * problem types the operation can answer with under it (and no other), with an example of each; the
 * examples of the types some operation answers with go under {@code components/examples}.
 */
final class ProblemResponses implements OperationCustomizer, OpenApiCustomizer {
  /** The types of every operation seen, for the examples added once the document is done. */
  private final Set<ProblemType> answered = ConcurrentHashMap.newKeySet();

  @Override
  public Operation customize(Operation operation, HandlerMethod handlerMethod) {
    ApiProblems problems = handlerMethod.getMethodAnnotation(ApiProblems.class);
    if (problems == null) {
      return operation;
    }
    Map<Integer, List<ProblemType>> byStatus =
        List.of(problems.value()).stream()
            .collect(
                Collectors.groupingBy(
                    type -> type.status().value(), TreeMap::new, Collectors.toList()));
    answered.addAll(List.of(problems.value()));
    byStatus.forEach(
        (status, types) ->
            operation.getResponses().addApiResponse(String.valueOf(status), response(types)));
    return operation;
  }

  @Override
  public void customise(OpenAPI openApi) {
    openApi.getComponents().setExamples(ProblemSchema.examples(answered));
  }

  private static ApiResponse response(List<ProblemType> types) {
    MediaType problem = new MediaType().schema(new Schema<>().$ref(ProblemSchema.REF));
    Map<String, Example> examples = new LinkedHashMap<>();
    for (ProblemType type : types) {
      String name = ProblemSchema.exampleName(type);
      examples.put(name, new Example().$ref(ProblemSchema.EXAMPLES + name));
    }
    problem.setExamples(examples);
    String description =
        types.get(0).status().getReasonPhrase()
            + ": "
            + types.stream()
                .map(type -> type.uri() + " (" + type.title() + ")")
                .collect(Collectors.joining(", "));
    return new ApiResponse()
        .description(description)
        .content(new Content().addMediaType("application/problem+json", problem));
  }
}
