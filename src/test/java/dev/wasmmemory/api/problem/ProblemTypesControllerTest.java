package dev.wasmmemory.api.problem;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wasmmemory.testing.DefaultDeployment;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@DefaultDeployment
class ProblemTypesControllerTest {
  @Autowired MockMvc mvc;

  @ParameterizedTest
  @EnumSource(ProblemType.class)
  void everyProblemTypeUriLeadsToItsDescription(ProblemType type) throws Exception {
    mvc.perform(get(type.uri().toString()))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString(type.title())))
        .andExpect(
            content().string(Matchers.containsString(String.valueOf(type.status().value()))));
  }

  @Test
  void anUnknownProblemTypeIsANotFoundProblem() throws Exception {
    mvc.perform(get("/problems/no-such-type"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
        .andExpect(jsonPath("$.type").value("/problems/not-found"));
  }
}
