package dev.wasmmemory.fuzz;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations of the checked-in OpenAPI document ({@code openapi/openapi.yaml}), reduced to what
 * a request generator needs: method and path, parameters with their schemas, request bodies by
 * media type, and the documented response codes. {@code $ref}s are resolved.
 */
final class OpenApiOperations {
  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

  /** One operation: {@code path} is the template, e.g. {@code /memories/{id}/values/{type}}. */
  record Operation(
      String id,
      String method,
      String path,
      List<Parameter> parameters,
      Map<String, Schema> bodies,
      Set<String> responses) {

    List<Parameter> in(String location) {
      return parameters.stream().filter(p -> p.in().equals(location)).toList();
    }

    boolean hasHeader(String name) {
      return in("header").stream().anyMatch(p -> p.name().equalsIgnoreCase(name));
    }

    @Override
    public String toString() {
      return id;
    }
  }

  record Parameter(String name, String in, boolean required, Schema schema) {}

  /** The parts of a JSON schema the generator uses; {@code types} lists every allowed type. */
  record Schema(
      Set<String> types,
      String format,
      BigInteger minimum,
      BigInteger maximum,
      List<String> enumValues,
      Map<String, Schema> properties,
      Set<String> required) {

    boolean allows(String type) {
      return types.contains(type);
    }
  }

  private final Map<String, Object> document;

  private OpenApiOperations(Map<String, Object> document) {
    this.document = document;
  }

  static List<Operation> load(Path file) {
    try (Reader reader = Files.newBufferedReader(file)) {
      Map<String, Object> document = new Yaml().load(reader);
      return new OpenApiOperations(document).operations();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  private List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    map(document.get("paths"))
        .forEach(
            (path, item) ->
                map(item)
                    .forEach(
                        (method, op) -> {
                          if (METHODS.contains(method) && !streams(map(op))) {
                            operations.add(operation(path, method, map(op)));
                          }
                        }));
    return operations;
  }

  /**
   * Whether the operation answers a stream that stays open (server-sent events): a request of the
   * fuzzer would never complete, so those are left to their own real-port tests (EventsTest).
   */
  private static boolean streams(Map<String, Object> op) {
    return map(map(map(op.get("responses")).get("200")).get("content"))
        .containsKey("text/event-stream");
  }

  private Operation operation(String path, String method, Map<String, Object> op) {
    List<Parameter> parameters = new ArrayList<>();
    for (Object p : list(op.get("parameters"))) {
      Map<String, Object> parameter = map(p);
      parameters.add(
          new Parameter(
              (String) parameter.get("name"),
              (String) parameter.get("in"),
              Boolean.TRUE.equals(parameter.get("required")),
              schema(parameter.get("schema"))));
    }
    Map<String, Schema> bodies = new LinkedHashMap<>();
    Map<String, Object> requestBody = map(op.get("requestBody"));
    map(requestBody.get("content"))
        .forEach((mediaType, content) -> bodies.put(mediaType, schema(map(content).get("schema"))));
    Set<String> responses = new LinkedHashSet<>(map(op.get("responses")).keySet());
    return new Operation(
        (String) op.get("operationId"),
        method.toUpperCase(java.util.Locale.ROOT),
        path,
        parameters,
        bodies,
        responses);
  }

  private Schema schema(Object node) {
    Map<String, Object> schema = resolve(map(node));
    Set<String> types = new LinkedHashSet<>();
    Object type = schema.get("type");
    if (type instanceof String single) {
      types.add(single);
    } else {
      list(type).forEach(t -> types.add((String) t));
    }
    list(schema.get("oneOf")).forEach(alternative -> types.addAll(schema(alternative).types()));
    Map<String, Schema> properties = new LinkedHashMap<>();
    map(schema.get("properties")).forEach((name, p) -> properties.put(name, schema(p)));
    Set<String> required = new LinkedHashSet<>();
    list(schema.get("required")).forEach(r -> required.add((String) r));
    List<String> enumValues = new ArrayList<>();
    list(schema.get("enum")).forEach(e -> enumValues.add(String.valueOf(e)));
    return new Schema(
        types,
        (String) schema.get("format"),
        number(schema.get("minimum")),
        number(schema.get("maximum")),
        enumValues,
        properties,
        required);
  }

  private Map<String, Object> resolve(Map<String, Object> schema) {
    Object ref = schema.get("$ref");
    if (!(ref instanceof String pointer)) {
      return schema;
    }
    Map<String, Object> target = document;
    for (String part : pointer.substring(2).split("/")) {
      target = map(target.get(part));
    }
    return resolve(target);
  }

  private static BigInteger number(Object value) {
    return value == null ? null : new BigInteger(value.toString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node) {
    return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<?> list(Object node) {
    return node instanceof List<?> l ? l : List.of();
  }
}
