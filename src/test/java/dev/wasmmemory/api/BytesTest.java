package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wasmmemory.testing.Bytes;
import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.Snapshot;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET} and {@code PUT /memories/{id}/bytes} in the three representations: raw
 * (application/octet-stream, the default), JSON with base64, and the {@code xxd} hex dump.
 */
@DefaultDeployment
class BytesTest {
  private static final byte[] HELLO =
      "Hello, world! This is a test of the hex dump.".getBytes(StandardCharsets.US_ASCII);

  @Autowired MockMvc mvc;
  MemoryApi api;

  @BeforeEach
  void setUp() {
    api = new MemoryApi(mvc);
  }

  private ResultActions getBytes(String id, String accept, String... params) throws Exception {
    var request = get("/memories/{id}/bytes", id);
    if (accept != null) {
      request.header("Accept", accept);
    }
    for (int i = 0; i < params.length; i += 2) {
      request.param(params[i], params[i + 1]);
    }
    return mvc.perform(request);
  }

  private ResultActions putJson(String id, String offset, String body) throws Exception {
    var request =
        put("/memories/{id}/bytes", id).contentType(MediaType.APPLICATION_JSON).content(body);
    if (offset != null) {
      request.param("offset", offset);
    }
    return mvc.perform(request);
  }

  // ---- raw ----

  @Test
  void rawIsTheDefaultAndAbsentParametersMeanTheWholeMemory() throws Exception {
    byte[] content = Bytes.random(31, 2 * 65536);
    String id = api.createHolding(2, content);
    MockHttpServletResponse response =
        getBytes(id, null)
            .andExpect(status().isOk())
            .andExpect(header().exists("ETag"))
            .andReturn()
            .getResponse();
    assertThat(response.getContentType()).isEqualTo("application/octet-stream");
    assertThat(response.getContentLengthLong()).isEqualTo(2 * 65536);
    assertThat(response.getContentAsByteArray()).isEqualTo(content);
  }

  @ParameterizedTest(name = "Accept {0}")
  @ValueSource(strings = {"application/octet-stream", "*/*", "application/*"})
  void rawIsServedForAcceptsThatAllowIt(String accept) throws Exception {
    String id = api.createHolding(1, HELLO);
    MockHttpServletResponse response =
        getBytes(id, accept, "length", "5").andExpect(status().isOk()).andReturn().getResponse();
    assertThat(response.getContentType()).isEqualTo("application/octet-stream");
    assertThat(response.getContentAsString()).isEqualTo("Hello");
  }

  @Test
  void rawReadHonoursOffsetAndLength() throws Exception {
    byte[] content = Bytes.random(32, 65536);
    String id = api.createHolding(1, content);
    assertThat(api.read(id, 1000, 3000)).isEqualTo(Arrays.copyOfRange(content, 1000, 4000));
  }

  @Test
  void lengthDefaultsToTheRestOfTheMemory() throws Exception {
    byte[] content = Bytes.random(33, 65536);
    String id = api.createHolding(1, content);
    byte[] rest =
        getBytes(id, null, "offset", "65530")
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    assertThat(rest).isEqualTo(Arrays.copyOfRange(content, 65530, 65536));
  }

