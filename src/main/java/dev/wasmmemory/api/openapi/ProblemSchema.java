package dev.wasmmemory.api.openapi;

import dev.wasmmemory.api.problem.ProblemType;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code Problem} schema: RFC 9457's members, all sent, and every member the service adds to
 * explain a problem, so that a generated client can read them. No example of its own: each response
 * shows the problems of its status.
 */
final class ProblemSchema {
  static final String NAME = "Problem";
  static final String REF = "#/components/schemas/" + NAME;
  static final String EXAMPLES = "#/components/examples/";

  private ProblemSchema() {}

  static Map<String, Schema> schemas() {
    Map<String, Schema> schemas = new LinkedHashMap<>();
    schemas.put(NAME, problem());
    schemas.put("FieldError", fieldError());
    return schemas;
  }

  /** An example of each problem type of {@code types}, for the responses to refer to. */
  static Map<String, Example> examples(Collection<ProblemType> types) {
    Map<String, Example> examples = new TreeMap<>();
    for (ProblemType type : types) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", type.uri().toString());
      body.put("title", type.title());
      body.put("status", type.status().value());
      body.put("detail", type.description());
      body.put("instance", "/memories/3f1c2a9e-7b4d-4e8a-9c61-2d5f8e0b7a13");
      examples.put(exampleName(type), new Example().summary(type.title()).value(body));
    }
    return examples;
  }

  /** The example's name: the type's own (two types share the out-of-bounds URI). */
  static String exampleName(ProblemType type) {
    return type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  private static Schema<?> problem() {
    Schema<?> problem =
        new ObjectSchema()
            .description(
                "RFC 9457 problem detail: type, title, status, detail and instance, and the"
                    + " members that explain this problem (which ones depends on its type)")
            .addProperty("type", text("The problem type, a URI relative to the service"))
            .addProperty("title", text("The type's short summary"))
            .addProperty("status", new IntegerSchema().description("The HTTP status"))
            .addProperty("detail", text("What went wrong in this occurrence"))
            .addProperty("instance", text("The path of the request"))
            .addProperty("memoryId", text("The memory the problem is about"))
            .addProperty("moduleId", text("The module the problem is about"))
            .addProperty("instanceId", text("The instance the problem is about"))
            .addProperty("import", text("The import (module.name) that cannot be linked"))
            .addProperty("name", text("The export that does not exist"))
            .addProperty("resource", text("What reached its limit: modules or instances"))
            .addProperty("field", text("The request field or parameter at fault"))
            .addProperty(
                "errors",
                new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError")));
    for (String member :
        List.of(
            "offset",
            "length",
            "sizeBytes",
            "sourceOffset",
            "destinationOffset",
            "currentPages",
            "requestedPages",
            "maximumPages",
            "initialPages",
            "limit",
            "maxMemories",
            "requestedBytes",
            "availableBytes",
            "maxOperations",
            "timeoutMillis")) {
      problem.addProperty(member, new IntegerSchema().format("int64"));
    }
    problem.addProperty("valueType", text("The value type of a refused value"));
    problem.addProperty(
        "index",
        new IntegerSchema()
            .description("The operation of a batch that is malformed or failed, from 0"));
    return problem.required(List.of("type", "title", "status", "detail", "instance"));
  }

  private static Schema<?> fieldError() {
    return new ObjectSchema()
        .description("One invalid field and what is wrong with it")
        .addProperty("field", text("The field or parameter"))
        .addProperty("message", text("What is wrong with it"))
        .required(List.of("field", "message"));
  }

  private static Schema<?> text(String description) {
    return new StringSchema().description(description);
  }
}
