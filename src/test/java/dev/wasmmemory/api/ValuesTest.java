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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET} and {@code PUT /memories/{id}/values/{type}} for the ten little-endian types: i64 and
 * u64 as decimal strings, floats with their exact bits (NaN payloads included), and every refusal.
 */
@DefaultDeployment
class ValuesTest {
  @Autowired MockMvc mvc;
  MemoryApi api;

  @BeforeEach
  void setUp() {
    api = new MemoryApi(mvc);
  }

  private ResultActions putValue(String id, String type, Object offset, String body)
      throws Exception {
    var request =
        put("/memories/{id}/values/{type}", id, type)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body);
    if (offset != null) {
      request.param("offset", offset.toString());
    }
    return mvc.perform(request);
  }

  private ResultActions getValue(String id, String type, Object offset) throws Exception {
    var request = get("/memories/{id}/values/{type}", id, type);
    if (offset != null) {
      request.param("offset", offset.toString());
    }
    return mvc.perform(request);
  }

  private JsonNode read(String id, String type, long offset) throws Exception {
    return Json.read(
        getValue(id, type, offset)
            .andExpect(status().isOk())
            .andExpect(header().exists("ETag"))
            .andReturn());
  }

  @ParameterizedTest(name = "{0} {1} -> {2}, bytes {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "i8  | -128                    | -128                      | 80",
        "i8  | 127                     | 127                       | 7f",
        "i8  | -1                      | -1                        | ff",
        "u8  | 0                       | 0                         | 00",
        "u8  | 255                     | 255                       | ff",
        "i16 | -32768                  | -32768                    | 0080",
        "i16 | 32767                   | 32767                     | ff7f",
        "u16 | 65535                   | 65535                     | ffff",
        "u16 | 258                     | 258                       | 0201",
        "i32 | -2147483648             | -2147483648               | 00000080",
        "i32 | 2147483647              | 2147483647                | ffffff7f",
        "i32 | 16909060                | 16909060                  | 04030201",
        "u32 | 4294967295              | 4294967295                | ffffffff",
        "u32 | 0                       | 0                         | 00000000",
        "i64 | \"-9223372036854775808\" | \"-9223372036854775808\"  | 0000000000000080",
        "i64 | 9223372036854775807     | \"9223372036854775807\"   | ffffffffffffff7f",
        "i64 | -1                      | \"-1\"                    | ffffffffffffffff",
        "i64 | \"42\"                  | \"42\"                    | 2a00000000000000",
        "u64 | \"18446744073709551615\" | \"18446744073709551615\"  | ffffffffffffffff",
        "u64 | 18446744073709551615    | \"18446744073709551615\"  | ffffffffffffffff",
        "u64 | 9007199254740993        | \"9007199254740993\"      | 0100000000002000",
        "u64 | 0                       | \"0\"                     | 0000000000000000",
        "f32 | 1.5                     | 1.5                       | 0000c03f",
        "f32 | -0.25                   | -0.25                     | 000080be",
        "f32 | 0.1                     | 0.1                       | cdcccc3d",
        "f32 | 3.4028235e38            | 3.4028235e38              | ffff7f7f",
        "f32 | 1                       | 1.0                       | 0000803f",
        "f32 | -0.0                    | -0.0                      | 00000080",
        "f64 | -2.5                    | -2.5                      | 00000000000004c0",
        "f64 | 5e-324                  | 5e-324                    | 0100000000000000",
        "f64 | 1.7976931348623157e308  | 1.7976931348623157e308    | ffffffffffffef7f",
        "f64 | 0.1                     | 0.1                       | 9a9999999999b93f",
        "f64 | -0.0                    | -0.0                      | 0000000000000080",
      })
  void aValueRoundTripsLittleEndian(String type, String value, String expected, String bytes)
      throws Exception {
    String id = api.create(1);
    putValue(id, type, 8, "{\"value\":" + value + "}").andExpect(status().isNoContent());

    JsonNode read = read(id, type, 8);
    assertThat(read.get("type").stringValue()).isEqualTo(type);
    assertThat(read.get("offset").asLong()).isEqualTo(8);
    assertThat(read.get("value")).isEqualTo(Json.read(expected));
    assertThat(api.read(id, 8, bytes.length() / 2)).isEqualTo(Bytes.hex(bytes));
    assertThat(api.read(id, 0, 8)).as("bytes before the value").isEqualTo(new byte[8]);
  }

  @Test
  void integersAreNumbersButI64AndU64AreDecimalStrings() throws Exception {
    String id = api.createHolding(1, Bytes.hex("ffffffffffffffff"));
    for (String type : new String[] {"i8", "u8", "i16", "u16", "i32", "u32"}) {
      JsonNode read = read(id, type, 0);
      assertThat(read.get("value").isIntegralNumber()).as(type).isTrue();
      assertThat(read.has("bits")).as(type).isFalse();
    }
    assertThat(read(id, "i64", 0).get("value").stringValue()).isEqualTo("-1");
    assertThat(read(id, "u64", 0).get("value").stringValue()).isEqualTo("18446744073709551615");
  }

  @Test
  void theSameBytesReadAsEveryType() throws Exception {
    String id = api.createHolding(1, Bytes.hex("feffffff"));
    assertThat(read(id, "i8", 0).get("value").asLong()).isEqualTo(-2);
    assertThat(read(id, "u8", 0).get("value").asLong()).isEqualTo(254);
    assertThat(read(id, "i16", 0).get("value").asLong()).isEqualTo(-2);
    assertThat(read(id, "u16", 0).get("value").asLong()).isEqualTo(65534);
    assertThat(read(id, "i32", 0).get("value").asLong()).isEqualTo(-2);
    assertThat(read(id, "u32", 0).get("value").asLong()).isEqualTo(4294967294L);
    assertThat(read(id, "i64", 0).get("value").stringValue()).isEqualTo("4294967294");
    assertThat(read(id, "f32", 0).get("value").stringValue()).isEqualTo("NaN");
    assertThat(read(id, "f32", 0).get("bits").stringValue()).isEqualTo("4294967294");
  }

  @Test
  void theOffsetDefaultsToZero() throws Exception {
    String id = api.create(1);
    putValue(id, "u16", null, "{\"value\":513}").andExpect(status().isNoContent());
    assertThat(api.read(id, 0, 2)).isEqualTo(Bytes.hex("0102"));
    JsonNode read = Json.read(getValue(id, "u16", null).andExpect(status().isOk()).andReturn());
    assertThat(read.get("offset").asLong()).isZero();
    assertThat(read.get("value").asInt()).isEqualTo(513);
  }

  @Test
  void aValueMayCrossAPageBoundary() throws Exception {
    String id = api.create(2);
    putValue(id, "i64", 65532, "{\"value\":\"-2\"}").andExpect(status().isNoContent());
    assertThat(api.read(id, 65532, 8)).isEqualTo(Bytes.hex("feffffffffffffff"));
    assertThat(read(id, "i64", 65532).get("value").stringValue()).isEqualTo("-2");
    assertThat(read(id, "u32", 65534).get("value").asLong()).isEqualTo(4294967295L);
  }

  @Test
  void aValueAtTheLastBytesIsInBounds() throws Exception {
    String id = api.create(1);
    putValue(id, "f64", 65528, "{\"value\":2}").andExpect(status().isNoContent());
    assertThat(read(id, "f64", 65528).get("value").asDouble()).isEqualTo(2.0);
    putValue(id, "u8", 65535, "{\"value\":7}").andExpect(status().isNoContent());
    assertThat(read(id, "u8", 65535).get("value").asInt()).isEqualTo(7);
  }

  // ---- floats: special values and bits ----

  @ParameterizedTest(name = "{0} {1} -> bits {2}")
  @CsvSource({
    "f32, NaN, 2143289344",
    "f32, Infinity, 2139095040",
    "f32, -Infinity, 4286578688",
    "f64, NaN, 9221120237041090560",
    "f64, Infinity, 9218868437227405312",
    "f64, -Infinity, 18442240474082181120"
  })
  void floatSpecialsAreWrittenAndReadAsStrings(String type, String value, String bits)
      throws Exception {
    String id = api.create(1);
    putValue(id, type, 16, "{\"value\":\"" + value + "\"}").andExpect(status().isNoContent());
    JsonNode read = read(id, type, 16);
    assertThat(read.get("value").stringValue()).isEqualTo(value);
    assertThat(read.get("bits").stringValue()).isEqualTo(bits);
  }

  @Test
  void floatsCarryTheirBits() throws Exception {
    String id = api.create(1);
    putValue(id, "f32", 0, "{\"value\":1.5}").andExpect(status().isNoContent());
    assertThat(read(id, "f32", 0).get("bits").stringValue())
        .isEqualTo(Integer.toUnsignedString(Float.floatToRawIntBits(1.5f)));
    putValue(id, "f64", 8, "{\"value\":-2.5}").andExpect(status().isNoContent());
    assertThat(read(id, "f64", 8).get("bits").stringValue())
        .isEqualTo(Long.toUnsignedString(Double.doubleToRawLongBits(-2.5)));
  }

  @ParameterizedTest(name = "{0} bits {1} ({2})")
  @CsvSource({
    "f32, 2143289345, 0100c07f",
    "f32, 2139095041, 0100807f",
    "f32, 4294967295, ffffffff",
    "f32, 4290772993, 0100c0ff",
    "f64, 9218868437227405313, 010000000000f07f",
    "f64, 9221120237041090561, 010000000000f87f",
    "f64, 18446744073709551615, ffffffffffffffff",
    "f64, 18444492273895866368, 000000000000f8ff"
  })
  void nanPayloadsRoundTripExactlyThroughBits(String type, String bits, String bytes)
      throws Exception {
    String id = api.create(1);
    putValue(id, type, 24, "{\"bits\":\"" + bits + "\"}").andExpect(status().isNoContent());
    assertThat(api.read(id, 24, bytes.length() / 2)).isEqualTo(Bytes.hex(bytes));
    JsonNode read = read(id, type, 24);
    assertThat(read.get("value").stringValue()).isEqualTo("NaN");
    assertThat(read.get("bits").stringValue()).isEqualTo(bits);

    // As a JSON number the bits would not survive a JavaScript client: only the string form.
    putValue(id, type, 40, "{\"bits\":" + bits + "}").andExpect(status().isBadRequest());
    assertThat(api.read(id, 40, bytes.length() / 2)).containsOnly(0);
  }

  @Test
  void aNanWrittenAsBytesReadsBackWithItsPayload() throws Exception {
    String id = api.createHolding(1, Bytes.hex("0100807f" + "050000000000f07f"));
    JsonNode f32 = read(id, "f32", 0);
    assertThat(f32.get("value").stringValue()).isEqualTo("NaN");
    assertThat(f32.get("bits").stringValue()).isEqualTo("2139095041");
    JsonNode f64 = read(id, "f64", 4);
    assertThat(f64.get("bits").stringValue()).isEqualTo("9218868437227405317");

    putValue(id, "f32", 100, "{\"bits\":\"" + f32.get("bits").stringValue() + "\"}")
        .andExpect(status().isNoContent());
    putValue(id, "f64", 104, "{\"bits\":\"" + f64.get("bits").stringValue() + "\"}")
        .andExpect(status().isNoContent());
    assertThat(api.read(id, 100, 12)).isEqualTo(api.read(id, 0, 12));
  }

  @Test
  void bitsOfOrdinaryFloatsRoundTrip() throws Exception {
    String id = api.create(1);
    putValue(id, "f32", 0, "{\"bits\":\"1065353216\"}").andExpect(status().isNoContent());
    JsonNode read = read(id, "f32", 0);
    assertThat(read.get("value").asDouble()).isEqualTo(1.0);
    assertThat(read.get("bits").stringValue()).isEqualTo("1065353216");
  }

  // ---- refusals ----

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "u8  | 256",
        "u8  | 300",
        "u8  | -1",
        "i8  | 128",
        "i8  | -129",
        "i16 | 32768",
        "i16 | -32769",
        "u16 | 65536",
        "u16 | -1",
        "i32 | 2147483648",
        "i32 | -2147483649",
        "u32 | 4294967296",
        "u32 | -1",
        "i64 | 9223372036854775808",
        "i64 | \"9223372036854775808\"",
        "i64 | \"-9223372036854775809\"",
        "u64 | 18446744073709551616",
        "u64 | \"18446744073709551616\"",
        "u64 | \"99999999999999999999\"",
        "u64 | -1",
        "u64 | \"-1\"",
        "f32 | 1e39",
        "f32 | -3.5e38",
        "i32 | 1e400",
        "i32 | -1e400",
        "u64 | 1e400",
        "i8  | 1e999999999",
        "f64 | 1e400",
        "f64 | -1e400",
        "f64 | 1e309",
        "f32 | 1e400",
      })
  void aValueOutsideItsTypeIsA400AndNeverWraps(String type, String value) throws Exception {
    String id = api.createHolding(1, Bytes.random(51, 64));
    Snapshot before = api.snapshot(id);
    JsonNode problem =
        Problems.expect(putValue(id, type, 0, "{\"value\":" + value + "}"), 400, "invalid-request");
    assertThat(problem.get("field").asString()).isEqualTo("value");
    api.assertUnchanged(id, before);
  }

  @ParameterizedTest(name = "{0} {1} -> field {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "i32 | {\"value\":1.5}                  | value",
        "i32 | {\"value\":\"5\"}                | value",
        "u8  | {\"value\":\"1\"}                | value",
        "i32 | {\"value\":true}                 | value",
        "i32 | {\"value\":[1]}                  | value",
        "i32 | {\"value\":{}}                   | value",
        "i64 | {\"value\":\"5.0\"}              | value",
        "i64 | {\"value\":\"0x10\"}             | value",
        "i64 | {\"value\":\" 5\"}               | value",
        "i64 | {\"value\":\"+5\"}               | value",
        "i64 | {\"value\":\"1e3\"}              | value",
        "u64 | {\"value\":\"\"}                 | value",
        "u64 | {\"value\":0.5}                  | value",
        "f64 | {\"value\":\"nan\"}              | value",
        "f64 | {\"value\":\"Inf\"}              | value",
        "f64 | {\"value\":\"1.5\"}              | value",
        "f32 | {\"value\":true}                 | value",
        "u8  | {\"value\":null}                 | value",
        "u8  | {}                               | value",
        "i32 | {\"value\":1,\"bits\":\"1\"}     | value",
        "f64 | {\"value\":\"NaN\",\"bits\":\"1\"} | value",
        "f32 | {\"bits\":1.5}                   | bits",
        "u16 | {\"bits\":7}                     | bits",
        "f32 | {\"bits\":\"-1\"}                | bits",
        "f32 | {\"bits\":-1}                    | bits",
        "f64 | {\"bits\":\"-5\"}                | bits",
        "f32 | {\"bits\":\"4294967296\"}        | bits",
        "f32 | {\"bits\":1e400}                 | bits",
        "f64 | {\"bits\":-1e400}                | bits",
        "f32 | {\"bits\":\"0x7fc00000\"}        | bits",
        "f64 | {\"bits\":\"NaN\"}               | bits",
        "f64 | {\"bits\":true}                  | bits",
        "i32 | {\"value\":1,\"offset\":2}       | offset",
      })
  void anInvalidValueWriteIsA400NamingTheFieldAndChangesNothing(
      String type, String body, String field) throws Exception {
    String id = api.createHolding(1, Bytes.random(52, 64));
    Snapshot before = api.snapshot(id);
    JsonNode problem = Problems.expect(putValue(id, type, 0, body), 400, "invalid-request");
    assertThat(problem.get("field").asString()).isEqualTo(field);
    api.assertUnchanged(id, before);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "f32, 4294967296",
    "f32, 18446744073709551615",
    "f64, 18446744073709551616",
    "f32, -1",
    "f64, -1"
  })
  void bitsWiderThanTheTypeAreA400AndChangeNothing(String type, String bits) throws Exception {
    String id = api.createHolding(1, Bytes.random(53, 64));
    Snapshot before = api.snapshot(id);
    Problems.expect(putValue(id, type, 0, "{\"bits\":\"" + bits + "\"}"), 400, "invalid-request");
    api.assertUnchanged(id, before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{\"value\":1", "1", "\"value\"", "{\"value\":1}}"})
  void aMalformedValueWriteIsA400(String body) throws Exception {
    String id = api.create(1);
    Problems.expect(putValue(id, "i32", 0, body), 400, "invalid-request");
  }

  @ParameterizedTest
  @ValueSource(strings = {"i128", "I32", "f16", "bool", "u8x", "v128", "int", "i 8"})
  void anUnknownTypeIsA400NamingType(String type) throws Exception {
    String id = api.create(1);
    JsonNode problem = Problems.expect(getValue(id, type, 0), 400, "invalid-request");
    assertThat(problem.get("field").asString()).isEqualTo("type");
    problem = Problems.expect(putValue(id, type, 0, "{\"value\":1}"), 400, "invalid-request");
    assertThat(problem.get("field").asString()).isEqualTo("type");
  }

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource({
    "i32, 65533, 4",
    "u8, 65536, 1",
    "f64, 65529, 8",
    "i64, 65535, 8",
    "u16, 4294967295, 2",
    "f32, 4294967293, 4"
  })
  void aValueOutsideTheMemoryIsA422AndChangesNothing(String type, long offset, long width)
      throws Exception {
    String id = api.createHolding(1, Bytes.random(54, 65536));
    Snapshot before = api.snapshot(id);
    JsonNode problem = Problems.expect(getValue(id, type, offset), 422, "out-of-bounds");
    assertThat(problem.get("offset").asLong()).isEqualTo(offset);
    assertThat(problem.get("length").asLong()).isEqualTo(width);
    assertThat(problem.get("sizeBytes").asLong()).isEqualTo(65536);
    problem = Problems.expect(putValue(id, type, offset, "{\"value\":1}"), 422, "out-of-bounds");
    assertThat(problem.get("offset").asLong()).isEqualTo(offset);
    assertThat(problem.get("length").asLong()).isEqualTo(width);
    api.assertUnchanged(id, before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "4294967296", "abc", "1.5", "18446744073709551616"})
  void aBadOffsetIsA400NamingIt(String offset) throws Exception {
    String id = api.createHolding(1, Bytes.random(55, 64));
    Snapshot before = api.snapshot(id);
    JsonNode problem = Problems.expect(getValue(id, "i32", offset), 400, "invalid-request");
    assertThat(problem.get("field").asString()).isEqualTo("offset");
    problem = Problems.expect(putValue(id, "i32", offset, "{\"value\":1}"), 400, "invalid-request");
    assertThat(problem.get("field").asString()).isEqualTo("offset");
    api.assertUnchanged(id, before);
  }

  @Test
  void valuesOfAnUnknownMemoryAreA404() throws Exception {
    JsonNode problem = Problems.expect(getValue("nope", "i32", 0), 404, "memory-not-found");
    assertThat(problem.get("memoryId").asString()).isEqualTo("nope");
    Problems.expect(putValue("nope", "i32", 0, "{\"value\":1}"), 404, "memory-not-found");
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/octet-stream", "application/xml"})
  void aValueWriteOfAnotherMediaTypeIsA415(String contentType) throws Exception {
    String id = api.create(1);
    Problems.expect(
        mvc.perform(
            put("/memories/{id}/values/i32", id).contentType(contentType).content("{\"value\":1}")),
        415,
        "unsupported-media-type");
    assertThat(api.read(id, 0, 4)).isEqualTo(new byte[4]);
  }

  @Test
  void aValueInAnotherMediaTypeIsA406() throws Exception {
    String id = api.create(1);
    Problems.expect(
        mvc.perform(get("/memories/{id}/values/i32", id).accept(MediaType.TEXT_PLAIN)),
        406,
        "not-acceptable");
    Problems.expect(
        mvc.perform(get("/memories/{id}/values/i32", id).header("Accept", "foo")),
        406,
        "not-acceptable");
  }
}
