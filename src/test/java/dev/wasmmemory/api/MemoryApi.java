package dev.wasmmemory.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.Snapshot;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** Short-hands, through MockMvc, for the requests that set up and inspect a test's memories. */
final class MemoryApi {
  private final MockMvc mvc;

  MemoryApi(MockMvc mvc) {
    this.mvc = mvc;
  }

  /** Creates a memory and returns its id. */
  String create(long initialPages, Long maximumPages) throws Exception {
    String body =
        maximumPages == null
            ? "{\"initialPages\":" + initialPages + "}"
            : "{\"initialPages\":" + initialPages + ",\"maximumPages\":" + maximumPages + "}";
    MvcResult result =
        mvc.perform(post("/memories").contentType(MediaType.APPLICATION_JSON).content(body))
            .andExpect(status().isCreated())
            .andReturn();
    return Json.read(result).get("id").stringValue();
  }

  String create(long initialPages) throws Exception {
    return create(initialPages, null);
  }

  /** Creates a memory holding {@code content} from offset 0 (and zeros after it). */
  String createHolding(long pages, byte[] content) throws Exception {
    String id = create(pages);
    write(id, 0, content);
    return id;
  }

  void write(String id, long offset, byte[] bytes) throws Exception {
    mvc.perform(
            put("/memories/{id}/bytes", id)
                .param("offset", Long.toString(offset))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .content(bytes))
        .andExpect(status().isNoContent());
  }

  /** The whole memory, raw. */
  byte[] read(String id) throws Exception {
    return mvc.perform(get("/memories/{id}/bytes", id).accept(MediaType.APPLICATION_OCTET_STREAM))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsByteArray();
  }

  byte[] read(String id, long offset, long length) throws Exception {
    return mvc.perform(
            get("/memories/{id}/bytes", id)
                .param("offset", Long.toString(offset))
                .param("length", Long.toString(length))
                .accept(MediaType.APPLICATION_OCTET_STREAM))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsByteArray();
  }

  JsonNode info(String id) throws Exception {
    return Json.read(mvc.perform(get("/memories/{id}", id)).andExpect(status().isOk()).andReturn());
  }

  String etag(String id) throws Exception {
    return mvc.perform(get("/memories/{id}", id))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getHeader(HttpHeaders.ETAG);
  }

  /** Everything a failed request must leave as it was: the bytes, the size and the entity tag. */
  Snapshot snapshot(String id) throws Exception {
    return new Snapshot(read(id), info(id).get("currentPages").asInt(), etag(id));
  }

  /** Asserts that the memory's bytes, size and entity tag are as they were at {@code before}. */
  void assertUnchanged(String id, Snapshot before) throws Exception {
    before.assertSameAs(snapshot(id));
  }
}