  @Test
  void offsetDefaultsToZero() throws Exception {
    String id = api.createHolding(1, HELLO);
    byte[] first =
        getBytes(id, null, "length", "5")
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    assertThat(first).isEqualTo("Hello".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void aZeroLengthReadAtTheEndIsEmpty() throws Exception {
    String id = api.create(1);
    for (String[] params :
        new String[][] {{"offset", "65536"}, {"offset", "65536", "length", "0"}}) {
      assertThat(
              getBytes(id, null, params)
                  .andExpect(status().isOk())
                  .andReturn()
                  .getResponse()
                  .getContentAsByteArray())
          .isEmpty();
    }
  }

  @ParameterizedTest(name = "offset {0}, length {1}")
  @CsvSource({
    "65536, 1",
    "65530, 7",
    "0, 65537",
    "4294967295, 1",
    "4294967295, 4294967295",
    "1, 4294967295",
    "4294967294, 2"
  })
  void aReadOutsideTheMemoryIsA422(long offset, long length) throws Exception {
    String id = api.create(1);
    for (String accept : new String[] {"application/octet-stream", "application/json"}) {
      JsonNode problem =
          Problems.expect(
              getBytes(id, accept, "offset", "" + offset, "length", "" + length),
              422,
              "out-of-bounds");
      assertThat(problem.get("offset").asLong()).isEqualTo(offset);
      assertThat(problem.get("length").asLong()).isEqualTo(length);
      assertThat(problem.get("sizeBytes").asLong()).isEqualTo(65536);
    }
  }

  @Test
  void anOffsetPastTheEndWithoutLengthIsA422() throws Exception {
    String id = api.create(1);
    JsonNode problem = Problems.expect(getBytes(id, null, "offset", "65537"), 422, "out-of-bounds");
    assertThat(problem.get("offset").asLong()).isEqualTo(65537);
    assertThat(problem.get("sizeBytes").asLong()).isEqualTo(65536);
  }

  @Test
  void aRawWriteStoresTheBodyAtOffset() throws Exception {
    String id = api.create(2);
    String etag = api.etag(id);
    byte[] body = Bytes.random(34, 70000);
    mvc.perform(
            put("/memories/{id}/bytes", id)
                .param("offset", "60000")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .content(body))
        .andExpect(status().isNoContent());
    byte[] expected = new byte[2 * 65536];
    System.arraycopy(body, 0, expected, 60000, body.length);
    assertThat(api.read(id)).isEqualTo(expected);
    assertThat(api.etag(id)).isNotEqualTo(etag);
  }

  @Test
  void aRawWriteWithoutOffsetWritesAtZero() throws Exception {
    String id = api.create(1);
    mvc.perform(
            put("/memories/{id}/bytes", id)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .content(HELLO))
        .andExpect(status().isNoContent());
    assertThat(api.read(id, 0, HELLO.length)).isEqualTo(HELLO);
  }

  @Test
  void aRawWriteWithoutContentTypeIsTakenAsOctetStream() throws Exception {
    String id = api.create(1);
    mvc.perform(put("/memories/{id}/bytes", id).param("offset", "3").content(HELLO))
        .andExpect(status().isNoContent());
    assertThat(api.read(id, 3, HELLO.length)).isEqualTo(HELLO);
  }

  @Test
  void anEmptyRawWriteAtTheEndIsInBounds() throws Exception {
    String id = api.create(1);
    mvc.perform(
            put("/memories/{id}/bytes", id)
                .param("offset", "65536")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .content(new byte[0]))
        .andExpect(status().isNoContent());
  }

  @ParameterizedTest(name = "offset {0}, {1} bytes")
  @CsvSource({"65530, 7", "65536, 1", "0, 65537", "4294967295, 2", "4294967295, 1"})
  void aRawWriteThatDoesNotFitIsA422AndChangesNothing(long offset, int length) throws Exception {
    String id = api.createHolding(1, Bytes.random(35, 65536));
    Snapshot before = api.snapshot(id);
    JsonNode problem =
        Problems.expect(
            mvc.perform(
                put("/memories/{id}/bytes", id)
                    .param("offset", "" + offset)
                    .contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .content(Bytes.random(36, length))),
            422,
            "out-of-bounds");
    assertThat(problem.get("offset").asLong()).isEqualTo(offset);
    assertThat(problem.get("length").asLong()).isEqualTo(length);
    assertThat(problem.get("sizeBytes").asLong()).isEqualTo(65536);
    api.assertUnchanged(id, before);
  }

  // ---- JSON ----

  @Test
  void jsonReadAnswersOffsetLengthAndStandardBase64() throws Exception {
    String id = api.create(1);
    api.write(id, 8, Bytes.hex("deadbeef"));
    JsonNode body =
        Json.read(
            getBytes(id, "application/json", "offset", "8", "length", "4")
                .andExpect(status().isOk())
                .andExpect(header().exists("ETag"))
                .andReturn());
    assertThat(body.get("offset").asLong()).isEqualTo(8);
    assertThat(body.get("length").asLong()).isEqualTo(4);
    assertThat(body.get("data").stringValue()).isEqualTo("3q2+7w==");
  }

  @Test
  void jsonReadOfTheWholeMemoryRoundTrips() throws Exception {
    byte[] content = Bytes.random(37, 65536);
    String id = api.createHolding(1, content);
    JsonNode body =
        Json.read(getBytes(id, "application/json").andExpect(status().isOk()).andReturn());
    assertThat(body.get("offset").asLong()).isZero();
    assertThat(body.get("length").asLong()).isEqualTo(65536);
    assertThat(Base64.getDecoder().decode(body.get("data").stringValue())).isEqualTo(content);
  }

  @Test
  void aJsonWriteDecodesStandardBase64AtOffset() throws Exception {
    String id = api.create(1);
    putJson(id, "8", "{\"data\":\"3q2+7w==\"}").andExpect(status().isNoContent());
    assertThat(api.read(id, 8, 4)).isEqualTo(Bytes.hex("deadbeef"));
    putJson(id, null, "{\"data\":\"/w==\"}").andExpect(status().isNoContent());
    assertThat(api.read(id, 0, 1)).isEqualTo(Bytes.hex("ff"));
  }

  @Test
  void aJsonWriteOfNothingIsAllowed() throws Exception {
    String id = api.create(1);
    putJson(id, "65536", "{\"data\":\"\"}").andExpect(status().isNoContent());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"!!!!", "3q2-7w==", "3q2_7w==", "abcde", "3q=2+7w=", "====", "3q2+7w==x", "é"})
  void aJsonWriteOfBadBase64IsA400AndChangesNothing(String data) throws Exception {
    String id = api.createHolding(1, Bytes.random(38, 64));
    Snapshot before = api.snapshot(id);
    JsonNode problem =
        Problems.expect(putJson(id, "0", "{\"data\":\"" + data + "\"}"), 400, "invalid-request");
    assertThat(problem.get("field").asString()).isEqualTo("data");
    api.assertUnchanged(id, before);
  }

  @ParameterizedTest(name = "{0} -> field {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{}                           | data",
        "{\"data\":null}              | data",
        "{\"data\":42}                | data",
        "{\"data\":true}              | data",
        "{\"data\":[\"AA==\"]}        | data",
        "{\"data\":\"AA==\",\"x\":1}  | x",
        "{\"bytes\":\"AA==\"}         | bytes",
      })
  void anInvalidJsonWriteIsA400NamingTheField(String body, String field) throws Exception {
    String id = api.createHolding(1, Bytes.random(39, 64));
    Snapshot before = api.snapshot(id);
    JsonNode problem = Problems.expect(putJson(id, "0", body), 400, "invalid-request");
    assertThat(problem.get("field").asString()).isEqualTo(field);
    api.assertUnchanged(id, before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{\"data\":\"AA==\"", "\"AA==\"", "[]"})
  void aMalformedJsonWriteIsA400(String body) throws Exception {
    String id = api.create(1);
    Problems.expect(putJson(id, "0", body), 400, "invalid-request");
  }

  @Test
  void aJsonWriteThatDoesNotFitIsA422AndChangesNothing() throws Exception {
    String id = api.createHolding(1, Bytes.random(40, 65536));
    Snapshot before = api.snapshot(id);
    JsonNode problem =
        Problems.expect(putJson(id, "65534", "{\"data\":\"3q2+7w==\"}"), 422, "out-of-bounds");
    assertThat(problem.get("offset").asLong()).isEqualTo(65534);
    assertThat(problem.get("length").asLong()).isEqualTo(4);
    assertThat(problem.get("sizeBytes").asLong()).isEqualTo(65536);
    api.assertUnchanged(id, before);
  }

  // ---- hex dump ----

  @Test
  void theHexDumpHasTheXxdLayout() throws Exception {
    String id = api.createHolding(1, HELLO);
    MockHttpServletResponse response =
        getBytes(id, "text/plain", "length", "20")
            .andExpect(status().isOk())
            .andReturn()
            .getResponse();
    assertThat(
            MediaType.parseMediaType(response.getContentType())
                .isCompatibleWith(MediaType.TEXT_PLAIN))
        .isTrue();
    assertThat(response.getHeader("ETag")).isNotNull();
    assertThat(response.getContentAsString())
        .isEqualTo(
            "00000000: 4865 6c6c 6f2c 2077 6f72 6c64 2120 5468  Hello, world! Th\n"
                + "00000010: 6973 2069                                is i\n");
  }

  @Test
  void theHexDumpShowsUnprintableBytesAsDots() throws Exception {
    String id = api.createHolding(1, Bytes.hex("001f20417e7f80ff0a0d09"));
    assertThat(
            getBytes(id, "text/plain", "length", "11")
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString())
        .isEqualTo("00000000: 001f 2041 7e7f 80ff 0a0d 09              .. A~......\n");
  }

  @Test
  void theHexDumpAddressesStartAtTheOffset() throws Exception {
    String id = api.createHolding(1, Bytes.counting(256));
    assertThat(
            getBytes(id, "text/*", "offset", "5", "length", "37")
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString())
        .isEqualTo(
            "00000005: 0506 0708 090a 0b0c 0d0e 0f10 1112 1314  ................\n"
                + "00000015: 1516 1718 191a 1b1c 1d1e 1f20 2122 2324  ........... !\"#$\n"
                + "00000025: 2526 2728 29                             %&'()\n");
  }

  @Test
  void theHexDumpReachesTheLastAddressOfAFullMemory() throws Exception {
    String id = api.create(65536);
    assertThat(
            getBytes(id, "text/plain", "offset", "4294967280")
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString())
        .isEqualTo("fffffff0: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n");
  }

  @Test
  void theHexDumpOfNothingIsEmpty() throws Exception {
    String id = api.create(1);
    assertThat(
            getBytes(id, "text/plain", "length", "0")
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString())
        .isEmpty();
  }

  @Test
  void theHexDumpOfSeveralPagesHasALinePer16Bytes() throws Exception {
    String id = api.createHolding(2, Bytes.random(41, 2 * 65536));
    String dump =
        getBytes(id, "text/plain")
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    String[] lines = dump.split("\n");
    assertThat(lines).hasSize(2 * 65536 / 16);
    assertThat(lines[lines.length - 1]).startsWith("0001fff0: ").hasSize(67);
  }

  // ---- content negotiation ----

  @ParameterizedTest(name = "Accept {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "application/json                            | application/json",
        "text/plain                                  | text/plain",
        "text/*                                      | text/plain",
        "application/json;q=0.1, text/plain;q=0.9    | text/plain",
        "text/plain;q=0.5, application/octet-stream  | application/octet-stream",
        "text/plain;q=0, */*                         | application/octet-stream",
        "image/png, application/json                 | application/json",
      })
  void theRepresentationFollowsAccept(String accept, String expected) throws Exception {
    String id = api.createHolding(1, HELLO);
    MockHttpServletResponse response =
        getBytes(id, accept, "length", "4").andExpect(status().isOk()).andReturn().getResponse();
    assertThat(
            MediaType.parseMediaType(response.getContentType())
                .equalsTypeAndSubtype(MediaType.parseMediaType(expected)))
        .as(response.getContentType())
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "image/png",
        "application/xml",
        "text/html",
        "application/octet-stream;q=0",
        "image/png, application/problem+json",
        "foo",
        "text/",
        "application/json;q=x"
      })
  void anAcceptThatNoRepresentationMeetsIsA406(String accept) throws Exception {
    String id = api.create(1);
    Problems.expect(getBytes(id, accept), 406, "not-acceptable");
  }

  @Test
  void anEncodedRepresentationOverTheConfiguredRegionIsA400() throws Exception {
    String id = api.create(257);
    for (String accept : new String[] {"application/json", "text/plain"}) {
      JsonNode problem =
          Problems.expect(getBytes(id, accept, "length", "16777217"), 400, "invalid-request");
      assertThat(problem.get("field").asString()).isEqualTo("length");
      Problems.expect(getBytes(id, accept), 400, "invalid-request");
    }
    getBytes(id, "application/octet-stream", "length", "16777217").andExpect(status().isOk());
  }

  // ---- other errors ----

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/xml", "image/png", "multipart/form-data"})
  void aWriteOfAnotherMediaTypeIsA415AndChangesNothing(String contentType) throws Exception {
    String id = api.createHolding(1, Bytes.random(42, 64));
    Snapshot before = api.snapshot(id);
    Problems.expect(
        mvc.perform(put("/memories/{id}/bytes", id).contentType(contentType).content(HELLO)),
        415,
        "unsupported-media-type");
    api.assertUnchanged(id, before);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "offset, -1",
    "offset, abc",
    "offset, 4294967296",
    "offset, 18446744073709551616",
    "offset, 1.5",
    "offset, 1e3",
    "length, -1",
    "length, 4294967296",
    "length, x"
  })
  void aBadOffsetOrLengthIsA400NamingIt(String name, String value) throws Exception {
    String id = api.createHolding(1, Bytes.random(43, 64));
    Snapshot before = api.snapshot(id);
    JsonNode problem = Problems.expect(getBytes(id, null, name, value), 400, "invalid-request");
    assertThat(problem.get("field").asString()).isEqualTo(name);
    if (name.equals("offset")) {
      problem =
          Problems.expect(
              mvc.perform(
                  put("/memories/{id}/bytes", id)
                      .param(name, value)
                      .contentType(MediaType.APPLICATION_OCTET_STREAM)
                      .content(HELLO)),
              400,
              "invalid-request");
      assertThat(problem.get("field").asString()).isEqualTo(name);
      problem = Problems.expect(putJson(id, value, "{\"data\":\"AA==\"}"), 400, "invalid-request");
      assertThat(problem.get("field").asString()).isEqualTo(name);
    }
    api.assertUnchanged(id, before);
  }

  @Test
  void bytesOfAnUnknownMemoryAreA404() throws Exception {
    Problems.expect(getBytes("nope", null), 404, "memory-not-found");
    Problems.expect(getBytes("nope", "application/json"), 404, "memory-not-found");
    JsonNode problem =
        Problems.expect(
            mvc.perform(
                put("/memories/{id}/bytes", "nope")
                    .contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .content(HELLO)),
            404,
            "memory-not-found");
    assertThat(problem.get("memoryId").asString()).isEqualTo("nope");
    Problems.expect(putJson("nope", "0", "{\"data\":\"AA==\"}"), 404, "memory-not-found");
  }

  @Test
  void anErrorIsAProblemEvenWhenTheClientAcceptsOnlyTheHexDump() throws Exception {
    String id = api.create(1);
    Problems.expect(getBytes(id, "text/plain", "offset", "70000"), 422, "out-of-bounds");
    Problems.expect(getBytes("nope", "text/plain"), 404, "memory-not-found");
  }
}
