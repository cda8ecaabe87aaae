package dev.wasmmemory.api;

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
import dev.wasmmemory.service.StoredMemory;
import org.junit.jupiter.api.Test;
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
      return new ApiSettings(65536, 1024, 4096, false);
    }

    @Bean
    ModuleLimits moduleLimits() {
      return new ModuleLimits(65536);
    }
  }

  @Autowired MockMvc mvc;
  @MockitoBean MemoryRegistry registry;
  @MockitoBean ModuleRuntime modules;

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
    MemoryInstance memory = MemoryInstance.alloc(1, null);
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

  @Test
  void anUnexpectedFailureIsA500WithFixedTextAndNoInternals() throws Exception {
    when(registry.get(any())).thenThrow(new IllegalStateException("secret internal state"));
    ResultActions result = mvc.perform(get("/memories/{id}", "x"));
    JsonNode problem = Problems.expect(result, 500, "internal-error");
    assertThat(problem.get("detail").asString()).isEqualTo("the service failed unexpectedly");
    assertThat(result.andReturn().getResponse().getContentAsString())
        .doesNotContain("secret", "IllegalStateException", "dev.wasmmemory");
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
