package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wasmmemory.testing.Bytes;
import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.Snapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/** {@code POST /memories/{id}/grow}: wasmi's grow, returning the previous size. */
@DefaultDeployment
class GrowTest {
  @Autowired MockMvc mvc;
  MemoryApi api;

  @BeforeEach
  void setUp() {
    api = new MemoryApi(mvc);
  }

  private ResultActions grow(String id, String body) throws Exception {
    return mvc.perform(
        post("/memories/{id}/grow", id).contentType(MediaType.APPLICATION_JSON).content(body));
  }

  @Test
  void growAnswersThePreviousAndCurrentPages() throws Exception {
    String id = api.create(1, 16L);
    JsonNode grown = Json.read(grow(id, "{\"pages\":2}").andExpect(status().isOk()).andReturn());
    assertThat(grown.get("previousPages").asInt()).isEqualTo(1);
    assertThat(grown.get("currentPages").asInt()).isEqualTo(3);
    JsonNode info = api.info(id);
    assertThat(info.get("currentPages").asInt()).isEqualTo(3);
    assertThat(info.get("sizeBytes").asLong()).isEqualTo(3 * 65536);
    assertThat(info.get("initialPages").asInt()).isEqualTo(1);
  }

  @Test
  void growByZeroIsAllowedAndKeepsTheSize() throws Exception {
    String id = api.create(2, 2L);
    JsonNode grown = Json.read(grow(id, "{\"pages\":0}").andExpect(status().isOk()).andReturn());
    assertThat(grown.get("previousPages").asInt()).isEqualTo(2);
    assertThat(grown.get("currentPages").asInt()).isEqualTo(2);
    assertThat(api.info(id).get("currentPages").asInt()).isEqualTo(2);
  }

  @Test
  void grownPagesAreZeroedAndKeepTheOldBytes() throws Exception {
    byte[] content = Bytes.random(7, 65536);
    String id = api.createHolding(1, content);
    grow(id, "{\"pages\":1}").andExpect(status().isOk());
    byte[] all = api.read(id);
    assertThat(all).hasSize(2 * 65536);
    assertThat(java.util.Arrays.copyOf(all, 65536)).isEqualTo(content);
    assertThat(java.util.Arrays.copyOfRange(all, 65536, 2 * 65536)).isEqualTo(new byte[65536]);
    api.write(id, 2 * 65536 - 1, new byte[] {42});
    assertThat(api.read(id, 2 * 65536 - 1, 1)).containsExactly(42);
  }

  @Test
  void growUpToExactlyTheMaximumSucceeds() throws Exception {
    String id = api.create(1, 4L);
    grow(id, "{\"pages\":3}").andExpect(status().isOk());
    assertThat(api.info(id).get("currentPages").asInt()).isEqualTo(4);
  }

  @Test
  void growPastMaximumIsA422AndChangesNothing() throws Exception {
    String id = api.create(1, 2L);
    api.write(id, 0, Bytes.random(3, 100));
    Snapshot before = api.snapshot(id);
    String path = "/memories/" + id + "/grow";
    JsonNode problem = Problems.expect(grow(id, "{\"pages\":2}"), 422, "grow-limit-exceeded");
    assertThat(problem.get("currentPages").asInt()).isEqualTo(1);
    assertThat(problem.get("maximumPages").asInt()).isEqualTo(2);
    assertThat(problem.get("instance").asString()).isEqualTo(path);
    api.assertUnchanged(id, before);
  }

  @Test
  void growPastMaximumOfAFullMemoryIsA422() throws Exception {
    String id = api.create(3, 3L);
    JsonNode problem = Problems.expect(grow(id, "{\"pages\":1}"), 422, "grow-limit-exceeded");
    assertThat(problem.get("currentPages").asInt()).isEqualTo(3);
    assertThat(problem.get("maximumPages").asInt()).isEqualTo(3);
  }

  @Test
  void growPastTheImplicitMaximumOf65536PagesIsA422() throws Exception {
    String id = api.create(65000);
    JsonNode problem = Problems.expect(grow(id, "{\"pages\":537}"), 422, "grow-limit-exceeded");
    assertThat(problem.get("currentPages").asInt()).isEqualTo(65000);
    assertThat(problem.get("maximumPages").asInt()).isEqualTo(65536);
    assertThat(api.info(id).get("currentPages").asInt()).isEqualTo(65000);

    grow(id, "{\"pages\":536}").andExpect(status().isOk());
    JsonNode info = api.info(id);
    assertThat(info.get("currentPages").asInt()).isEqualTo(65536);
    assertThat(info.get("sizeBytes").asLong()).isEqualTo(4_294_967_296L);
  }

  @Test
  void growByMoreThan65536PagesIsA400() throws Exception {
    String id = api.create(0);
    JsonNode problem = Problems.expect(grow(id, "{\"pages\":65537}"), 400, "invalid-request");
    assertThat(problem.get("field").asString()).isEqualTo("pages");
    assertThat(api.info(id).get("currentPages").asInt()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"pages\":null}",
        "{\"pages\":-1}",
        "{\"pages\":1.5}",
        "{\"pages\":\"1\"}",
        "{\"pages\":true}",
        "{\"pages\":1e400}",
        "{\"pages\":4294967297}"
      })
  void anInvalidGrowIsA400NamingPages(String body) throws Exception {
    String id = api.create(1);
    JsonNode problem = Problems.expect(grow(id, body), 400, "invalid-request");
    assertThat(problem.get("field").asString()).isEqualTo("pages");
    assertThat(api.info(id).get("currentPages").asInt()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{\"pages\":1", "[1]", "{\"pages\":1,\"by\":2}"})
  void aMalformedGrowIsA400(String body) throws Exception {
    String id = api.create(1);
    Problems.expect(grow(id, body), 400, "invalid-request");
    assertThat(api.info(id).get("currentPages").asInt()).isEqualTo(1);
  }

  @Test
  void growOfAnUnknownMemoryIsA404() throws Exception {
    JsonNode problem = Problems.expect(grow("nope", "{\"pages\":1}"), 404, "memory-not-found");
    assertThat(problem.get("memoryId").asString()).isEqualTo("nope");
  }

  @Test
  void growWithAnotherMediaTypeIsA415() throws Exception {
    String id = api.create(1);
    Problems.expect(
        mvc.perform(
            post("/memories/{id}/grow", id)
                .contentType(MediaType.TEXT_PLAIN)
                .content("{\"pages\":1}")),
        415,
        "unsupported-media-type");
  }
}
