package dev.wasmmemory.api.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.wasmmemory.api.ApiSettings;
import dev.wasmmemory.config.MemoryProperties;
import dev.wasmmemory.memory.MemoryBudgetExceededException;
import dev.wasmmemory.memory.MemoryInstance;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.PageBudget;
import dev.wasmmemory.memory.ValueType;
import dev.wasmmemory.module.ModuleRuntime;
import dev.wasmmemory.service.MemoryLimitExceededException;
import dev.wasmmemory.service.MemoryNotFoundException;
import dev.wasmmemory.service.MemoryRegistry;
import dev.wasmmemory.service.MemoryService;
import dev.wasmmemory.service.StoredMemory;
import dev.wasmmemory.service.share.ShareLinks;
import dev.wasmmemory.service.snapshot.SnapshotService;
import dev.wasmmemory.testing.Problems;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/**
 * The web layer alone, with a mocked registry, for the failures the real service cannot be made to
 * show on demand: a memory dropped while a request runs on it, a write slipping in between the
 * If-Match check and the mutation, an unexpected failure (500 with fixed text), and the limits.
 */
@WebMvcTest
@Import(ApiExceptionHandlerTest.SliceConfig.class)
class ApiExceptionHandlerTest {

  @TestConfiguration(proxyBeanMethods = false)
  @EnableConfigurationProperties(MemoryProperties.class)
  static class SliceConfig {
    /** Bodies of 64 KiB raw, 1 KiB JSON; listing switched off. */
    @Bean
    ApiSettings apiSettings() {
      return new ApiSettings(65536, 1024, 4096, false, 100);
    }

    /** The real service over the mocked registry. */
    @Bean
    MemoryService memoryService(MemoryRegistry registry) {
      return new MemoryService(
          registry,
          new dev.wasmmemory.service.events.MemoryEvents(
              dev.wasmmemory.service.events.EventSettings.defaults(), null));
    }
  }

  @Autowired MockMvc mvc;
  @MockitoBean MemoryRegistry registry;
  @MockitoBean ModuleRuntime modules;
  @MockitoBean ShareLinks shares;
  @MockitoBean SnapshotService snapshots;

  private StoredMemory stored(String id, MemoryInstance memory) {
    StoredMemory stored = mock(StoredMemory.class);
    when(stored.id()).thenReturn(id);
    when(stored.memory()).thenReturn(memory);
    when(registry.get(id)).thenReturn(stored);
    return stored;
  }

