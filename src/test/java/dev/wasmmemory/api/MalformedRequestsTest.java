package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.service.MemoryRegistry;
import dev.wasmmemory.testing.Bytes;
import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.ServiceHttp;
import dev.wasmmemory.testing.Snapshot;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Hundreds of generated bad requests (seeded, so a failure can be replayed) against a memory of
 * known content: wrong types, huge, negative and fractional numbers, bad base64, bad ids, truncated
 * JSON, wrong media types, bad Range and Accept headers, bad offsets, unknown types, stale
 * If-Match, wrong methods, accesses out of bounds. None may get a 5xx; each gets a 4xx problem
 * detail; and afterwards no stored byte, size or entity tag has changed.
 */
@DefaultDeployment
class MalformedRequestsTest {
  private static final long SEED = 20261125L;
  private static final int REQUESTS = 400;
  private static final int SIZE = 2 * 65536;

  private static final String[] TYPES = {
    "i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "f32", "f64"
  };
  private static final String[] BAD_QUERY_NUMBERS = {
    "-1",
    "4294967296",
    "abc",
    "1.5",
    "1e3",
    "18446744073709551616",
    "-0.5",
    "NaN",
    "Infinity",
    "0x",
    "--1",
    "99999999999999999999999999999",
    "1,2",
    "%00",
    "-4294967295",
    "one"
  };
  private static final String[] WRONG_SHAPES = {
    "true", "false", "[]", "{}", "[1]", "\"\"", "\"abc\"", "\"1\"", "\"-1\""
  };
  private static final String[] BAD_WHOLE_NUMBERS = {
    "-1",
    "-4294967296",
    "0.5",
    "1.25",
    "-0.5",
    "1e400",
    "-1e400",
    "1e999999",
    "18446744073709551616",
    "-9223372036854775809",
    "4294967296",
    "9223372036854775808",
    "null"
  };
  private static final String[] BAD_BASE64 = {
    "!!!!",
    "3q2-7w==",
    "3q2_7w==",
    "abcde",
    "3q=2+7w=",
    "====",
    "3q2+7w==x",
    "\\u00e9",
    "A",
    "AAA=A",
    " ",
    "AA==AA=="
  };
  private static final String[] WRONG_MEDIA_TYPES = {
    "text/plain", "application/xml", "image/png", "multipart/form-data; boundary=x",
    "application/x-www-form-urlencoded", "foo", "application/", "text/html; charset=utf-8",
    "application/octet-stream", "application/json-patch+json"
  };
  private static final String[] BAD_ACCEPTS = {
    "image/png",
    "application/xml",
    "text/html",
    "foo",
    "application/octet-stream;q=0",
    "*/*;q=0",
    "text/",
    "application/problem+xml"
  };
  private static final String[] UNKNOWN_TYPES = {
    "i128", "I32", "f16", "bool", "int", "float", "double", "u8x", "v128", "%20", "i%2032", "0"
  };

  /** Ids that Tomcat refuses before Spring sees the request. */
  private static final String[] CONTAINER_REFUSED_IDS = {"a%2Fb", "a%5Cb", "a%00b", "..%2F..%2Fx"};

  @LocalServerPort int port;
  @Autowired MemoryRegistry registry;
  ServiceHttp http;
  String id;
  String source;
  Random random;

  /** A request that must be refused, with a description to name it by when it is not. */
  record Bad(String description, HttpRequest.Builder request) {}

