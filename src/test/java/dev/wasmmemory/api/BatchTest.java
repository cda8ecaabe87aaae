package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.ServiceHttp;
import dev.wasmmemory.testing.Snapshot;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /memories/{id}/batch}: operations applied in order, their results in order, one
 * version step (and one ETag) for the whole batch, If-Match on the batch, nothing applied when one
 * fails. The refusals, row by row, are in {@link BatchProblemsTest}.
 */
@DefaultDeployment
class BatchTest {
  private static final int PAGE = 65536;
  private static final String GET_ONE = "{\"op\":\"get\",\"offset\":0,\"length\":1}";

  @Autowired MockMvc mvc;
  @LocalServerPort int port;
  MemoryApi api;

  @BeforeEach
  void setUp() {
    api = new MemoryApi(mvc);
  }

  private ResultActions batch(String id, String operations, String ifMatch) throws Exception {
    var request =
        post("/memories/{id}/batch", id)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"operations\":[" + operations + "]}");
    if (ifMatch != null) {
      request.header(HttpHeaders.IF_MATCH, ifMatch);
    }
    return mvc.perform(request);
  }

  private JsonNode ok(ResultActions answer) throws Exception {
    return Json.read(answer.andExpect(status().isOk()).andReturn());
  }

  @Test
  void everyOperationRunsInOrderAndAnswersItsResult() throws Exception {
    String id = api.create(1, 4L);
    JsonNode answer =
        ok(
            batch(
                id,
                """
                {"op":"setValue","type":"i32","offset":8,"value":42},
                {"op":"set","offset":16,"data":"3q2+7w=="},
                {"op":"setValue","type":"f64","offset":24,"value":1.5},
                {"op":"getValue","type":"f64","offset":24},
                {"op":"get","offset":16,"length":4},
                {"op":"fill","offset":0,"length":4,"value":255},
                {"op":"copy","sourceOffset":0,"destinationOffset":32,"length":4},
                {"op":"grow","pages":1},
                {"op":"setValue","type":"u64","offset":65540,"value":"18446744073709551615"},
                {"op":"getValue","type":"i64","offset":65540},
                {"op":"getValue","type":"i32","offset":8}""",
                null));

    JsonNode results = answer.get("results");
    assertThat(results).hasSize(11);
    for (int i : new int[] {0, 1, 2, 5, 6, 8}) {
      assertThat(results.get(i).isNull()).as("result %d", i).isTrue();
    }
    assertThat(results.get(3).toString())
        .isEqualTo("{\"type\":\"f64\",\"value\":1.5,\"bits\":\"4609434218613702656\"}");
    assertThat(results.get(4).toString()).isEqualTo("{\"data\":\"3q2+7w==\"}");
    assertThat(results.get(7).toString()).isEqualTo("{\"previousPages\":1}");
    assertThat(results.get(9).toString()).isEqualTo("{\"type\":\"i64\",\"value\":\"-1\"}");
    assertThat(results.get(10).toString()).isEqualTo("{\"type\":\"i32\",\"value\":42}");
    assertThat(api.read(id, 0, 8)).containsExactly(0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0);
    assertThat(api.read(id, 32, 4)).containsExactly(0xFF, 0xFF, 0xFF, 0xFF);
    assertThat(api.info(id).get("currentPages").asInt()).isEqualTo(2);
  }

  @Test
  void aBatchIsOneVersionStepAndItsEtagIsTheMemorysNewOne() throws Exception {
    String id = api.create(1);
    long before = Long.parseLong(api.etag(id).replace("\"", ""));
    ResultActions answer =
        batch(
            id,
            """
            {"op":"setValue","type":"u8","offset":0,"value":1},
            {"op":"setValue","type":"u8","offset":1,"value":2},
            {"op":"fill","offset":2,"length":2,"value":3}""",
            null);
    JsonNode body =
        ok(answer.andExpect(header().string(HttpHeaders.ETAG, "\"" + (before + 1) + "\"")));
    assertThat(body.get("version").asLong()).isEqualTo(before + 1);
    assertThat(api.etag(id)).isEqualTo("\"" + (before + 1) + "\"");
    assertThat(api.read(id, 0, 4)).containsExactly(1, 2, 3, 3);
  }

  @Test
  void aBatchThatOnlyReadsLeavesTheVersionAndAnEmptyOneIsValid() throws Exception {
    String id = api.create(1);
    String tag = api.etag(id);
    batch(id, "{\"op\":\"get\",\"offset\":0,\"length\":2}", null)
        .andExpect(status().isOk())
        .andExpect(header().string(HttpHeaders.ETAG, tag));
    JsonNode empty = ok(batch(id, "", null).andExpect(header().string(HttpHeaders.ETAG, tag)));
    assertThat(empty.get("results")).isEmpty();
    assertThat(api.etag(id)).isEqualTo(tag);
  }

  @Test
  void ifMatchAppliesToTheWholeBatch() throws Exception {
    String id = api.create(1);
    String tag = api.etag(id);
    String write = "{\"op\":\"setValue\",\"type\":\"u16\",\"offset\":0,\"value\":513}";
    batch(id, write, tag).andExpect(status().isOk());
    Snapshot after = api.snapshot(id);

    JsonNode stale =
        Problems.expect(batch(id, write + "," + write, tag), 412, "precondition-failed");
    assertThat(stale.get("memoryId").asString()).isEqualTo(id);
    assertThat(stale.has("index")).isFalse();
    api.assertUnchanged(id, after);
    batch(id, "{\"op\":\"getValue\",\"type\":\"u8\",\"offset\":0}", tag)
        .andExpect(status().isPreconditionFailed());
    batch(id, write, "*").andExpect(status().isOk());
  }

  @Test
  void aFailingOperationAppliesNothingOfTheBatch() throws Exception {
    String id = api.create(1, 2L);
    api.write(id, 0, new byte[] {9, 9, 9, 9});
    Snapshot before = api.snapshot(id);
    JsonNode problem =
        Problems.expect(
            batch(
                id,
                """
                {"op":"fill","offset":0,"length":4,"value":1},
                {"op":"grow","pages":1},
                {"op":"setValue","type":"i64","offset":131068,"value":1}""",
                null),
            422,
            "out-of-bounds");
    assertThat(problem.get("index").asInt()).isEqualTo(2);
    assertThat(problem.get("sizeBytes").asLong()).isEqualTo(2 * PAGE);
    assertThat(problem.get("detail").asString()).startsWith("operation 2 of the batch: ");
    api.assertUnchanged(id, before);
  }

  @Test
  void theLongestBatchIsAppliedAndOneOperationMoreIsRefusedWhole() throws Exception {
    String id = api.create(1);
    long before = Long.parseLong(api.etag(id).replace("\"", ""));
    StringBuilder longest = new StringBuilder();
    for (int i = 0; i < 10000; i++) {
      longest.append(i == 0 ? "" : ",");
      longest.append("{\"op\":\"setValue\",\"type\":\"u16\",\"offset\":");
      longest.append(2 * i).append(",\"value\":").append(i).append('}');
    }
    JsonNode applied = ok(batch(id, longest.toString(), null));
    assertThat(applied.get("results")).hasSize(10000);
    assertThat(applied.get("version").asLong()).isEqualTo(before + 1);
    assertThat(api.read(id, 2 * 9999, 2)).containsExactly(9999 & 0xFF, 9999 >> 8);

    Snapshot after = api.snapshot(id);
    String oneMore = longest.toString().replace("\"value\":", "\"value\":1") + "," + GET_ONE;
    JsonNode refused = Problems.expect(batch(id, oneMore, null), 400, "invalid-request");
    assertThat(refused.get("field").asString()).isEqualTo("operations");
    assertThat(refused.get("maxOperations").asInt()).isEqualTo(10000);
    assertThat(refused.has("index")).isFalse();
    api.assertUnchanged(id, after);
  }

  @Test
  void overARealSocketTheBatchAnswersItsResultsAndTag() throws Exception {
    ServiceHttp http = new ServiceHttp(port);
    String id = http.create(1);
    HttpResponse<byte[]> answer =
        http.send(
            "POST",
            "/memories/" + id + "/batch",
            Map.of("Content-Type", "application/json", "Accept", "application/json"),
            ("{\"operations\":[{\"op\":\"setValue\",\"type\":\"f32\",\"offset\":0,\"bits\":\"2143289345\"},"
                    + "{\"op\":\"getValue\",\"type\":\"f32\",\"offset\":0}]}")
                .getBytes());
    assertThat(answer.statusCode()).as(ServiceHttp.describe(answer)).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = Json.read(ServiceHttp.text(answer));
    assertThat(body.get("results").get(1).toString())
        .isEqualTo("{\"type\":\"f32\",\"value\":\"NaN\",\"bits\":\"2143289345\"}");
    assertThat(answer.headers().firstValue("ETag")).hasValue(http.etag(id));
  }
}
