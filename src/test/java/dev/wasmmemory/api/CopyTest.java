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
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /memories/{id}/copy}: wasmi's copy (memmove), copy_nonoverlapping, and transfer from
 * {@code sourceMemoryId}.
 */
@DefaultDeployment
class CopyTest {
  @Autowired MockMvc mvc;
  MemoryApi api;

  @BeforeEach
  void setUp() {
    api = new MemoryApi(mvc);
  }

  private ResultActions copy(String id, String body) throws Exception {
    return mvc.perform(
        post("/memories/{id}/copy", id).contentType(MediaType.APPLICATION_JSON).content(body));
  }

  private static String body(long source, long destination, long length, String more) {
    return "{\"sourceOffset\":"
        + source
        + ",\"destinationOffset\":"
        + destination
        + ",\"length\":"
        + length
        + more
        + "}";
  }

  /** What memmove does to {@code content}. */
  private static byte[] memmove(byte[] content, int source, int destination, int length) {
    byte[] expected = content.clone();
    System.arraycopy(content, source, expected, destination, length);
    return expected;
  }

  @Test
  void copyMovesBytesWithinTheMemory() throws Exception {
    byte[] content = Bytes.counting(64);
    String id = api.createHolding(1, content);
    copy(id, body(0, 32, 16, "")).andExpect(status().isNoContent());
    assertThat(api.read(id, 0, 64)).isEqualTo(memmove(content, 0, 32, 16));
  }

  @Test
  void overlappingCopyForwardBehavesAsMemmove() throws Exception {
    byte[] content = Bytes.counting(32);
    String id = api.createHolding(1, content);
    copy(id, body(0, 4, 16, ",\"nonOverlapping\":false")).andExpect(status().isNoContent());
    assertThat(api.read(id, 0, 32)).isEqualTo(memmove(content, 0, 4, 16));
  }

  @Test
  void overlappingCopyBackwardBehavesAsMemmove() throws Exception {
    byte[] content = Bytes.counting(32);
    String id = api.createHolding(1, content);
    copy(id, body(4, 0, 16, "")).andExpect(status().isNoContent());
    assertThat(api.read(id, 0, 32)).isEqualTo(memmove(content, 4, 0, 16));
  }

  @Test
  void overlappingCopyAcrossPagesBehavesAsMemmove() throws Exception {
    byte[] content = Bytes.random(21, 3 * 65536);
    String id = api.createHolding(3, content);
    copy(id, body(1000, 70000, 100000, "")).andExpect(status().isNoContent());
    assertThat(api.read(id)).isEqualTo(memmove(content, 1000, 70000, 100000));
  }

  @Test
  void copyOfZerosOverDataZeroesIt() throws Exception {
    byte[] content = new byte[2 * 65536];
    Arrays.fill(content, 65536, 2 * 65536, (byte) 5);
    String id = api.createHolding(2, content);
    copy(id, body(0, 65536, 65536, "")).andExpect(status().isNoContent());
    assertThat(api.read(id)).isEqualTo(new byte[2 * 65536]);
  }

  @Test
  void nonOverlappingCopyOfDisjointRegionsSucceeds() throws Exception {
    byte[] content = Bytes.counting(64);
    String id = api.createHolding(1, content);
    copy(id, body(0, 16, 16, ",\"nonOverlapping\":true")).andExpect(status().isNoContent());
    assertThat(api.read(id, 0, 64)).isEqualTo(memmove(content, 0, 16, 16));
  }

  @ParameterizedTest(name = "source {0}, destination {1}, length {2}")
  @CsvSource({"0, 8, 16", "8, 0, 16", "5, 5, 1", "100, 101, 2"})
  void nonOverlappingCopyOfOverlappingRegionsIsA422AndChangesNothing(
      long source, long destination, long length) throws Exception {
    String id = api.createHolding(1, Bytes.random(22, 256));
    Snapshot before = api.snapshot(id);
    JsonNode problem =
        Problems.expect(
            copy(id, body(source, destination, length, ",\"nonOverlapping\":true")),
            422,
            "regions-overlap");
    assertThat(problem.get("sourceOffset").asLong()).isEqualTo(source);
    assertThat(problem.get("destinationOffset").asLong()).isEqualTo(destination);
    assertThat(problem.get("length").asLong()).isEqualTo(length);
    api.assertUnchanged(id, before);
  }

