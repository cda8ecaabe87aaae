package dev.wasmmemory.api.openapi;

import dev.wasmmemory.api.problem.ApiProblems;
import dev.wasmmemory.api.problem.ProblemType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.EnumSet;
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
  /**
   * What any operation can answer in some deployment: no or a bad token, a missing scope ({@code
   * memory.security=jwt}), too many requests ({@code memory.rate-limit}). An operation that may
   * pass the service's limits may pass an owner's quota too.
   */
  private static final Set<ProblemType> ACCESS =
      EnumSet.of(
          ProblemType.UNAUTHORIZED, ProblemType.INSUFFICIENT_SCOPE, ProblemType.RATE_LIMITED);

  /** What an unknown id in a path parameter of that name answers. */
  private static final Map<String, ProblemType> NOT_FOUND =
      Map.of(
          "id", ProblemType.MEMORY_NOT_FOUND,
          "moduleId", ProblemType.MODULE_NOT_FOUND,
          "instanceId", ProblemType.INSTANCE_NOT_FOUND);

  /** The types of every operation seen, for the examples added once the document is done. */
  private final Set<ProblemType> answered = ConcurrentHashMap.newKeySet();

  @Override
  public Operation customize(Operation operation, HandlerMethod handlerMethod) {
    Set<ProblemType> types = implied(operation);
    ApiProblems declared = handlerMethod.getMethodAnnotation(ApiProblems.class);
    if (declared != null) {
      types.addAll(List.of(declared.value()));
    }
    types.addAll(ACCESS);
    if (types.contains(ProblemType.MEMORY_BUDGET_EXCEEDED)
        || types.contains(ProblemType.MEMORY_LIMIT_EXCEEDED)) {
      types.add(ProblemType.QUOTA_EXCEEDED);
    }
    answered.addAll(types);
    Map<Integer, List<ProblemType>> byStatus =
        types.stream()
            .collect(
                Collectors.groupingBy(
                    type -> type.status().value(), TreeMap::new, Collectors.toList()));
    byStatus.forEach(
        (status, ofStatus) ->
            operation.getResponses().addApiResponse(String.valueOf(status), response(ofStatus)));
    return operation;
  }

  @Override
  public void customise(OpenAPI openApi) {
    openApi.getComponents().setExamples(ProblemSchema.examples(answered));
  }

  /**
   * What every operation of its shape can answer: an unknown memory, module or instance (by the
   * name of its path parameter), or a path the container refuses (an encoded {@code /}); a
   * malformed parameter; a body too large, of another type, or malformed; a stale If-Match; an
   * Accept that takes none of the answer's media types.
   */
  private static Set<ProblemType> implied(Operation operation) {
    Set<ProblemType> types = EnumSet.noneOf(ProblemType.class);
    List<Parameter> parameters =
        operation.getParameters() == null ? List.of() : operation.getParameters();
    for (Parameter parameter : parameters) {
      ProblemType missing =
          "path".equals(parameter.getIn()) ? NOT_FOUND.get(parameter.getName()) : null;
      if (missing != null) {
        types.add(missing);
        types.add(ProblemType.INVALID_REQUEST);
      } else if ("If-Match".equals(parameter.getName())) {
        types.add(ProblemType.PRECONDITION_FAILED);
      } else if (!"header".equals(parameter.getIn())) {
        types.add(ProblemType.INVALID_REQUEST);
      }
    }
    if (operation.getRequestBody() != null) {
      types.addAll(
          List.of(
              ProblemType.INVALID_REQUEST,
              ProblemType.PAYLOAD_TOO_LARGE,
              ProblemType.UNSUPPORTED_MEDIA_TYPE));
    }
    boolean answersABody =
        operation.getResponses().entrySet().stream()
            .anyMatch(e -> e.getKey().startsWith("2") && e.getValue().getContent() != null);
    if (answersABody) {
      types.add(ProblemType.NOT_ACCEPTABLE);
    }
    return types;
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
