package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.Problems;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/** {@code GET /memories/{id}/search}: patterns, typed values, regions, paging, every refusal. */
@DefaultDeployment
class SearchTest {
  @Autowired MockMvc mvc;
  MemoryApi api;

  @BeforeEach
  void setUp() {
    api = new MemoryApi(mvc);
  }

  private ResultActions search(String id, String query) throws Exception {
    return mvc.perform(get("/memories/" + id + "/search?" + query));
  }

  private JsonNode found(String id, String query) throws Exception {
    return Json.read(search(id, query).andExpect(status().isOk()).andReturn());
  }

  private static List<Long> matches(JsonNode page) {
    List<Long> offsets = new ArrayList<>();
    page.get("matches").forEach(m -> offsets.add(m.asLong()));
    return offsets;
  }

  @Test
  void aHexPatternIsFoundAlsoAcrossAPageBoundary() throws Exception {
    String id = api.create(3);
    api.write(id, 16, new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef});
    api.write(id, 65534, new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef});
    JsonNode page = found(id, "pattern=DEADbeef");
    assertThat(matches(page)).containsExactly(16L, 65534L);
    assertThat(page.get("next").isNull()).isTrue();
  }

  @Test
  void aTypedValueIsItsLittleEndianBytesAtItsAlignmentByDefault() throws Exception {
    String id = api.create(1);
    api.write(id, 8, new byte[] {42, 0, 0, 0});
    api.write(id, 21, new byte[] {42, 0, 0, 0});
    assertThat(matches(found(id, "type=i32&value=42"))).containsExactly(8L);
    assertThat(matches(found(id, "type=i32&value=42&align=1"))).containsExactly(8L, 21L);
    api.write(id, 32, new byte[] {0, 0, (byte) 0xc0, 0x3f});
    assertThat(matches(found(id, "type=f32&value=1.5"))).containsExactly(32L);
    api.write(id, 40, new byte[] {-1, -1, -1, -1, -1, -1, -1, -1});
    assertThat(matches(found(id, "type=i64&value=-1"))).containsExactly(40L);
    assertThat(matches(found(id, "type=u64&value=18446744073709551615"))).containsExactly(40L);
  }

  @Test
  void pagesFollowNextUntilItIsNull() throws Exception {
    String id = api.create(2);
    for (long at : new long[] {0, 100, 65535, 70000, 131000}) {
      api.write(id, at, new byte[] {7, 7});
    }
    JsonNode first = found(id, "pattern=0707&limit=2");
    assertThat(matches(first)).containsExactly(0L, 100L);
    assertThat(first.get("next").asLong()).isEqualTo(102);
    JsonNode second = found(id, "pattern=0707&limit=2&from=102");
    assertThat(matches(second)).containsExactly(65535L, 70000L);
    JsonNode third = found(id, "pattern=0707&limit=2&from=" + second.get("next").asLong());
    assertThat(matches(third)).containsExactly(131000L);
    assertThat(third.get("next").isNull()).isTrue();
  }

  @Test
  void theRegionBoundsTheMatches() throws Exception {
    String id = api.create(1);
    api.write(id, 10, new byte[] {5, 5, 5, 5, 5, 5});
    assertThat(matches(found(id, "pattern=0505&from=11&to=15"))).containsExactly(11L, 13L);
    assertThat(matches(found(id, "pattern=0505&from=11&to=14"))).containsExactly(11L);
  }

  @Test
  void anAllZeroPatternIsFoundInPagesNeverWritten() throws Exception {
    String id = api.create(2);
    api.write(id, 0, new byte[] {1, 1, 1, 1});
    assertThat(matches(found(id, "pattern=00000000&align=4&limit=2"))).containsExactly(4L, 8L);
    JsonNode inSecond = found(id, "pattern=0000&from=65536&limit=1");
    assertThat(matches(inSecond)).containsExactly(65536L);
    assertThat(inSecond.get("next").asLong()).isEqualTo(65538);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "pattern=abc | pattern",
        "pattern=zz | pattern",
        "pattern= | pattern",
        "pattern=00&type=i32&value=1 | pattern",
        "align=4 | pattern",
        "type=i32 | value",
        "type=i33&value=1 | type",
        "type=u8&value=300 | value",
        "type=i32&value=1.5 | value",
        "type=f64&value=fast | value",
        "pattern=00&limit=0 | limit",
        "pattern=00&limit=1001 | limit",
        "pattern=00&align=0 | align",
        "pattern=00&from=-1 | from",
        "pattern=00&from=x | from"
      })
  void malformedSearchesAre400sNamingTheField(String query, String field) throws Exception {
    String id = api.create(1);
    JsonNode problem = Problems.expect(search(id, query), 400, "invalid-request");
    assertThat(problem.get("field").asString()).isEqualTo(field);
  }

  @ParameterizedTest
  @CsvSource({"from=65537, from", "to=65537, to", "from=10&to=5, to"})
  void aRegionOutsideTheMemoryIs422(String region, String field) throws Exception {
    String id = api.create(1);
    JsonNode problem = Problems.expect(search(id, "pattern=00&" + region), 422, "out-of-bounds");
    assertThat(problem.get("field").asString()).isEqualTo(field);
  }

  @Test
  void anUnknownMemoryIs404() throws Exception {
    Problems.expect(
        search("00000000-0000-4000-8000-000000000000", "pattern=00"), 404, "memory-not-found");
  }

  @Test
  void aPatternLongerThanTheLimitIs400() throws Exception {
    String id = api.create(1);
    String pattern = "ab".repeat(SearchController.MAX_PATTERN + 1);
    Problems.expect(search(id, "pattern=" + pattern), 400, "invalid-request");
  }
}