  @Test
  void nonOverlappingCopyOfZeroBytesAtOneOffsetSucceeds() throws Exception {
    String id = api.create(1);
    copy(id, body(8, 8, 0, ",\"nonOverlapping\":true")).andExpect(status().isNoContent());
  }

  @ParameterizedTest(name = "source {0}, destination {1}, length {2}")
  @CsvSource({
    "65530, 0, 7",
    "0, 65530, 7",
    "65536, 0, 1",
    "0, 0, 65537",
    "4294967295, 0, 2",
    "0, 4294967295, 2",
    "1, 1, 4294967295",
    "4294967295, 4294967295, 4294967295"
  })
  void copyOutsideTheMemoryIsA422AndChangesNothing(long source, long destination, long length)
      throws Exception {
    String id = api.createHolding(1, Bytes.random(23, 65536));
    Snapshot before = api.snapshot(id);
    for (String more : new String[] {"", ",\"nonOverlapping\":true"}) {
      JsonNode problem =
          Problems.expect(copy(id, body(source, destination, length, more)), 422, "out-of-bounds");
      assertThat(problem.get("length").asLong()).isEqualTo(length);
      assertThat(problem.get("sizeBytes").asLong()).isEqualTo(65536);
      assertThat(problem.get("offset").asLong()).isIn(source, destination);
    }
    api.assertUnchanged(id, before);
  }

  @Test
  void copyOfZeroBytesAtTheEndIsInBounds() throws Exception {
    String id = api.create(1);
    copy(id, body(65536, 65536, 0, "")).andExpect(status().isNoContent());
  }

  @Test
  void transferCopiesFromTheSourceMemory() throws Exception {
    byte[] sourceContent = Bytes.random(24, 65536);
    String source = api.createHolding(1, sourceContent);
    byte[] destinationContent = Bytes.random(25, 2 * 65536);
    String destination = api.createHolding(2, destinationContent);
    String sourceTag = api.etag(source);

    copy(destination, body(100, 65000, 2000, ",\"sourceMemoryId\":\"" + source + "\""))
        .andExpect(status().isNoContent());

    byte[] expected = destinationContent.clone();
    System.arraycopy(sourceContent, 100, expected, 65000, 2000);
    assertThat(api.read(destination)).isEqualTo(expected);
    assertThat(api.read(source)).isEqualTo(sourceContent);
    assertThat(api.etag(source)).isEqualTo(sourceTag);
  }

  @Test
  void transferBetweenMemoriesOfDifferentSizesChecksEachAgainstItsOwnSize() throws Exception {
    String small = api.createHolding(1, Bytes.random(26, 65536));
    String large = api.createHolding(3, Bytes.random(27, 3 * 65536));
    Snapshot smallBefore = api.snapshot(small);
    Snapshot largeBefore = api.snapshot(large);

    JsonNode problem =
        Problems.expect(
            copy(small, body(0, 0, 65537, ",\"sourceMemoryId\":\"" + large + "\"")),
            422,
            "out-of-bounds");
    assertThat(problem.get("sizeBytes").asLong()).isEqualTo(65536);
    problem =
        Problems.expect(
            copy(large, body(1, 0, 65536, ",\"sourceMemoryId\":\"" + small + "\"")),
            422,
            "out-of-bounds");
    assertThat(problem.get("offset").asLong()).isEqualTo(1);
    assertThat(problem.get("sizeBytes").asLong()).isEqualTo(65536);

    api.assertUnchanged(small, smallBefore);
    api.assertUnchanged(large, largeBefore);
    copy(large, body(0, 2 * 65536, 65536, ",\"sourceMemoryId\":\"" + small + "\""))
        .andExpect(status().isNoContent());
  }

