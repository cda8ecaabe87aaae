package dev.wasmmemory.fuzz;

import dev.wasmmemory.fuzz.FuzzCase.BodyKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * JSON request bodies: an object of the operation's schema with the property texts the request
 * factory chose, then broken as the case asks, each break noted on the request as a fault with the
 * status the contract (and the README: "JSON bodies are strict") gives it.
 */
final class FuzzBodies {
  /** Above {@code memory.max-json-body-size} of the fuzzed service. */
  static final int OVERSIZED = 80 * 1024;

  private final Random random;

  FuzzBodies(Random random) {
    this.random = random;
  }

  /** The object with its properties in order; absent ones (null texts) are left out. */
  static String object(Map<String, String> properties) {
    StringBuilder json = new StringBuilder("{");
    properties.forEach(
        (name, text) -> {
          if (text != null) {
            json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":");
            json.append(text);
          }
        });
    return json.append('}').toString();
  }

  /**
   * The body for {@code kind}. {@code properties} holds the valid texts (null for an absent
   * property); a duplicated key repeats the first property with the same text.
   */
  String render(
      BodyKind kind,
      Map<String, String> properties,
      OpenApiOperations.Schema schema,
      FuzzRequest request) {
    Map<String, String> fields = new LinkedHashMap<>(properties);
    switch (kind) {
      case VALID, BAD_BASE64:
        return object(fields);
      case MISSING_REQUIRED:
        return missingRequired(fields, schema, request);
      case EXTRA_FIELD:
        request.fault(400, "unknown field");
        fields.put("unexpected" + random.nextInt(3), random.nextBoolean() ? "1" : "\"x\"");
        return object(fields);
      case WRONG_TYPE:
        return wrongType(fields, schema, request);
      case TRUNCATED:
        request.fault(400, "truncated JSON");
        String whole = object(fields);
        return whole.substring(0, random.nextInt(Math.max(1, whole.length() - 1)));
      case EMPTY:
        request.fault(400, "empty body");
        return "";
      case NOT_JSON:
        request.fault(400, "not JSON");
        return random.nextBoolean() ? "pages=1&offset=0" : "{'offset': 0}";
      case JSON_ARRAY:
        request.fault(400, "a JSON array, not an object");
        return "[" + object(fields) + "]";
      case DUPLICATE_KEY:
        return duplicateKey(fields, request);
      case DEEP_NESTING:
        request.fault(400, "nested 2000 deep");
        return "{\"deep\":" + "[".repeat(2000) + "]".repeat(2000) + "}";
      case OVERSIZED:
        request.fault(413, "body over memory.max-json-body-size");
        fields.put("padding", "\"" + "x".repeat(OVERSIZED) + "\"");
        return object(fields);
      default:
        throw new IllegalArgumentException(kind.name());
    }
  }

  private String missingRequired(
      Map<String, String> fields, OpenApiOperations.Schema schema, FuzzRequest request) {
    List<String> required = new ArrayList<>(schema.required());
    if (required.isEmpty()) {
      request.fault(400, "no property at all");
      return "{}";
    }
    String dropped = required.get(random.nextInt(required.size()));
    request.fault(400, "required '" + dropped + "' missing");
    fields.remove(dropped);
    return object(fields);
  }

  /** One property gets a JSON type its schema does not allow. */
  private String wrongType(
      Map<String, String> fields, OpenApiOperations.Schema schema, FuzzRequest request) {
    // A property without declared types (a oneOf, e.g. a value given as number or string) has no
    // type that is surely wrong: only typed properties are given a wrong one.
    List<String> names = new ArrayList<>();
    schema
        .properties()
        .forEach(
            (n, p) -> {
              if (!p.types().isEmpty()) {
                names.add(n);
              }
            });
    if (names.isEmpty()) {
      request.uncertain("no property with a declared type to give a wrong one");
      return object(fields);
    }
    String name = names.get(random.nextInt(names.size()));
    OpenApiOperations.Schema property = schema.properties().get(name);
    List<String> wrong = new ArrayList<>();
    if (!property.allows("object")) {
      wrong.add("{}");
    }
    if (!property.allows("array")) {
      wrong.add("[]");
    }
    if (!property.allows("boolean")) {
      wrong.add("true");
    }
    if (!property.allows("string")) {
      wrong.add("\"7\"");
    }
    if (!property.allows("integer") && !property.allows("number")) {
      wrong.add("7");
    }
    String text = wrong.get(random.nextInt(wrong.size()));
    request.fault(400, "'" + name + "' is " + text + ", not " + property.types());
    fields.put(name, text);
    return object(fields);
  }

  private String duplicateKey(Map<String, String> fields, FuzzRequest request) {
    request.uncertain("a duplicated key (the last one is the valid one)");
    String name =
        fields.entrySet().stream()
            .filter(e -> e.getValue() != null)
            .map(Map.Entry::getKey)
            .findFirst()
            .orElse(null);
    if (name == null) {
      return "{}";
    }
    String body = object(fields);
    return "{\"" + name + "\":" + fields.get(name) + "," + body.substring(1);
  }
}
