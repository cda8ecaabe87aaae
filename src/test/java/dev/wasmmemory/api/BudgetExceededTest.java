package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wasmmemory.service.MemoryBudget;
import dev.wasmmemory.service.MemoryRegistry;
import dev.wasmmemory.testing.Bytes;
import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.LimitedDeployment;
import dev.wasmmemory.testing.LimitedMemories;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.Snapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/**
 * 507 with {@code memory.budget=256KB} (4 pages) and {@code memory.max-memories=2}: a write that
 * would materialise pages past the budget is refused and changes nothing, a third memory is
 * refused, and the budget always comes back (checked on the {@link MemoryBudget} bean).
 */
@LimitedDeployment
class BudgetExceededTest {
  private static final int PAGE = 65536;

  @Autowired MockMvc mvc;
  @Autowired MemoryRegistry registry;
  @Autowired MemoryBudget budget;
  MemoryApi api;

  @BeforeEach
  void setUp() {
    LimitedMemories.dropAll(registry);
    api = new MemoryApi(mvc);
    assertThat(budget.usedBytes()).isZero();
    assertThat(budget.limitBytes()).isEqualTo(LimitedMemories.BUDGET);
  }

  @AfterEach
  void dropMemories() {
    LimitedMemories.dropAll(registry);
  }