  @Test
  void transferFromAnUnknownMemoryIsA404NamingTheSourceAndChangesNothing() throws Exception {
    String destination = api.createHolding(1, Bytes.random(28, 128));
    Snapshot before = api.snapshot(destination);
    JsonNode problem =
        Problems.expect(
            copy(destination, body(0, 0, 4, ",\"sourceMemoryId\":\"no-such-source\"")),
            404,
            "memory-not-found");
    assertThat(problem.get("memoryId").asString()).isEqualTo("no-such-source");
    api.assertUnchanged(destination, before);
  }

  @Test
  void transferIntoAnUnknownMemoryIsA404NamingTheDestination() throws Exception {
    String source = api.create(1);
    JsonNode problem =
        Problems.expect(
            copy("no-such-destination", body(0, 0, 4, ",\"sourceMemoryId\":\"" + source + "\"")),
            404,
            "memory-not-found");
    assertThat(problem.get("memoryId").asString()).isEqualTo("no-such-destination");
  }

  @Test
  void transferFromTheMemoryItselfIsACopy() throws Exception {
    byte[] content = Bytes.counting(32);
    String id = api.createHolding(1, content);
    copy(id, body(0, 4, 16, ",\"sourceMemoryId\":\"" + id + "\""))
        .andExpect(status().isNoContent());
    assertThat(api.read(id, 0, 32)).isEqualTo(memmove(content, 0, 4, 16));

    Snapshot before = api.snapshot(id);
    Problems.expect(
        copy(id, body(0, 4, 16, ",\"nonOverlapping\":true,\"sourceMemoryId\":\"" + id + "\"")),
        422,
        "regions-overlap");
    api.assertUnchanged(id, before);
  }

  @ParameterizedTest(name = "{0} -> field {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"destinationOffset\":0,\"length\":1}                             | sourceOffset",
        "{\"sourceOffset\":0,\"length\":1}                                  | destinationOffset",
        "{\"sourceOffset\":0,\"destinationOffset\":1}                       | length",
        "{\"sourceOffset\":-1,\"destinationOffset\":0,\"length\":1}         | sourceOffset",
        "{\"sourceOffset\":0,\"destinationOffset\":-8,\"length\":1}         | destinationOffset",
        "{\"sourceOffset\":0,\"destinationOffset\":0,\"length\":4294967296} | length",
        "{\"sourceOffset\":0.5,\"destinationOffset\":0,\"length\":1}        | sourceOffset",
        "{\"sourceOffset\":0,\"destinationOffset\":0,\"length\":\"1\"}      | length",
        "{\"sourceOffset\":0,\"destinationOffset\":8,\"length\":1,\"nonOverlapping\":\"yes\"} | nonOverlapping",
        "{\"sourceOffset\":0,\"destinationOffset\":8,\"length\":1,\"nonOverlapping\":1} | nonOverlapping",
        "{\"sourceOffset\":0,\"destinationOffset\":8,\"length\":1,\"sourceMemoryId\":7} | sourceMemoryId",
        "{\"sourceOffset\":0,\"destinationOffset\":8,\"length\":1,\"overlap\":true} | overlap",
      })
  void anInvalidCopyIsA400NamingTheFieldAndChangesNothing(String body, String field)
      throws Exception {
    String id = api.createHolding(1, Bytes.random(29, 64));
    Snapshot before = api.snapshot(id);
    JsonNode problem = Problems.expect(copy(id, body), 400, "invalid-request");
    assertThat(problem.get("field").asString()).isEqualTo(field);
    api.assertUnchanged(id, before);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "{", "[]", "{\"sourceOffset\":0,\"destinationOffset\":8,\"length\":1"})
  void aMalformedCopyIsA400(String body) throws Exception {
    String id = api.create(1);
    Problems.expect(copy(id, body), 400, "invalid-request");
  }
}
