package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The checked-in {@code openapi/openapi.yaml} (equal to the served one, see {@link
 * OpenApiSpecTest}) says what the service does, in a form generated clients, linters and Swagger UI
 * read right: the headers it sends, the errors each operation can answer with, what a response
 * always holds, request schemas as strict as the service, no type unions.
 */
class OpenApiDocumentTest {
  private static Map<String, Object> spec;

  @BeforeAll
  static void load() throws IOException {
    try (Reader reader = Files.newBufferedReader(Path.of("openapi/openapi.yaml"))) {
      spec = new Yaml().load(reader);
    }
  }

  /** The value at a path of keys ("/memories/{id}" is one key). */
  @SuppressWarnings("unchecked")
  private static <T> T at(Object... keys) {
    Object node = spec;
    for (Object key : keys) {
      node = node instanceof Map<?, ?> map ? map.get(key) : null;
    }
    return (T) node;
  }

  private static Map<String, Object> operation(String id) {
    Map<String, Map<String, Map<String, Object>>> paths = at("paths");
    return paths.values().stream()
        .flatMap(item -> item.values().stream())
        .filter(op -> id.equals(op.get("operationId")))
        .findFirst()
        .orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> response(String operationId, String status) {
    return ((Map<String, Map<String, Object>>) operation(operationId).get("responses")).get(status);
  }

  private static List<String> operationIds() {
    Map<String, Map<String, Map<String, Object>>> paths = at("paths");
    return paths.values().stream()
        .flatMap(item -> item.values().stream())
        .map(op -> (String) op.get("operationId"))
        .toList();
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource({
    "createMemory, 201, Location ETag",
    "getMemory, 200, ETag",
    "getMemory, 304, ETag",
    "readValue, 200, ETag",
    "readValue, 304, ETag",
    "readBytes, 200, ETag Accept-Ranges Content-Disposition",
    "readBytes, 206, ETag Content-Range Accept-Ranges Content-Disposition",
    "readBytes, 304, ETag",
    "readBytes, 416, Content-Range"
  })
  void everyHeaderTheProtocolNeedsIsDeclared(String operation, String status, String headers) {
    Map<String, Object> declared = at("components", "headers");
    Map<String, Object> sent = (Map<String, Object>) response(operation, status).get("headers");
    assertThat(sent).as("headers of %s %s", operation, status).isNotNull();
    for (String header : headers.split(" ")) {
      assertThat(sent).containsKey(header);
      assertThat(declared).containsKey(header);
    }
  }

  /** Spring answers 406 exactly where an operation produces a body; nowhere else. */
  @Test
  void notAcceptableIsDocumentedWhereTheSuccessHasABody() {
    for (String id : operationIds()) {
      Map<String, Map<String, Object>> responses =
          (Map<String, Map<String, Object>>) operation(id).get("responses");
      boolean body =
          responses.entrySet().stream()
              .anyMatch(e -> e.getKey().startsWith("2") && e.getValue().get("content") != null);
      assertThat(responses.containsKey("406")).as(id).isEqualTo(body);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "MemoryInfo, id initialPages maximumPages currentPages sizeBytes",
    "MemoryList, memories",
    "GrowResponse, previousPages currentPages",
    "BytesResponse, offset length data",
    "ValueResponse, type offset value",
    "Problem, type title status detail instance",
    "ModuleInfo, id sizeBytes imports exports",
    "ModuleList, modules",
    "ImportInfo, module name kind",
    "ExportInfo, name kind",
    "InstanceInfo, id moduleId memories wasi",
    "InvokeResponse, results",
    "TypedValue, type value",
    "ExportResponse, kind"
  })
  void responseSchemasRequireWhatIsAlwaysSent(String schema, String members) {
    List<String> required = at("components", "schemas", schema, "required");
    assertThat(required).containsExactlyInAnyOrder(members.split(" "));
  }

  /** Swagger UI showed every error as the one example: 422 "Out of bounds". */
  @Test
  void theProblemSchemaListsItsMembersAndEachResponseItsOwnExamples() {
    Map<String, Object> properties = at("components", "schemas", "Problem", "properties");
    assertThat(properties)
        .containsKeys(
            "memoryId",
            "field",
            "errors",
            "offset",
            "length",
            "sizeBytes",
            "currentPages",
            "maximumPages",
            "requestedPages",
            "limit");
    assertThat((Object) at("components", "schemas", "Problem", "example")).isNull();
    Map<String, Object> notFound =
        (Map<String, Object>)
            ((Map<String, Object>)
                    ((Map<String, Object>) response("getMemory", "404").get("content"))
                        .get("application/problem+json"))
                .get("examples");
    assertThat(notFound).containsOnlyKeys("memory-not-found");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "readBytes, 422, /problems/out-of-bounds, regions-overlap",
    "readValue, 422, /problems/out-of-bounds, grow-limit-exceeded",
    "growMemory, 422, /problems/grow-limit-exceeded, out-of-bounds",
    "copyMemory, 422, /problems/regions-overlap, grow-limit-exceeded",
    "getMemory, 404, /problems/memory-not-found, /problems/not-found",
    "createMemory, 507, /problems/memory-limit-exceeded, /problems/trap",
    "getModule, 404, /problems/module-not-found, /problems/memory-not-found",
    "invoke, 404, /problems/instance-not-found, /problems/module-not-found",
    "invoke, 422, /problems/trap, /problems/link-error",
    "instantiateModule, 422, /problems/link-error, /problems/out-of-bounds",
    "uploadModule, 400, /problems/invalid-module, /problems/trap"
  })
  void anErrorResponseNamesOnlyTheTypesTheOperationAnswers(
      String operation, String status, String named, String notNamed) {
    String description = (String) response(operation, status).get("description");
    assertThat(description).contains(named).doesNotContain(notNamed);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CreateMemoryRequest",
        "GrowRequest",
        "FillRequest",
        "CopyRequest",
        "BytesWriteRequest",
        "ValueWriteRequest",
        "InstanceRequest",
        "Wasi",
        "InvokeRequest",
        "TypedArgument"
      })
  void aRequestSchemaRefusesUnknownFieldsAsTheServiceDoes(String schema) {
    assertThat((Object) at("components", "schemas", schema, "additionalProperties"))
        .isEqualTo(false);
  }

