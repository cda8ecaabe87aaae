package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.TestModules;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/** {@code /modules} and {@code /instances} through MockMvc: every endpoint and error row. */
@DefaultDeployment
class ModulesHttpTest {
  static final MediaType WASM = MediaType.parseMediaType("application/wasm");

  @Autowired MockMvc mvc;
  MemoryApi api;

  @BeforeEach
  void setUp() {
    api = new MemoryApi(mvc);
  }

  private ResultActions upload(byte[] bytes) throws Exception {
    return mvc.perform(post("/modules").contentType(WASM).content(bytes));
  }

  private String moduleId(String name) throws Exception {
    return Json.read(upload(TestModules.bytes(name)).andExpect(status().isCreated()).andReturn())
        .get("id")
        .asString();
  }

  private ResultActions instantiate(String moduleId, String body) throws Exception {
    return mvc.perform(
        post("/modules/{id}/instances", moduleId)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  private String instance(String module, String memoryId) throws Exception {
    String body = "{\"imports\":{\"env.memory\":\"" + memoryId + "\"}}";
    return Json.read(
            instantiate(moduleId(module), body).andExpect(status().isCreated()).andReturn())
        .get("id")
        .asString();
  }

  private ResultActions invoke(String instance, String body) throws Exception {
    return mvc.perform(
        post("/instances/{id}/invoke", instance)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  private JsonNode invokeOk(String instance, String body) throws Exception {
    return Json.read(invoke(instance, body).andExpect(status().isOk()).andReturn());
  }

  @Test
  void uploadDescribesTheModuleAndListsIt() throws Exception {
    ResultActions created = upload(TestModules.bytes("store")).andExpect(status().isCreated());
    JsonNode info = Json.read(created.andReturn());
    String id = info.get("id").asString();
    created.andExpect(header().string("Location", "/modules/" + id));
    JsonNode memoryImport = info.get("imports").get(0);
    assertThat(memoryImport.get("kind").asString()).isEqualTo("memory");
    assertThat(memoryImport.get("minimumPages").asInt()).isEqualTo(1);
    assertThat(memoryImport.has("maximumPages")).isTrue();
    assertThat(memoryImport.get("maximumPages").isNull()).isTrue();
    assertThat(info.get("exports").toString())
        .contains(
            "{\"name\":\"store\",\"kind\":\"function\",\"params\":[\"i32\",\"i32\"],\"results\":[]}");
    JsonNode fetched =
        Json.read(mvc.perform(get("/modules/{id}", id)).andExpect(status().isOk()).andReturn());
    assertThat(fetched.get("sizeBytes").asLong()).isEqualTo(TestModules.bytes("store").length);
    assertThat(Json.read(mvc.perform(get("/modules")).andReturn()).get("modules").toString())
        .contains(id);
    mvc.perform(delete("/modules/{id}", id)).andExpect(status().isNoContent());
    Problems.expect(mvc.perform(get("/modules/{id}", id)), 404, "module-not-found");
    Problems.expect(mvc.perform(delete("/modules/{id}", id)), 404, "module-not-found");
  }

  @Test
  void malformedAndInvalidModulesAre400() throws Exception {
    JsonNode problem =
        Problems.expect(upload("not wasm".getBytes(StandardCharsets.UTF_8)), 400, "invalid-module");
    assertThat(problem.get("detail").asString()).isNotBlank();
    // A function whose body returns nothing where an i32 is declared: decodes, fails validation.
    byte[] invalid = Base64.getDecoder().decode("AGFzbQEAAAABBQFgAAF/AwIBAAoEAQIACw==");
    Problems.expect(upload(invalid), 400, "invalid-module");
    Problems.expect(upload(new byte[0]), 400, "invalid-module");
    Problems.expect(
        mvc.perform(post("/modules").contentType(MediaType.TEXT_PLAIN).content("x")),
        415,
        "unsupported-media-type");
  }

  @Test
  void invokeStoresIntoTheMemoryAndMovesItsEtag() throws Exception {
    String memoryId = api.create(1, null);
    String etag =
        mvc.perform(get("/memories/{id}", memoryId)).andReturn().getResponse().getHeader("ETag");
    String instance = instance("store", memoryId);
    JsonNode result = invokeOk(instance, "{\"function\":\"store\",\"args\":[100,42]}");
    assertThat(result.get("results").size()).isZero();
    assertThat(api.read(memoryId, 100, 4)).containsExactly(42, 0, 0, 0);
    assertThat(
            mvc.perform(get("/memories/{id}", memoryId))
                .andReturn()
                .getResponse()
                .getHeader("ETag"))
        .isNotEqualTo(etag);
    assertThat(
            invokeOk(instance, "{\"function\":\"load\",\"args\":[100]}").get("results").toString())
        .isEqualTo("[{\"type\":\"i32\",\"value\":42}]");
    JsonNode instanceInfo =
        Json.read(
            mvc.perform(get("/instances/{id}", instance)).andExpect(status().isOk()).andReturn());
    assertThat(instanceInfo.get("memories").get("env.memory").asString()).isEqualTo(memoryId);
  }

  @Test
  void typedArgumentsAndResults() throws Exception {
    String instance = instance("store", api.create(1, null));
    assertThat(
            invokeOk(instance, "{\"function\":\"add64\",\"args\":[\"9007199254740993\",1]}")
                .get("results")
                .toString())
        .isEqualTo("[{\"type\":\"i64\",\"value\":\"9007199254740994\"}]");
    JsonNode nan =
        invokeOk(instance, "{\"function\":\"f32id\",\"args\":[{\"bits\":\"2141192193\"}]}");
    assertThat(nan.get("results").get(0).get("value").asString()).isEqualTo("NaN");
    assertThat(nan.get("results").get(0).get("bits").asString()).isEqualTo("2141192193");
    JsonNode neg = invokeOk(instance, "{\"function\":\"f64neg\",\"args\":[\"Infinity\"]}");
    assertThat(neg.get("results").get(0).get("value").asString()).isEqualTo("-Infinity");
    JsonNode typed =
        invokeOk(instance, "{\"function\":\"f64neg\",\"args\":[{\"type\":\"f64\",\"value\":1.5}]}");
    assertThat(typed.get("results").get(0).get("value").asDouble()).isEqualTo(-1.5);
    assertThat(invokeOk(instance, "{\"function\":\"pair\"}").get("results").toString())
        .isEqualTo("[{\"type\":\"i32\",\"value\":7},{\"type\":\"i64\",\"value\":\"8\"}]");
  }

  @Test
  void badInvocationsAre400() throws Exception {
    String instance = instance("store", api.create(1, null));
    Problems.expect(
        invoke(instance, "{\"function\":\"nope\",\"args\":[]}"), 400, "invalid-request");
    Problems.expect(
        invoke(instance, "{\"function\":\"store\",\"args\":[1]}"), 400, "invalid-request");
    Problems.expect(
        invoke(instance, "{\"function\":\"store\",\"args\":[1,\"x\"]}"), 400, "invalid-request");
    Problems.expect(
        invoke(instance, "{\"function\":\"store\",\"args\":[1,1.5]}"), 400, "invalid-request");
    Problems.expect(
        invoke(instance, "{\"function\":\"store\",\"args\":[1,4294967296]}"),
        400,
        "invalid-request");
    Problems.expect(
        invoke(instance, "{\"function\":\"store\",\"args\":[1,{\"type\":\"f32\",\"value\":1}]}"),
        400,
        "invalid-request");
    Problems.expect(invoke(instance, "{\"args\":[]}"), 400, "invalid-request");
    Problems.expect(invoke(instance, "{\"function\":"), 400, "invalid-request");
    Problems.expect(
        invoke("nope", "{\"function\":\"store\",\"args\":[1,1]}"), 404, "instance-not-found");
  }

  @Test
  void trapsAre422AndKeepEarlierStores() throws Exception {
    String memoryId = api.create(1, null);
    String instance = instance("store", memoryId);
    JsonNode trap =
        Problems.expect(
            invoke(instance, "{\"function\":\"store_then_trap\",\"args\":[8,7]}"), 422, "trap");
    assertThat(trap.get("detail").asString()).isEqualTo("unreachable");
    assertThat(api.read(memoryId, 8, 1)).containsExactly(7);
    assertThat(
            Problems.expect(
                    invoke(instance, "{\"function\":\"load\",\"args\":[65535]}"), 422, "trap")
                .get("detail")
                .asString())
        .isEqualTo("out of bounds memory access");
  }

  @Test
  void linkErrorsAre422AndUnknownMemoriesAre404() throws Exception {
    String moduleId = moduleId("store");
    Problems.expect(instantiate(moduleId, "{}"), 422, "link-error");
    Problems.expect(
        instantiate(moduleId, "{\"imports\":{\"env.memory\":\"" + api.create(0, null) + "\"}}"),
        422,
        "link-error");
    Problems.expect(
        instantiate(moduleId, "{\"imports\":{\"env.memory\":\"nope\"}}"), 404, "memory-not-found");
    Problems.expect(instantiate("nope", "{}"), 404, "module-not-found");
    Problems.expect(
        instantiate(moduleId, "{\"imports\":{\"env.memory\":42}}"), 400, "invalid-request");
    Problems.expect(instantiate(moduleId("hello"), "{}"), 422, "link-error");
  }

  @Test
  void definedMemoriesAreStoredMemoriesAndGlobalsAreReadable() throws Exception {
    JsonNode instance =
        Json.read(
            instantiate(moduleId("defines"), "{}").andExpect(status().isCreated()).andReturn());
    String id = instance.get("id").asString();
    String memoryId = instance.get("memories").get("mem").asString();
    assertThat(api.read(memoryId, 16, 5)).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
    assertThat(
            Json.read(mvc.perform(get("/instances/{id}/exports/starts", id)).andReturn())
                .toString())
        .isEqualTo("{\"kind\":\"global\",\"type\":\"i32\",\"value\":1}");
    assertThat(
            Json.read(mvc.perform(get("/instances/{id}/exports/mem", id)).andReturn()).toString())
        .isEqualTo("{\"kind\":\"memory\",\"memoryId\":\"" + memoryId + "\"}");
    Problems.expect(mvc.perform(get("/instances/{id}/exports/nope", id)), 404, "not-found");
    mvc.perform(delete("/instances/{id}", id)).andExpect(status().isNoContent());
    Problems.expect(mvc.perform(get("/instances/{id}", id)), 404, "instance-not-found");
    mvc.perform(get("/memories/{id}", memoryId)).andExpect(status().isOk());
  }

  @Test
  void wasiHelloWorldPrintsIntoTheAnswer() throws Exception {
    String stdin = Base64.getEncoder().encodeToString("hi".getBytes(StandardCharsets.UTF_8));
    String body = "{\"wasi\":{\"args\":[\"prog\"],\"env\":{},\"stdin\":\"" + stdin + "\"}}";
    String id =
        Json.read(instantiate(moduleId("hello"), body).andExpect(status().isCreated()).andReturn())
            .get("id")
            .asString();
    JsonNode answer = invokeOk(id, "{\"function\":\"_start\",\"args\":[]}");
    assertThat(answer.get("exitCode").asInt()).isZero();
    assertThat(
            new String(
                Base64.getDecoder().decode(answer.get("stdout").asString()),
                StandardCharsets.UTF_8))
        .isEqualTo("hello, world\nhi");
    assertThat(
            new String(
                Base64.getDecoder().decode(answer.get("stderr").asString()),
                StandardCharsets.UTF_8))
        .isEqualTo("oops\n");
    Problems.expect(
        instantiate(moduleId("hello"), "{\"wasi\":{\"stdin\":\"***\"}}"), 400, "invalid-request");
  }
}