  @Test
  void noMalformedRequestGetsA5xxOrChangesAByte() throws Exception {
    http = new ServiceHttp(port);
    random = new Random(SEED);
    id = http.create(2, 2L);
    http.write(id, 0, Bytes.random(SEED, SIZE));
    source = http.create(1, 1L);
    http.write(source, 0, Bytes.random(SEED + 1, 65536));
    Snapshot before = http.snapshot(id);
    Snapshot sourceBefore = http.snapshot(source);
    int memories = registry.size();

    List<Function<Random, Bad>> generators =
        List.of(
            r -> badQueryNumber(),
            r -> badJsonBody(),
            r -> badValue(),
            r -> badBase64(),
            r -> badId(),
            r -> wrongMediaType(),
            r -> badRange(),
            r -> badAccept(),
            r -> unknownType(),
            r -> staleIfMatch(),
            r -> wrongMethod(),
            r -> outOfBounds());
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      Bad bad = generators.get(random.nextInt(generators.size())).apply(random);
      HttpResponse<String> response = http.sendForText(bad.request());
      String failure = check(response);
      boolean changed =
          !response.request().method().equals("GET") && !http.etag(id).equals(before.etag());
      if (failure == null && changed) {
        failure = "changed the memory's entity tag";
      }
      if (failure != null) {
        failures.add("#" + i + " " + bad.description() + ": " + failure);
      }
      if (changed) {
        break; // the memory changed: later requests would no longer test against known content
      }
    }

    assertThat(failures).as("seed %d", SEED).isEmpty();
    http.assertUnchanged(id, before);
    http.assertUnchanged(source, sourceBefore);
    assertThat(registry.size()).as("memories").isEqualTo(memories);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a%2Fb", "a%5Cb/bytes", "a%00b", "..%2F..%2Fx/values/i32"})
  void aPathTheContainerRefusesIsAProblemToo(String path) throws Exception {
    http = new ServiceHttp(port);
    HttpResponse<String> response = http.sendForText(http.request("/memories/" + path).GET());
    assertThat(check(response)).isNull();
    assertThat(response.statusCode()).isEqualTo(400);
  }