  @Test
  void aValueWriteTakesExactlyOneOfValueAndBitsAndBitsAreDigits() {
    assertThat((Object) at("components", "schemas", "ValueWriteRequest", "minProperties"))
        .isEqualTo(1);
    assertThat((Object) at("components", "schemas", "ValueWriteRequest", "maxProperties"))
        .isEqualTo(1);
    assertThat(
            (Object)
                at("components", "schemas", "ValueWriteRequest", "properties", "bits", "pattern"))
        .isEqualTo("^[0-9]{1,20}$");
    assertThat(
            (Object)
                at("components", "schemas", "BytesWriteRequest", "properties", "data", "pattern"))
        .isEqualTo(Base64Text.PATTERN);
    assertThat(
            (Object)
                at("components", "schemas", "BytesWriteRequest", "properties", "data", "format"))
        .isEqualTo("byte");
  }

  @Test
  void anEmptyWriteIsAValidOne() {
    assertThat(((Map<String, Object>) operation("writeBytes").get("requestBody")).get("required"))
        .isEqualTo(false);
  }

  /** {@code type: [integer, "null"]} and {@code [number, string]} broke openapi-generator. */
  @Test
  void noSchemaHasSeveralTypes() {
    List<String> unions = new ArrayList<>();
    collectUnions(spec, "", unions);
    assertThat(unions).isEmpty();
  }

  private static void collectUnions(Object node, String path, List<String> unions) {
    if (node instanceof Map<?, ?> map) {
      if (map.get("type") instanceof List<?>) {
        unions.add(path);
      }
      map.forEach((key, value) -> collectUnions(value, path + "/" + key, unions));
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        collectUnions(list.get(i), path + "/" + i, unions);
      }
    }
  }

  /** A generated client takes its return type from the first; raw bytes are the default. */
  @Test
  void readBytesListsTheRawRepresentationFirst() {
    Map<String, Object> content = (Map<String, Object>) response("readBytes", "200").get("content");
    assertThat(content.keySet())
        .containsExactly("application/octet-stream", "application/json", "text/plain");
  }

  /**
   * openapi-generator refuses a 3.1 license without identifier; Redocly wants security said: a
   * bearer token (memory.security=jwt, Swagger UI's Authorize button) or none (open mode).
   */
  @Test
  void theLicenseHasAnIdentifierAndSecurityIsDeclared() {
    assertThat((Object) at("info", "license", "identifier")).isEqualTo("Apache-2.0");
    assertThat((Object) at("security")).isEqualTo(List.of(Map.of("bearer", List.of()), Map.of()));
    assertThat((Object) at("components", "securitySchemes", "bearer", "scheme"))
        .isEqualTo("bearer");
    assertThat((Object) at("components", "securitySchemes", "bearer", "bearerFormat"))
        .isEqualTo("JWT");
  }

  /** In jwt mode any operation may be refused its token or scope, or rate-limited anywhere. */
  @Test
  @SuppressWarnings("unchecked")
  void everyOperationDeclaresTheRefusalsOfAccessControl() {
    for (String id : operationIds()) {
      assertThat(response(id, "401")).as(id + " 401").isNotNull();
      assertThat(response(id, "403")).as(id + " 403").isNotNull();
      assertThat(response(id, "429")).as(id + " 429").isNotNull();
      assertThat((Map<String, Object>) response(id, "401").get("headers"))
          .containsKey("WWW-Authenticate");
      assertThat((Map<String, Object>) response(id, "429").get("headers"))
          .containsKey("Retry-After");
    }
  }
}
