package dev.wasmmemory.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wasmmemory.testing.DefaultDeployment;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Actuator health probes and the service's own meters answer, and follow the registry. */
@DefaultDeployment
class ObservabilityTest {
  @Autowired MockMvc mvc;

  @Test
  void livenessAndReadinessProbesAreUp() throws Exception {
    mvc.perform(get("/actuator/health/liveness"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("UP"));
    mvc.perform(get("/actuator/health/readiness"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("UP"));
  }

  @Test
  void memoryMetersFollowTheRegistryAndTheBudget() throws Exception {
    String id = new MemoryApi(mvc).create(2);
    mvc.perform(
            put("/memories/{id}/bytes", id)
                .param("offset", "70000")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .content(new byte[] {1}))
        .andExpect(status().isNoContent());

    mvc.perform(get("/actuator/metrics/memory.count"))
        .andExpect(jsonPath("$.measurements[0].value").value(Matchers.greaterThanOrEqualTo(1.0)));
    mvc.perform(get("/actuator/metrics/memory.materialized"))
        .andExpect(jsonPath("$.baseUnit").value("bytes"))
        .andExpect(
            jsonPath("$.measurements[0].value").value(Matchers.greaterThanOrEqualTo(65536.0)));
    mvc.perform(get("/actuator/metrics/memory.budget.available"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.measurements[0].value").value(Matchers.greaterThan(0.0)));
    mvc.perform(get("/actuator/metrics/memory.budget.limit")).andExpect(status().isOk());
  }

  @Test
  void requestTimersAreTaggedWithTheTemplateNotTheId() throws Exception {
    String id = new MemoryApi(mvc).create(1);
    mvc.perform(get("/memories/{id}/values/i32", id)).andExpect(status().isOk());
    mvc.perform(get("/actuator/metrics/http.server.requests"))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$.availableTags[?(@.tag == 'uri')].values[*]")
                .value(Matchers.hasItem("/memories/{id}/values/{type}")))
        .andExpect(
            jsonPath("$.availableTags[?(@.tag == 'uri')].values[*]")
                .value(Matchers.not(Matchers.hasItem(Matchers.containsString(id)))));
  }
}
