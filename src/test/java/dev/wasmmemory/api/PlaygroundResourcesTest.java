package dev.wasmmemory.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wasmmemory.testing.DefaultDeployment;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The playground's own files: what a browser asks for on every page load is there. */
@DefaultDeployment
class PlaygroundResourcesTest {
  @Autowired MockMvc mvc;

  /** A missing icon was a 404 problem, a console error on every page load. */
  @Test
  void theIconIsServed() throws Exception {
    mvc.perform(get("/favicon.ico"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("image/x-icon"));
    mvc.perform(get("/index.html"))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("rel=\"icon\" href=\"favicon.ico\"")));
  }
}
