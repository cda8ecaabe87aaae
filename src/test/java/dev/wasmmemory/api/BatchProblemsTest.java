package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.ServiceHttp;
import dev.wasmmemory.testing.Snapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Every refusal of a batch, through MockMvc and over a real socket: the problem's status, type,
 * {@code field} and {@code index} (the operation at fault, when one is), and the memory unchanged.
 * The memory has 1 page and may grow to 2. A body over the size limit and a batch over the budget
 * are in {@link PayloadTooLargeTest} and {@link BudgetExceededTest} (a deployment with limits).
 */
@DefaultDeployment
class BatchProblemsTest {
  private static final String GET = "{\"op\":\"get\",\"offset\":0,\"length\":1}";

  @Autowired MockMvc mvc;
  @LocalServerPort int port;
  MemoryApi api;
  String id;
  Snapshot before;

  /**
   * A refused batch: the body, extra headers, and what the problem must say; {@code field} and
   * {@code index} null where the problem has none.
   */
  record Row(
      String name,
      String body,
      Map<String, String> headers,
      int status,
      String type,
      String field,
      Integer index) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Row invalid(String name, String body, String field, Integer index) {
    return new Row(name, body, Map.of(), 400, "invalid-request", field, index);
  }

  private static String ops(String... operations) {
    return "{\"operations\":[" + String.join(",", operations) + "]}";
  }

  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    rows.add(invalid("malformed JSON", "{\"operations\":[", null, null));
    rows.add(invalid("a body that is no object", "[]", "", null));
    rows.add(invalid("an unknown field", "{\"operations\":[],\"atomic\":true}", "atomic", null));
    rows.add(invalid("no operations", "{}", "operations", null));
    rows.add(invalid("operations null", "{\"operations\":null}", "operations", null));
    rows.add(invalid("operations not an array", "{\"operations\":{}}", "operations", null));
    rows.add(invalid("an operation that is no object", ops(GET, "1"), "operations[1].op", 1));
    rows.add(invalid("a null operation", ops(GET, "null"), "operations[1]", 1));
    rows.add(
        invalid(
            "an unknown op", ops(GET, "{\"op\":\"swap\",\"offset\":0}"), "operations[1].op", 1));
    rows.add(invalid("no op", ops("{\"offset\":0,\"length\":1}"), "operations[0].op", 0));
    rows.add(
        invalid(
            "an unknown field in an operation",
            ops(GET, GET, "{\"op\":\"getValue\",\"type\":\"u8\",\"offset\":0,\"length\":1}"),
            "operations[2].length",
            2));
    rows.add(
        invalid(
            "a field given twice",
            ops(GET, "{\"op\":\"get\",\"offset\":0,\"offset\":1,\"length\":1}"),
            "operations[1].offset",
            1));
    rows.add(
        invalid(
            "an offset as a string",
            ops("{\"op\":\"get\",\"offset\":\"0\",\"length\":1}"),
            "operations[0].offset",
            0));
    rows.add(
        invalid(
            "a fractional offset",
            ops(GET, "{\"op\":\"get\",\"offset\":0.5,\"length\":1}"),
            "operations[1].offset",
            1));
    rows.add(
        invalid(
            "a negative offset",
            ops(GET, "{\"op\":\"setValue\",\"type\":\"u8\",\"offset\":-1,\"value\":1}"),
            "operations[1].offset",
            1));
    rows.add(
        invalid(
            "an offset past 2^32 - 1",
            ops("{\"op\":\"fill\",\"offset\":4294967296,\"length\":1}"),
            "operations[0].offset",
            0));
    rows.add(
        invalid(
            "a missing length", ops("{\"op\":\"get\",\"offset\":0}"), "operations[0].length", 0));
    rows.add(
        invalid(
            "a value out of its type's range",
            ops(GET, "{\"op\":\"setValue\",\"type\":\"u8\",\"offset\":0,\"value\":300}"),
            "operations[1].value",
            1));
    rows.add(
        invalid(
            "both value and bits",
            ops("{\"op\":\"setValue\",\"type\":\"f32\",\"offset\":0,\"value\":1,\"bits\":\"1\"}"),
            "operations[0].value",
            0));
    rows.add(
        invalid(
            "bits as a number",
            ops("{\"op\":\"setValue\",\"type\":\"f32\",\"offset\":0,\"bits\":7}"),
            "operations[0].bits",
            0));
    rows.add(
        invalid(
            "bad base64",
            ops("{\"op\":\"set\",\"offset\":0,\"data\":\"AQI\"}"),
            "operations[0].data",
            0));
    rows.add(
        invalid(
            "an unknown type",
            ops("{\"op\":\"getValue\",\"type\":\"i128\",\"offset\":0}"),
            "operations[0].type",
            0));
    rows.add(
        invalid(
            "a fill value past 255",
            ops("{\"op\":\"fill\",\"offset\":0,\"length\":1,\"value\":256}"),
            "operations[0].value",
            0));
    rows.add(
        invalid(
            "grow past 65536 pages",
            ops("{\"op\":\"grow\",\"pages\":65537}"),
            "operations[0].pages",
            0));
    rows.add(
        invalid(
            "gets past memory.max-encoded-region in all",
            ops(
                "{\"op\":\"get\",\"offset\":0,\"length\":16777216}",
                "{\"op\":\"get\",\"offset\":0,\"length\":1}"),
            "operations[1].length",
            1));
    String[] many = new String[10001];
    java.util.Arrays.fill(many, "{\"op\":\"getValue\",\"type\":\"u8\",\"offset\":0}");
    rows.add(invalid("more than memory.max-batch-operations", ops(many), "operations", null));
    rows.add(
        new Row(
            "a body that is not JSON",
            ops(GET),
            Map.of("Content-Type", "text/plain"),
            415,
            "unsupported-media-type",
            null,
            null));
    rows.add(
        new Row(
            "an Accept without JSON",
            ops(GET),
            Map.of("Accept", "text/plain"),
            406,
            "not-acceptable",
            null,
            null));
    rows.add(
        new Row(
            "a stale If-Match",
            ops(GET),
            Map.of("If-Match", "\"123456789\""),
            412,
            "precondition-failed",
            null,
            null));
    rows.add(
        new Row(
            "an operation out of bounds",
            ops(
                "{\"op\":\"set\",\"offset\":0,\"data\":\"AQI=\"}",
                "{\"op\":\"getValue\",\"type\":\"i64\",\"offset\":65529}"),
            Map.of(),
            422,
            "out-of-bounds",
            null,
            1));
    rows.add(
        new Row(
            "offset + length past 2^32",
            ops("{\"op\":\"get\",\"offset\":4294967295,\"length\":2}"),
            Map.of(),
            422,
            "out-of-bounds",
            null,
            0));
    rows.add(
        new Row(
            "a grow past the maximum",
            ops("{\"op\":\"grow\",\"pages\":1}", GET, "{\"op\":\"grow\",\"pages\":1}"),
            Map.of(),
            422,
            "grow-limit-exceeded",
            null,
            2));
    rows.add(
        new Row(
            "a non-overlapping copy of overlapping regions",
            ops(
                "{\"op\":\"copy\",\"sourceOffset\":0,\"destinationOffset\":2,\"length\":4,"
                    + "\"nonOverlapping\":true}"),
            Map.of(),
            422,
            "regions-overlap",
            null,
            0));
    return rows;
  }

  static Stream<Arguments> rowsOverEachTransport() {
    return rows().stream()
        .flatMap(row -> Stream.of(Arguments.of(row, "MockMvc"), Arguments.of(row, "socket")));
  }

  @BeforeEach
  void setUp() throws Exception {
    api = new MemoryApi(mvc);
    id = api.create(1, 2L);
    api.write(id, 0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    before = api.snapshot(id);
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("rowsOverEachTransport")
  void aRefusedBatchIsItsProblemAndChangesNothing(Row row, String transport) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.putAll(row.headers());
    JsonNode problem =
        transport.equals("MockMvc")
            ? Problems.expect(
                mvc.perform(withHeaders(headers, row.body())), row.status(), row.type())
            : Problems.expect(
                new ServiceHttp(port)
                    .send(
                        "POST",
                        "/memories/" + id + "/batch",
                        headers,
                        row.body().getBytes(StandardCharsets.UTF_8)),
                row.status(),
                row.type());

    if (row.field() != null) {
      assertThat(problem.path("field").asString()).as("field").isEqualTo(row.field());
    }
    if (row.index() != null) {
      assertThat(problem.path("index").asInt(-1)).as("index").isEqualTo(row.index());
      assertThat(problem.path("detail").asString()).startsWith("operation " + row.index());
    } else {
      assertThat(problem.has("index")).as("index in %s", problem).isFalse();
    }
    api.assertUnchanged(id, before);
  }

  private org.springframework.test.web.servlet.RequestBuilder withHeaders(
      Map<String, String> headers, String body) {
    var request = post("/memories/{id}/batch", id).content(body);
    headers.forEach(request::header);
    return request;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aBatchOnAnUnknownMemoryIs404(String transport) throws Exception {
    String body = ops(GET);
    String path = "/memories/no-such-memory/batch";
    Map<String, String> headers = Map.of("Content-Type", "application/json");
    JsonNode problem =
        transport.equals("MockMvc")
            ? Problems.expect(
                mvc.perform(post(path).contentType("application/json").content(body)),
                404,
                "memory-not-found")
            : Problems.expect(
                new ServiceHttp(port)
                    .send("POST", path, headers, body.getBytes(StandardCharsets.UTF_8)),
                404,
                "memory-not-found");
    assertThat(problem.get("memoryId").asString()).isEqualTo("no-such-memory");
    assertThat(problem.has("index")).isFalse();
  }

  static Stream<String> transports() {
    return Stream.of("MockMvc", "socket");
  }
}