  private ResultActions json(MockHttpServletRequestBuilder request, String body) throws Exception {
    return mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(body));
  }

  private ResultActions fill(String id, long offset, long length, int value) throws Exception {
    return json(
        post("/memories/{id}/fill", id),
        "{\"offset\":" + offset + ",\"length\":" + length + ",\"value\":" + value + "}");
  }

  @Test
  void aFillPastTheBudgetIs507AndChangesNothing() throws Exception {
    String id = api.create(5);
    Snapshot before = api.snapshot(id);
    JsonNode problem = Problems.expect(fill(id, 0, 5 * PAGE, 1), 507, "memory-budget-exceeded");
    assertThat(problem.get("requestedBytes").asLong()).isEqualTo(5 * PAGE);
    assertThat(problem.get("availableBytes").asLong()).isEqualTo(4 * PAGE);
    api.assertUnchanged(id, before);
    assertThat(budget.usedBytes()).isZero();
  }

  @Test
  void aWriteToAPageASnapshotHoldsPaysForItsCopy() throws Exception {
    String id = api.create(4);
    fill(id, 0, 4 * PAGE, 1).andExpect(status().isNoContent());
    String snapshot =
        Json.read(
                mvc.perform(post("/memories/{id}/snapshots", id))
                    .andExpect(status().isCreated())
                    .andReturn()
                    .getResponse()
                    .getContentAsString())
            .get("id")
            .asString();
    assertThat(budget.usedBytes()).isEqualTo(4 * PAGE); // taking it copied nothing
    Snapshot before = api.snapshot(id);
    Problems.expect(rawPut(id, 0, new byte[] {9}), 507, "memory-budget-exceeded");
    api.assertUnchanged(id, before);

    mvc.perform(delete("/memories/{id}/snapshots/{sid}", id, snapshot))
        .andExpect(status().isNoContent());
    rawPut(id, 0, new byte[] {9}).andExpect(status().isNoContent());
    assertThat(budget.usedBytes()).isEqualTo(4 * PAGE);
  }

  @Test
  void writesUpToTheBudgetSucceed() throws Exception {
    String id = api.create(5);
    fill(id, 0, 4 * PAGE, 1).andExpect(status().isNoContent());
    assertThat(budget.usedBytes()).isEqualTo(4 * PAGE);
    assertThat(budget.availableBytes()).isZero();
  }

  /** A write that needs one more page once the budget is spent. */
  enum Write {
    RAW_BYTE,
    RAW_PAGE,
    JSON_BYTES,
    VALUE,
    FILL,
    COPY,
    TRANSFER
  }

  @ParameterizedTest
  @EnumSource(Write.class)
  void onceTheBudgetIsSpentAWriteThatNeedsAPageIs507AndChangesNothing(Write write)
      throws Exception {
    String id = api.create(5);
    fill(id, 0, 3 * PAGE, 1).andExpect(status().isNoContent());
    String source = api.create(1);
    fill(source, 0, PAGE, 2).andExpect(status().isNoContent());
    assertThat(budget.availableBytes()).isZero();
    Snapshot before = api.snapshot(id);
    Snapshot sourceBefore = api.snapshot(source);
    long last = 4L * PAGE;

    ResultActions result =
        switch (write) {
          case RAW_BYTE -> rawPut(id, last, new byte[] {1});
          case RAW_PAGE -> rawPut(id, last, Bytes.random(88, PAGE));
          case JSON_BYTES ->
              json(
                  put("/memories/{id}/bytes", id).param("offset", "" + last),
                  "{\"data\":\"AQID\"}");
          case VALUE ->
              json(
                  put("/memories/{id}/values/i64", id).param("offset", "" + last),
                  "{\"value\":-1}");
          case FILL -> fill(id, last + 100, 1, 255);
          case COPY ->
              json(
                  post("/memories/{id}/copy", id),
                  "{\"sourceOffset\":0,\"destinationOffset\":" + last + ",\"length\":10}");
          case TRANSFER ->
              json(
                  post("/memories/{id}/copy", id),
                  "{\"sourceOffset\":0,\"destinationOffset\":"
                      + (last - 5)
                      + ",\"length\":10,\"sourceMemoryId\":\""
                      + source
                      + "\"}");
        };

    JsonNode problem = Problems.expect(result, 507, "memory-budget-exceeded");
    assertThat(problem.get("availableBytes").asLong()).isZero();
    assertThat(problem.get("requestedBytes").asLong()).isPositive();
    api.assertUnchanged(id, before);
    api.assertUnchanged(source, sourceBefore);
    assertThat(budget.usedBytes()).isEqualTo(4 * PAGE);
  }

  private ResultActions rawPut(String id, long offset, byte[] body) throws Exception {
    return mvc.perform(
        put("/memories/{id}/bytes", id)
            .param("offset", "" + offset)
            .contentType(MediaType.APPLICATION_OCTET_STREAM)
            .content(body));
  }

  @Test
  void onceTheBudgetIsSpentZerosStillFitAnywhere() throws Exception {
    String id = api.create(5);
    fill(id, 0, 4 * PAGE, 1).andExpect(status().isNoContent());
    long last = 4L * PAGE;
    rawPut(id, last, new byte[PAGE]).andExpect(status().isNoContent());
    rawPut(id, last + 5, new byte[10]).andExpect(status().isNoContent());
    json(put("/memories/{id}/values/f64", id).param("offset", "" + last), "{\"value\":0}")
        .andExpect(status().isNoContent());
    fill(id, last, PAGE, 0).andExpect(status().isNoContent());
    json(put("/memories/{id}/bytes", id).param("offset", "" + last), "{\"data\":\"AAAA\"}")
        .andExpect(status().isNoContent());
    assertThat(budget.usedBytes()).isEqualTo(4 * PAGE);
  }

  @Test
  void onceTheBudgetIsSpentMaterialisedBytesCanStillChange() throws Exception {
    String id = api.create(4);
    fill(id, 0, 4 * PAGE, 1).andExpect(status().isNoContent());
    rawPut(id, 10, Bytes.random(89, 1000)).andExpect(status().isNoContent());
    json(put("/memories/{id}/values/u32", id).param("offset", "70000"), "{\"value\":7}")
        .andExpect(status().isNoContent());
    fill(id, 3 * PAGE + 5, 100, 9).andExpect(status().isNoContent());
    json(
            post("/memories/{id}/copy", id),
            "{\"sourceOffset\":0,\"destinationOffset\":" + (2 * PAGE) + ",\"length\":" + PAGE + "}")
        .andExpect(status().isNoContent());
    assertThat(budget.usedBytes()).isEqualTo(4 * PAGE);
  }

  @Test
  void onceTheBudgetIsSpentARawWholePageCanReplaceAMaterialisedOne() throws Exception {
    String id = api.create(4);
    fill(id, 0, 4 * PAGE, 1).andExpect(status().isNoContent());
    byte[] page = Bytes.random(92, PAGE);
    rawPut(id, PAGE, page).andExpect(status().isNoContent());
    assertThat(api.read(id, PAGE, PAGE)).isEqualTo(page);
    assertThat(budget.usedBytes()).isEqualTo(4 * PAGE);
  }

  @Test
  void growingCostsNothing() throws Exception {
    String id = api.create(1);
    json(post("/memories/{id}/grow", id), "{\"pages\":65535}").andExpect(status().isOk());
    assertThat(budget.usedBytes()).isZero();
  }

  @Test
  void theBudgetFollowsTheMaterialisedPages() throws Exception {
    String id = api.create(4);
    api.write(id, 10, new byte[] {1});
    assertThat(budget.usedBytes()).isEqualTo(PAGE);
    api.write(id, 20, new byte[] {2});
    assertThat(budget.usedBytes()).isEqualTo(PAGE);
    api.write(id, PAGE - 1, new byte[] {3, 4});
    assertThat(budget.usedBytes()).isEqualTo(2 * PAGE);
    rawPut(id, 3 * PAGE, Bytes.random(90, PAGE)).andExpect(status().isNoContent());
    assertThat(budget.usedBytes()).isEqualTo(3 * PAGE);
  }

  @Test
  void eraseGivesEveryPageBack() throws Exception {
    String id = api.create(4);
    fill(id, 0, 4 * PAGE, 7).andExpect(status().isNoContent());
    assertThat(budget.usedBytes()).isEqualTo(4 * PAGE);
    mvc.perform(post("/memories/{id}/erase", id)).andExpect(status().isNoContent());
    assertThat(budget.usedBytes()).isZero();
    fill(id, 0, 4 * PAGE, 8).andExpect(status().isNoContent());
    assertThat(budget.usedBytes()).isEqualTo(4 * PAGE);
  }

  @Test
  void deletingGivesEveryPageBack() throws Exception {
    String first = api.create(2);
    String second = api.create(2);
    fill(first, 0, 2 * PAGE, 1).andExpect(status().isNoContent());
    fill(second, 0, 2 * PAGE, 1).andExpect(status().isNoContent());
    assertThat(budget.usedBytes()).isEqualTo(4 * PAGE);
    mvc.perform(delete("/memories/{id}", first)).andExpect(status().isNoContent());
    assertThat(budget.usedBytes()).isEqualTo(2 * PAGE);
    mvc.perform(delete("/memories/{id}", second)).andExpect(status().isNoContent());
    assertThat(budget.usedBytes()).isZero();
  }

  @Test
  void zeroingWholePagesGivesThemBack() throws Exception {
    String id = api.create(4);
    fill(id, 0, 4 * PAGE, 1).andExpect(status().isNoContent());
    fill(id, PAGE, 2 * PAGE, 0).andExpect(status().isNoContent());
    assertThat(budget.usedBytes()).isEqualTo(2 * PAGE);
    rawPut(id, 0, new byte[PAGE]).andExpect(status().isNoContent());
    assertThat(budget.usedBytes()).isEqualTo(PAGE);
    json(
            post("/memories/{id}/copy", id),
            "{\"sourceOffset\":0,\"destinationOffset\":" + 3 * PAGE + ",\"length\":" + PAGE + "}")
        .andExpect(status().isNoContent());
    assertThat(budget.usedBytes()).isZero();
  }

  @Test
  void failedWritesHoldNoBudget() throws Exception {
    String id = api.create(2);
    api.write(id, 0, new byte[] {1});
    Problems.expect(rawPut(id, PAGE + 10, Bytes.random(91, PAGE)), 422, "out-of-bounds");
    Problems.expect(fill(id, 0, 3 * PAGE, 1), 422, "out-of-bounds");
    Problems.expect(
        json(
            post("/memories/{id}/copy", id),
            "{\"sourceOffset\":0,\"destinationOffset\":8,\"length\":16,\"nonOverlapping\":true}"),
        422,
        "regions-overlap");
    assertThat(budget.usedBytes()).isEqualTo(PAGE);
  }

  @Test
  void aThirdMemoryIs507MemoryLimitExceeded() throws Exception {
    String first = api.create(0);
    api.create(1);
    JsonNode problem =
        Problems.expect(
            json(post("/memories"), "{\"initialPages\":0}"), 507, "memory-limit-exceeded");
    assertThat(problem.get("maxMemories").asInt()).isEqualTo(2);
    assertThat(registry.size()).isEqualTo(2);

    mvc.perform(delete("/memories/{id}", first)).andExpect(status().isNoContent());
    api.create(0);
    assertThat(registry.size()).isEqualTo(2);
  }

  @Test
  void aRefusedCreateTakesNoMemorySlot() throws Exception {
    api.create(0);
    Problems.expect(
        json(post("/memories"), "{\"initialPages\":3,\"maximumPages\":2}"), 400, "invalid-request");
    Problems.expect(json(post("/memories"), "{\"initialPages\":-1}"), 400, "invalid-request");
    api.create(0);
    assertThat(registry.size()).isEqualTo(2);
  }
}