  /** Null when the response is a 4xx problem detail, else what is wrong with it. */
  private static String check(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status < 400 || status >= 500) {
      return "status " + status + ", body " + response.body();
    }
    List<String> violations = Problems.violations(response);
    return violations.isEmpty() ? null : violations + ": " + response.body();
  }

  // ---- details in the client's terms ----

  /** Spring printed the parameter's String[]: '[Ljava.lang.String;@31059fe3'. */
  @ParameterizedTest
  @ValueSource(strings = {"/bytes?offset=1&offset=2", "/values/u8?offset=1&offset=2"})
  void aQueryParameterGivenTwiceIsNamedNotDumped(String query) throws Exception {
    http = new ServiceHttp(port);
    String memory = http.create(1);
    JsonNode problem =
        Problems.expect(http.get("/memories/" + memory + query), 400, "invalid-request");
    assertThat(problem.get("field").asString()).isEqualTo("offset");
    assertThat(problem.get("detail").asString()).contains("'offset'", "2 times");
  }

  @Test
  void aPathThatServesNothingIsANotFoundWithoutInternals() throws Exception {
    http = new ServiceHttp(port);
    String memory = http.create(1);
    JsonNode problem =
        Problems.expect(http.get("/memories/" + memory + "/bogus"), 404, "not-found");
    assertThat(problem.get("detail").asString()).doesNotContainIgnoringCase("resource");
  }

  /** A string of decimal digits that the type cannot hold is out of range, not malformed. */
  @ParameterizedTest
  @ValueSource(strings = {"f64 18446744073709551616", "f32 4294967296", "u8 256"})
  void bitsBeyondTheTypeSayTheirRange(String typeAndBits) throws Exception {
    http = new ServiceHttp(port);
    String memory = http.create(1);
    String[] parts = typeAndBits.split(" ");
    BigInteger max =
        BigInteger.TWO.pow(Integer.parseInt(parts[0].substring(1))).subtract(BigInteger.ONE);
    HttpResponse<byte[]> response =
        http.json(
            "PUT",
            "/memories/" + memory + "/values/" + parts[0],
            "{\"bits\":\"" + parts[1] + "\"}");
    JsonNode problem = Problems.expect(response, 400, "invalid-request");
    assertThat(problem.get("field").asString()).isEqualTo("bits");
    assertThat(problem.get("detail").asString()).contains("0.." + max);
  }

  /** The README promises strict JSON; the last of two keys used to win. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/memories {\"initialPages\":1,\"initialPages\":2}",
        "/memories/%s/fill {\"offset\":0,\"length\":1,\"length\":2}",
        "/memories/%s/grow {\"pages\":0,\"pages\":1}"
      })
  void aFieldGivenTwiceIsRefusedAndChangesNothing(String pathAndBody) throws Exception {
    http = new ServiceHttp(port);
    String memory = http.create(1);
    Snapshot before = http.snapshot(memory);
    int memories = registry.size();
    String[] parts = pathAndBody.formatted(memory).split(" ", 2);
    JsonNode problem =
        Problems.expect(http.json("POST", parts[0], parts[1]), 400, "invalid-request");
    assertThat(problem.get("detail").asString()).contains("twice");
    assertThat(problem.get("field").asString()).isNotBlank();
    http.assertUnchanged(memory, before);
    assertThat(registry.size()).isEqualTo(memories);
  }

  // ---- generators ----

  private <T> T pick(T[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  private HttpRequest.Builder json(String method, String path, String body) {
    return http.request(path)
        .header("Content-Type", "application/json")
        .method(method, BodyPublishers.ofString(body));
  }

  private Bad badQueryNumber() {
    String number = pick(BAD_QUERY_NUMBERS);
    String type = pick(TYPES);
    return switch (random.nextInt(6)) {
      case 0 -> new Bad("GET bytes offset=" + number, get("/bytes?offset=" + number));
      case 1 -> new Bad("GET bytes length=" + number, get("/bytes?length=" + number));
      case 2 ->
          new Bad(
              "PUT raw offset=" + number,
              http.request(memory("/bytes?offset=" + number))
                  .header("Content-Type", "application/octet-stream")
                  .PUT(BodyPublishers.ofByteArray(Bytes.random(random.nextLong(), 16))));
      case 3 ->
          new Bad(
              "PUT json bytes offset=" + number,
              json("PUT", memory("/bytes?offset=" + number), "{\"data\":\"AQID\"}"));
      case 4 ->
          new Bad(
              "GET " + type + " offset=" + number, get("/values/" + type + "?offset=" + number));
      default ->
          new Bad(
              "PUT " + type + " offset=" + number,
              json("PUT", memory("/values/" + type + "?offset=" + number), "{\"value\":1}"));
    };
  }

  private Bad badJsonBody() {
    String[] templates = {
      "POST /memories {\"initialPages\":%s}",
      "POST /memories {\"initialPages\":1,\"maximumPages\":%s}",
      "POST ID/grow {\"pages\":%s}",
      "POST ID/fill {\"offset\":%s,\"length\":1,\"value\":1}",
      "POST ID/fill {\"offset\":0,\"length\":%s,\"value\":1}",
      "POST ID/fill {\"offset\":0,\"length\":1,\"value\":%s}",
      "POST ID/copy {\"sourceOffset\":%s,\"destinationOffset\":0,\"length\":4}",
      "POST ID/copy {\"sourceOffset\":0,\"destinationOffset\":%s,\"length\":4}",
      "POST ID/copy {\"sourceOffset\":0,\"destinationOffset\":8,\"length\":%s}",
      "POST ID/copy {\"sourceOffset\":0,\"destinationOffset\":8,\"length\":4,\"nonOverlapping\":%s}",
      "POST ID/copy {\"sourceOffset\":0,\"destinationOffset\":8,\"length\":4,\"sourceMemoryId\":%s}",
      "PUT ID/bytes {\"data\":%s}"
    };
    String[] parts = pick(templates).split(" ", 3);
    String path = parts[1].replace("ID", "/memories/" + id);
    String body;
    String what;
    switch (random.nextInt(5)) {
      case 0 -> {
        what = pick(WRONG_SHAPES);
        if (parts[2].contains("sourceMemoryId") || parts[2].contains("data")) {
          what = pick(new String[] {"true", "[]", "{}", "42", "1.5"});
        } else if (parts[2].contains("maximumPages")) {
          what = pick(new String[] {"true", "[]", "{}", "\"1\"", "\"\""});
        } else if (parts[2].contains("\"value\":%s")) {
          what = pick(new String[] {"true", "[]", "{}", "\"1\"", "\"ff\""});
        }
        body = parts[2].formatted(what);
      }
      case 1 -> {
        what = pick(BAD_WHOLE_NUMBERS);
        if (what.equals("null")
            && (parts[2].contains("maximumPages")
                || parts[2].contains("\"value\":%s")
                || parts[2].contains("nonOverlapping")
                || parts[2].contains("sourceMemoryId"))) {
          what = "-1";
        }
        if (parts[2].contains("nonOverlapping")) {
          what = pick(new String[] {"1", "0", "\"true\"", "null1"});
        }
        if (parts[2].contains("sourceMemoryId")) {
          what = pick(new String[] {"1", "-1", "1e400", "\"no-such-memory\""});
        }
        if (parts[2].contains("data")) {
          what = "\"" + pick(BAD_BASE64) + "\"";
        }
        body = parts[2].formatted(what);
      }
      case 2 -> {
        String valid = parts[2].formatted(parts[2].contains("data") ? "\"AQID\"" : "4");
        body = valid.substring(0, random.nextInt(valid.length()));
        what = "truncated";
      }
      case 3 -> {
        body = "{\"unknown\":1," + parts[2].formatted("4").substring(1);
        what = "unknown field";
        if (parts[2].contains("data")) {
          body = "{\"unknown\":1,\"data\":\"AQID\"}";
        }
      }
      default -> {
        byte[] garbage = Bytes.random(random.nextLong(), 1 + random.nextInt(40));
        return new Bad(
            parts[0] + " " + parts[1] + " garbage",
            http.request(path)
                .header("Content-Type", "application/json")
                .method(parts[0], BodyPublishers.ofByteArray(garbage)));
      }
    }
    return new Bad(parts[0] + " " + parts[1] + " " + body, json(parts[0], path, body));
  }

  private Bad badValue() {
    String type = pick(TYPES);
    boolean isFloat = type.startsWith("f");
    List<String> values = new ArrayList<>(List.of("true", "false", "[]", "{}", "[1]", "null"));
    values.addAll(List.of("\"\"", "\"abc\"", "\"1.5\"", "\"x1\""));
    if (isFloat) {
      values.addAll(List.of("\"nan\"", "\"inf\"", "\"1.0\"", "1e400", "-1e400", "\"NaN \""));
    } else {
      values.addAll(
          List.of(
              "0.5",
              "1.25",
              "-0.5",
              "1e400",
              "-1e400",
              "1e999999",
              "18446744073709551616",
              "-9223372036854775809",
              "\"18446744073709551616\""));
      values.add(
          switch (type) {
            case "i8" -> "128";
            case "u8" -> "256";
            case "i16" -> "-32769";
            case "u16" -> "65536";
            case "i32" -> "2147483648";
            case "u32" -> "4294967296";
            case "i64" -> "\"9223372036854775808\"";
            default -> "\"-1\"";
          });
      if (type.startsWith("u")) {
        values.add("-1");
      }
      if (!type.endsWith("64")) {
        values.add("\"1\"");
      }
    }
    String body;
    switch (random.nextInt(4)) {
      case 0 ->
          body =
              "{\"bits\":"
                  + pick(
                      new String[] {
                        "\"-1\"",
                        "\"x\"",
                        "1.5",
                        "true",
                        isFloat && type.equals("f32")
                            ? "\"4294967296\""
                            : "\"18446744073709551616\""
                      })
                  + "}";
      case 1 -> body = pick(new String[] {"{}", "{\"value\":1,\"bits\":\"1\"}", "{\"val\":1}"});
      default -> body = "{\"value\":" + values.get(random.nextInt(values.size())) + "}";
    }
    int offset = random.nextInt(SIZE - 8);
    return new Bad(
        "PUT " + type + " " + body,
        json("PUT", memory("/values/" + type + "?offset=" + offset), body));
  }

  private Bad badBase64() {
    String data = pick(BAD_BASE64);
    return new Bad(
        "PUT bytes data " + data,
        json(
            "PUT", memory("/bytes?offset=" + random.nextInt(1000)), "{\"data\":\"" + data + "\"}"));
  }

  private Bad badId() {
    String bad =
        switch (random.nextInt(8)) {
          case 0 -> UUID.randomUUID().toString();
          case 7 -> pick(CONTAINER_REFUSED_IDS);
          case 1 -> id.toUpperCase(Locale.ROOT);
          case 2 -> id + "x";
          case 3 -> id.substring(1);
          case 4 -> "%20";
          case 5 -> "%C3%A9t%C3%A9";
          default -> "x".repeat(1 + random.nextInt(300));
        };
    String path = "/memories/" + bad;
    return switch (random.nextInt(6)) {
      case 0 -> new Bad("GET " + path, http.request(path).GET());
      case 1 -> new Bad("DELETE " + path, http.request(path).DELETE());
      case 2 -> new Bad("GET bytes " + path, http.request(path + "/bytes").GET());
      case 3 ->
          new Bad(
              "PUT raw " + path,
              http.request(path + "/bytes")
                  .header("Content-Type", "application/octet-stream")
                  .PUT(BodyPublishers.ofByteArray(new byte[] {1})));
      case 4 ->
          new Bad(
              "copy from " + bad,
              json(
                  "POST",
                  memory("/copy"),
                  "{\"sourceOffset\":0,\"destinationOffset\":0,\"length\":4,\"sourceMemoryId\":\""
                      + bad.replace("%20", " ").replace("%C3%A9", "é")
                      + "\"}"));
      default ->
          new Bad("erase " + path, http.request(path + "/erase").POST(BodyPublishers.noBody()));
    };
  }

  private Bad wrongMediaType() {
    String type = pick(WRONG_MEDIA_TYPES);
    String[][] targets = {
      {"PUT", "/bytes", "{\"data\":\"AQID\"}"},
      {"POST", "/grow", "{\"pages\":1}"},
      {"POST", "/fill", "{\"offset\":0,\"length\":4,\"value\":1}"},
      {"POST", "/copy", "{\"sourceOffset\":0,\"destinationOffset\":8,\"length\":4}"},
      {"PUT", "/values/i32", "{\"value\":1}"},
      {"POST", "", "{\"initialPages\":1}"}
    };
    String[] target = targets[random.nextInt(targets.length)];
    if (target[1].equals("/bytes") && type.equals("application/octet-stream")) {
      type = "application/xml";
    }
    String path = target[1].isEmpty() && target[0].equals("POST") ? "/memories" : memory(target[1]);
    if (random.nextInt(4) == 0 && !target[1].equals("/bytes")) {
      return new Bad(
          target[0] + " " + target[1] + " without Content-Type",
          http.request(path).method(target[0], BodyPublishers.ofString(target[2])));
    }
    return new Bad(
        target[0] + " " + target[1] + " as " + type,
        http.request(path)
            .header("Content-Type", type)
            .method(target[0], BodyPublishers.ofString(target[2])));
  }

  private Bad badRange() {
    String range =
        pick(
            new String[] {
              "bytes=131072-",
              "bytes=131072-131080",
              "bytes=200000-300000",
              "bytes=-0",
              "bytes=0-1,3-4",
              "bytes=0-0,-1,5-9"
            });
    String query = random.nextBoolean() ? "" : "?offset=100&length=50";
    if (!query.isEmpty()) {
      range = pick(new String[] {"bytes=50-", "bytes=60-70", "bytes=-0", "bytes=0-1,2-3"});
    }
    return new Bad(
        "Range " + range + query,
        http.request(memory("/bytes" + query)).header("Range", range).GET());
  }

  private Bad badAccept() {
    String accept = pick(BAD_ACCEPTS);
    return switch (random.nextInt(3)) {
      case 0 -> new Bad("GET bytes Accept " + accept, get("/bytes").header("Accept", accept));
      case 1 ->
          new Bad(
              "GET value Accept " + accept,
              get("/values/" + pick(TYPES)).header("Accept", jsonOnly(accept)));
      default ->
          new Bad(
              "GET memory Accept " + accept,
              http.request("/memories/" + id).header("Accept", jsonOnly(accept)).GET());
    };
  }

  /**
   * The JSON-only endpoints ignore q=0 (reported in ContractBugsTest): there, ask for a type they
   * do not serve instead.
   */
  private static String jsonOnly(String accept) {
    return accept.contains(";q=0") ? "text/plain" : accept;
  }

  private Bad unknownType() {
    String type = pick(UNKNOWN_TYPES);
    return random.nextBoolean()
        ? new Bad("GET values/" + type, get("/values/" + type))
        : new Bad("PUT values/" + type, json("PUT", memory("/values/" + type), "{\"value\":1}"));
  }

  private Bad staleIfMatch() {
    String tag = pick(new String[] {"\"999999\"", "W/\"0\"", "\"\"", "\"x\", \"y\"", "abc"});
    HttpRequest.Builder request =
        switch (random.nextInt(5)) {
          case 0 ->
              http.request(memory("/bytes"))
                  .header("Content-Type", "application/octet-stream")
                  .PUT(BodyPublishers.ofByteArray(new byte[] {9, 9, 9}));
          case 1 -> json("POST", memory("/fill"), "{\"offset\":0,\"length\":4,\"value\":7}");
          case 2 -> http.request(memory("/erase")).POST(BodyPublishers.noBody());
          case 3 -> json("PUT", memory("/values/u8"), "{\"value\":7}");
          default -> http.request("/memories/" + id).DELETE();
        };
    return new Bad("If-Match " + tag, request.header("If-Match", tag));
  }

  private Bad wrongMethod() {
    String[][] choices = {
      {"PATCH", ""},
      {"PUT", ""},
      {"POST", ""},
      {"DELETE", "/bytes"},
      {"POST", "/bytes"},
      {"PATCH", "/bytes"},
      {"GET", "/grow"},
      {"DELETE", "/values/i32"},
      {"GET", "/erase"},
      {"PUT", "/copy"}
    };
    String[] choice = choices[random.nextInt(choices.length)];
    return new Bad(
        choice[0] + " " + choice[1],
        http.request(memory(choice[1]))
            .header("Content-Type", "application/json")
            .method(choice[0], BodyPublishers.ofString("{}")));
  }

  private Bad outOfBounds() {
    long offset = SIZE - random.nextInt(4);
    return switch (random.nextInt(5)) {
      case 0 ->
          new Bad(
              "PUT raw at " + offset,
              http.request(memory("/bytes?offset=" + offset))
                  .header("Content-Type", "application/octet-stream")
                  .PUT(BodyPublishers.ofByteArray(Bytes.random(random.nextLong(), 5))));
      case 1 ->
          new Bad(
              "fill past the end",
              json(
                  "POST",
                  memory("/fill"),
                  "{\"offset\":" + offset + ",\"length\":4294967295,\"value\":1}"));
      case 2 ->
          new Bad(
              "copy past the end",
              json(
                  "POST",
                  memory("/copy"),
                  "{\"sourceOffset\":0,\"destinationOffset\":" + offset + ",\"length\":5}"));
      case 3 ->
          new Bad(
              "transfer past the source's end",
              json(
                  "POST",
                  memory("/copy"),
                  "{\"sourceOffset\":65530,\"destinationOffset\":0,\"length\":10,"
                      + "\"sourceMemoryId\":\""
                      + source
                      + "\"}"));
      default ->
          new Bad(
              "PUT f64 at " + (offset - 4),
              json("PUT", memory("/values/f64?offset=" + (offset - 4)), "{\"value\":1.5}"));
    };
  }

  private String memory(String rest) {
    return "/memories/" + id + rest;
  }

  private HttpRequest.Builder get(String rest) {
    return http.request(memory(rest)).GET();
  }
}