  @Test
  void aMemoryDroppedWhileARequestRunsIsA404NamingIt() throws Exception {
    MemoryInstance memory =
        MemoryInstance.create("gone", MemoryLimits.unbounded(1), PageBudget.UNLIMITED);
    stored("gone", memory);
    memory.close();

    JsonNode problem =
        Problems.expect(
            mvc.perform(get("/memories/{id}/values/i32", "gone")), 404, "memory-not-found");
    assertThat(problem.get("memoryId").asString()).isEqualTo("gone");
    Problems.expect(mvc.perform(get("/memories/{id}/bytes", "gone")), 404, "memory-not-found");
    Problems.expect(
        mvc.perform(
            put("/memories/{id}/bytes", "gone")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .content(new byte[] {1})),
        404,
        "memory-not-found");
    Problems.expect(
        mvc.perform(
            post("/memories/{id}/fill", "gone")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"offset\":0,\"length\":1}")),
        404,
        "memory-not-found");
  }

  @Test
  void aWriteThatSlipsInAfterTheIfMatchCheckIsA412AndChangesNothing() throws Exception {
    MemoryInstance memory =
        MemoryInstance.create("raced", MemoryLimits.unbounded(1), PageBudget.UNLIMITED);
    memory.setBits(ValueType.U8, 0, 1);
    MemoryInstance seenBeforeTheWrite = spy(memory);
    doReturn(memory.version() - 1).when(seenBeforeTheWrite).version();
    stored("raced", seenBeforeTheWrite);

    JsonNode problem =
        Problems.expect(
            mvc.perform(
                put("/memories/{id}/values/u8", "raced")
                    .param("offset", "8")
                    .header("If-Match", "\"" + (memory.version() - 1) + "\"")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"value\":9}")),
            412,
            "precondition-failed");
    assertThat(problem.get("memoryId").asString()).isEqualTo("raced");
    assertThat(memory.getBits(ValueType.U8, 8)).isZero();
  }

  /** The stack trace goes to the log (captured here, not printed), the client gets fixed text. */
  @Test
  void anUnexpectedFailureIsA500WithFixedTextAndNoInternals() throws Exception {
    when(registry.get(any())).thenThrow(new IllegalStateException("secret internal state"));
    Logger logger = (Logger) LoggerFactory.getLogger(ApiExceptionHandler.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    logger.setAdditive(false);
    ResultActions result;
    try {
      result = mvc.perform(get("/memories/{id}", "x"));
    } finally {
      logger.detachAppender(log);
      logger.setAdditive(true);
    }
    JsonNode problem = Problems.expect(result, 500, "internal-error");
    assertThat(problem.get("detail").asString()).isEqualTo("the service failed unexpectedly");
    assertThat(result.andReturn().getResponse().getContentAsString())
        .doesNotContain("secret", "IllegalStateException", "dev.wasmmemory");
    assertThat(log.list)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getLevel()).isEqualTo(Level.ERROR);
              assertThat(event.getFormattedMessage())
                  .contains("/memories/{id}")
                  .doesNotContain("/x");
              assertThat(event.getThrowableProxy().getMessage()).isEqualTo("secret internal state");
            });
  }

  @Test
  void anUnknownIdFromTheRegistryIsA404() throws Exception {
    when(registry.get("missing")).thenThrow(new MemoryNotFoundException("missing"));
    JsonNode problem =
        Problems.expect(mvc.perform(get("/memories/{id}", "missing")), 404, "memory-not-found");
    assertThat(problem.get("memoryId").asString()).isEqualTo("missing");
  }

  @Test
  void tooManyMemoriesIsA507NamingTheMaximum() throws Exception {
    when(registry.create(anyLong(), any())).thenThrow(new MemoryLimitExceededException(3));
    JsonNode problem =
        Problems.expect(
            mvc.perform(
                post("/memories")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"initialPages\":1}")),
            507,
            "memory-limit-exceeded");
    assertThat(problem.get("maxMemories").asInt()).isEqualTo(3);
  }

  @Test
  void anExhaustedBudgetIsA507InBytes() throws Exception {
    when(registry.create(anyLong(), any())).thenThrow(new MemoryBudgetExceededException(2, 1));
    JsonNode problem =
        Problems.expect(
            mvc.perform(
                post("/memories")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"initialPages\":1}")),
            507,
            "memory-budget-exceeded");
    assertThat(problem.get("requestedBytes").asLong()).isEqualTo(2 * 65536);
    assertThat(problem.get("availableBytes").asLong()).isEqualTo(65536);
  }

  @Test
  void listingSwitchedOffIsA404() throws Exception {
    Problems.expect(mvc.perform(get("/memories")), 404, "not-found");
  }

  @Test
  void theBodyLimitsApplyInTheSliceToo() throws Exception {
    stored("small", MemoryInstance.alloc(2, null));
    JsonNode problem =
        Problems.expect(
            mvc.perform(
                put("/memories/{id}/bytes", "small")
                    .contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .content(new byte[65537])),
            413,
            "payload-too-large");
    assertThat(problem.get("limit").asLong()).isEqualTo(65536);
    problem =
        Problems.expect(
            mvc.perform(
                post("/memories")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(" ".repeat(1024) + "{\"initialPages\":1}")),
            413,
            "payload-too-large");
    assertThat(problem.get("limit").asLong()).isEqualTo(1024);
  }

  @Test
  void anEncodedRegionOverItsLimitIsA400() throws Exception {
    stored("m", MemoryInstance.alloc(1, null));
    JsonNode problem =
        Problems.expect(
            mvc.perform(get("/memories/{id}/bytes", "m").accept(MediaType.APPLICATION_JSON)),
            400,
            "invalid-request");
    assertThat(problem.get("field").asString()).isEqualTo("length");
  }
}
