package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wasmmemory.store.MemoryStore;
import dev.wasmmemory.testing.Bytes;
import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.Problems;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** {@code POST /memories}, {@code GET /memories}, {@code GET} and {@code DELETE /memories/{id}}. */
@DefaultDeployment
class MemoryLifecycleTest {
  private static final String UUID_PATTERN =
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

  @Autowired MockMvc mvc;
  @Autowired MemoryStore store;
  MemoryApi api;

  @BeforeEach
  void setUp() {
    api = new MemoryApi(mvc);
  }

  @Test
  void createAnswers201WithLocationETagAndMemoryInfo() throws Exception {
    MvcResult result =
        mvc.perform(
                post("/memories")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"initialPages\":1,\"maximumPages\":16}"))
            .andExpect(status().isCreated())
            .andExpect(header().exists("ETag"))
            .andReturn();
    JsonNode info = Json.read(result);
    String id = info.get("id").stringValue();
    assertThat(result.getResponse().getHeader("Location")).isEqualTo("/memories/" + id);
    assertThat(result.getResponse().getContentType()).startsWith("application/json");
    assertThat(info.get("initialPages").asInt()).isEqualTo(1);
    assertThat(info.get("maximumPages").asInt()).isEqualTo(16);
    assertThat(info.get("currentPages").asInt()).isEqualTo(1);
    assertThat(info.get("sizeBytes").asLong()).isEqualTo(65536);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"initialPages\":2}", "{\"initialPages\":2,\"maximumPages\":null}"})
  void aMemoryWithoutMaximumReportsANullMaximum(String body) throws Exception {
    JsonNode info =
        Json.read(
            mvc.perform(post("/memories").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andReturn());
    assertThat(info.has("maximumPages")).isTrue();
    assertThat(info.get("maximumPages").isNull()).isTrue();
    assertThat(info.get("sizeBytes").asLong()).isEqualTo(2 * 65536);
  }

  @Test
  void aNewMemoryIsZeroed() throws Exception {
    String id = api.create(2, 2L);
    assertThat(api.read(id)).isEqualTo(new byte[2 * 65536]);
  }

  @Test
  void aMemoryOfZeroPagesIsEmpty() throws Exception {
    String id = api.create(0, 0L);
    assertThat(api.info(id).get("sizeBytes").asLong()).isZero();
    assertThat(api.read(id)).isEmpty();
  }

  @Test
  void aFullSizeMemoryOf65536PagesCostsNothingUntilWritten() throws Exception {
    long used = store.storedBytes();
    String id = api.create(65536, 65536L);
    JsonNode info = api.info(id);
    assertThat(info.get("currentPages").asInt()).isEqualTo(65536);
    assertThat(info.get("sizeBytes").asLong()).isEqualTo(4_294_967_296L);
    assertThat(store.storedBytes()).isEqualTo(used);
    assertThat(api.read(id, 4_294_967_295L, 1)).containsExactly(0);
    mvc.perform(delete("/memories/{id}", id)).andExpect(status().isNoContent());
  }

  @Test
  void idsAreRandomUuids() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(api.create(0));
    }
    assertThat(ids).allMatch(id -> id.matches(UUID_PATTERN)).doesNotHaveDuplicates();
  }

  @Test
  void getAnswersTheMemoryInfoWithAnETag() throws Exception {
    String id = api.create(3, null);
    api.write(id, 0, new byte[] {1});
    MvcResult result =
        mvc.perform(get("/memories/{id}", id))
            .andExpect(status().isOk())
            .andExpect(header().exists("ETag"))
            .andReturn();
    JsonNode info = Json.read(result);
    assertThat(info.get("id").stringValue()).isEqualTo(id);
    assertThat(info.get("initialPages").asInt()).isEqualTo(3);
    assertThat(info.get("maximumPages").isNull()).isTrue();
    assertThat(info.get("currentPages").asInt()).isEqualTo(3);
    assertThat(info.get("sizeBytes").asLong()).isEqualTo(3 * 65536);
  }

  @Test
  void theListHoldsEveryMemoryOldestFirst() throws Exception {
    String first = api.create(0);
    String second = api.create(1, 1L);
    JsonNode list = Json.read(mvc.perform(get("/memories")).andExpect(status().isOk()).andReturn());
    List<String> ids = new ArrayList<>();
    for (JsonNode memory : list.get("memories")) {
      ids.add(memory.get("id").stringValue());
      if (memory.get("id").stringValue().equals(second)) {
        assertThat(memory.get("maximumPages").asInt()).isEqualTo(1);
        assertThat(memory.get("sizeBytes").asLong()).isEqualTo(65536);
      }
    }
    assertThat(ids).contains(first, second);
    assertThat(ids.indexOf(first)).isLessThan(ids.indexOf(second));
  }

  @Test
  void deleteAnswers204AndTheMemoryIsGone() throws Exception {
    String id = api.create(1);
    mvc.perform(delete("/memories/{id}", id)).andExpect(status().isNoContent());

    JsonNode problem =
        Problems.expect(mvc.perform(get("/memories/{id}", id)), 404, "memory-not-found");
    assertThat(problem.get("memoryId").stringValue()).isEqualTo(id);
    Problems.expect(mvc.perform(get("/memories/{id}/bytes", id)), 404, "memory-not-found");
    Problems.expect(mvc.perform(delete("/memories/{id}", id)), 404, "memory-not-found");
    JsonNode list = Json.read(mvc.perform(get("/memories")).andReturn());
    assertThat(list.get("memories").findValuesAsString("id")).doesNotContain(id);
  }

  @Test
  void deletingAMemoryGivesItsPagesBackToTheBudget() throws Exception {
    long used = store.storedBytes();
    String id = api.createHolding(3, Bytes.random(1, 3 * 65536));
    assertThat(store.storedBytes()).isEqualTo(used + 3 * 65536);
    mvc.perform(delete("/memories/{id}", id)).andExpect(status().isNoContent());
    assertThat(store.storedBytes()).isEqualTo(used);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "no-such-memory",
        "00000000-0000-0000-0000-000000000000",
        "4c7bd5c2-2b0e-4f0e-9b5c-8e9e2f0c1a11"
      })
  void anUnknownIdIsA404NamingIt(String id) throws Exception {
    JsonNode problem =
        Problems.expect(mvc.perform(get("/memories/{id}", id)), 404, "memory-not-found");
    assertThat(problem.get("memoryId").stringValue()).isEqualTo(id);
    problem = Problems.expect(mvc.perform(delete("/memories/{id}", id)), 404, "memory-not-found");
    assertThat(problem.get("memoryId").stringValue()).isEqualTo(id);
  }

  @Test
  void idsAreCaseSensitive() throws Exception {
    String id = api.create(0);
    Problems.expect(mvc.perform(get("/memories/{id}", id.toUpperCase())), 404, "memory-not-found");
  }

  @ParameterizedTest(name = "{0} -> field {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{}                                          | initialPages",
        "{\"initialPages\":null}                     | initialPages",
        "{\"maximumPages\":4}                        | initialPages",
        "{\"initialPages\":-1}                       | initialPages",
        "{\"initialPages\":1.5}                      | initialPages",
        "{\"initialPages\":\"1\"}                    | initialPages",
        "{\"initialPages\":true}                     | initialPages",
        "{\"initialPages\":[1]}                      | initialPages",
        "{\"initialPages\":65537}                    | initialPages",
        "{\"initialPages\":4294967296}               | initialPages",
        "{\"initialPages\":1e400}                    | initialPages",
        "{\"initialPages\":18446744073709551616}     | initialPages",
        "{\"initialPages\":1,\"maximumPages\":-18446744073709551616} | maximumPages",
        "{\"initialPages\":1,\"maximumPages\":-1}    | maximumPages",
        "{\"initialPages\":1,\"maximumPages\":65537} | maximumPages",
        "{\"initialPages\":1,\"maximumPages\":2.5}   | maximumPages",
        "{\"initialPages\":2,\"maximumPages\":1}     | maximumPages",
        "{\"initialPages\":1,\"pages\":1}            | pages",
      })
  void anInvalidCreateIsA400NamingTheField(String body, String field) throws Exception {
    JsonNode problem =
        Problems.expect(
            mvc.perform(post("/memories").contentType(MediaType.APPLICATION_JSON).content(body)),
            400,
            "invalid-request");
    assertThat(problem.path("field").asString()).isEqualTo(field);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "null",
        "[1]",
        "\"initialPages\"",
        "{\"initialPages\":1",
        "{\"initialPages\":1}}",
        "{initialPages:1}"
      })
  void aMalformedCreateIsA400(String body) throws Exception {
    Problems.expect(
        mvc.perform(post("/memories").contentType(MediaType.APPLICATION_JSON).content(body)),
        400,
        "invalid-request");
  }

  @Test
  void initialAboveMaximumExplainsBothLimits() throws Exception {
    JsonNode problem =
        Problems.expect(
            mvc.perform(
                post("/memories")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"initialPages\":3,\"maximumPages\":2}")),
            400,
            "invalid-request");
    assertThat(problem.get("initialPages").asInt()).isEqualTo(3);
    assertThat(problem.get("maximumPages").asInt()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/xml", "application/octet-stream"})
  void createWithAnotherMediaTypeIsA415(String contentType) throws Exception {
    Problems.expect(
        mvc.perform(post("/memories").contentType(contentType).content("{\"initialPages\":1}")),
        415,
        "unsupported-media-type");
  }

  @Test
  void memoryInfoInAnotherMediaTypeIsA406() throws Exception {
    String id = api.create(0);
    Problems.expect(
        mvc.perform(get("/memories/{id}", id).accept(MediaType.TEXT_PLAIN)), 406, "not-acceptable");
    Problems.expect(
        mvc.perform(get("/memories/{id}", id).header("Accept", "foo")), 406, "not-acceptable");
  }
}
