package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wasmmemory.testing.Bytes;
import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.Snapshot;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/** {@code POST /memories/{id}/fill} (wasmi clear, zero) and {@code POST …/erase}. */
@DefaultDeployment
class FillAndEraseTest {
  @Autowired MockMvc mvc;
  MemoryApi api;

  @BeforeEach
  void setUp() {
    api = new MemoryApi(mvc);
  }

  private ResultActions fill(String id, String body) throws Exception {
    return mvc.perform(
        post("/memories/{id}/fill", id).contentType(MediaType.APPLICATION_JSON).content(body));
  }

  @Test
  void fillSetsLengthBytesFromOffsetToValue() throws Exception {
    byte[] content = Bytes.random(11, 64);
    String id = api.createHolding(1, content);
    fill(id, "{\"offset\":3,\"length\":5,\"value\":255}").andExpect(status().isNoContent());
    byte[] expected = content.clone();
    Arrays.fill(expected, 3, 8, (byte) 0xFF);
    assertThat(api.read(id, 0, 64)).isEqualTo(expected);
  }

  @Test
  void fillWithoutValueZeroes() throws Exception {
    byte[] content = Bytes.random(12, 64);
    String id = api.createHolding(1, content);
    fill(id, "{\"offset\":10,\"length\":20}").andExpect(status().isNoContent());
    byte[] expected = content.clone();
    Arrays.fill(expected, 10, 30, (byte) 0);
    assertThat(api.read(id, 0, 64)).isEqualTo(expected);
  }

  @Test
  void fillCrossesPageBoundaries() throws Exception {
    String id = api.create(3);
    fill(id, "{\"offset\":65000,\"length\":70000,\"value\":7}").andExpect(status().isNoContent());
    byte[] all = api.read(id);
    for (int i = 0; i < all.length; i++) {
      assertThat(all[i]).as("byte %d", i).isEqualTo((byte) (i >= 65000 && i < 135000 ? 7 : 0));
    }
  }

  @Test
  void fillOfZeroLengthAtTheEndIsInBounds() throws Exception {
    String id = api.create(1);
    fill(id, "{\"offset\":65536,\"length\":0,\"value\":1}").andExpect(status().isNoContent());
  }

  @Test
  void fillOfTheLastByteIsInBounds() throws Exception {
    String id = api.create(1);
    fill(id, "{\"offset\":65535,\"length\":1,\"value\":9}").andExpect(status().isNoContent());
    assertThat(api.read(id, 65535, 1)).containsExactly(9);
  }

  @ParameterizedTest(name = "offset {0}, length {1}")
  @CsvSource({
    "65530, 7",
    "65536, 1",
    "65537, 0",
    "0, 65537",
    "4294967295, 1",
    "4294967295, 4294967295",
    "1, 4294967295",
    "4294967294, 2"
  })
  void fillOutsideTheMemoryIsA422AndChangesNothing(long offset, long length) throws Exception {
    String id = api.createHolding(1, Bytes.random(13, 65536));
    Snapshot before = api.snapshot(id);
    JsonNode problem =
        Problems.expect(
            fill(id, "{\"offset\":" + offset + ",\"length\":" + length + ",\"value\":1}"),
            422,
            "out-of-bounds");
    assertThat(problem.get("offset").asLong()).isEqualTo(offset);
    assertThat(problem.get("length").asLong()).isEqualTo(length);
    assertThat(problem.get("sizeBytes").asLong()).isEqualTo(65536);
    api.assertUnchanged(id, before);
  }

  @ParameterizedTest(name = "{0} -> field {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"length\":1}                                 | offset",
        "{\"offset\":0}                                 | length",
        "{\"offset\":-1,\"length\":1}                   | offset",
        "{\"offset\":0,\"length\":-1}                   | length",
        "{\"offset\":4294967296,\"length\":0}           | offset",
        "{\"offset\":0,\"length\":4294967296}           | length",
        "{\"offset\":0.5,\"length\":1}                  | offset",
        "{\"offset\":\"0\",\"length\":1}                | offset",
        "{\"offset\":0,\"length\":1,\"value\":256}      | value",
        "{\"offset\":0,\"length\":1,\"value\":-1}       | value",
        "{\"offset\":0,\"length\":1,\"value\":1.5}      | value",
        "{\"offset\":0,\"length\":1,\"value\":\"ff\"}   | value",
        "{\"offset\":0,\"length\":1,\"byte\":1}         | byte",
      })
  void anInvalidFillIsA400NamingTheFieldAndChangesNothing(String body, String field)
      throws Exception {
    String id = api.createHolding(1, Bytes.random(14, 256));
    Snapshot before = api.snapshot(id);
    JsonNode problem = Problems.expect(fill(id, body), 400, "invalid-request");
    assertThat(problem.get("field").asString()).isEqualTo(field);
    api.assertUnchanged(id, before);
  }

  @Test
  void fillOfAnUnknownMemoryIsA404() throws Exception {
    Problems.expect(fill("nope", "{\"offset\":0,\"length\":1}"), 404, "memory-not-found");
  }

  @Test
  void fillWithAnotherMediaTypeIsA415() throws Exception {
    String id = api.create(1);
    Problems.expect(
        mvc.perform(
            post("/memories/{id}/fill", id)
                .contentType(MediaType.TEXT_PLAIN)
                .content("{\"offset\":0,\"length\":1}")),
        415,
        "unsupported-media-type");
  }

  @Test
  void eraseZeroesEveryByteAndKeepsTheSize() throws Exception {
    String id = api.createHolding(2, Bytes.random(15, 2 * 65536));
    String etag = api.etag(id);
    mvc.perform(post("/memories/{id}/erase", id)).andExpect(status().isNoContent());
    assertThat(api.read(id)).isEqualTo(new byte[2 * 65536]);
    JsonNode info = api.info(id);
    assertThat(info.get("currentPages").asInt()).isEqualTo(2);
    assertThat(api.etag(id)).isNotEqualTo(etag);
  }

  @Test
  void eraseOfAGrownMemoryKeepsTheGrownSize() throws Exception {
    String id = api.create(1, 4L);
    mvc.perform(
            post("/memories/{id}/grow", id)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"pages\":2}"))
        .andExpect(status().isOk());
    api.write(id, 3 * 65536 - 4, new byte[] {1, 2, 3, 4});
    mvc.perform(post("/memories/{id}/erase", id)).andExpect(status().isNoContent());
    assertThat(api.info(id).get("currentPages").asInt()).isEqualTo(3);
    assertThat(api.read(id)).isEqualTo(new byte[3 * 65536]);
  }

  @Test
  void eraseOfAnUnknownMemoryIsA404() throws Exception {
    JsonNode problem =
        Problems.expect(mvc.perform(post("/memories/{id}/erase", "nope")), 404, "memory-not-found");
    assertThat(problem.get("memoryId").asString()).isEqualTo("nope");
  }
}
