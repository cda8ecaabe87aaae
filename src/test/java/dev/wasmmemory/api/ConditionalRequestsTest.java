package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.testing.Bytes;
import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.Json;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.ServiceHttp;
import dev.wasmmemory.testing.Snapshot;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Entity tags over real HTTP: every memory has an {@code ETag} that changes with every mutation;
 * reads honour {@code If-None-Match} (304), mutations honour {@code If-Match} (412 when stale, and
 * then nothing changes).
 */
@DefaultDeployment
class ConditionalRequestsTest {
  @LocalServerPort int port;
  ServiceHttp http;
  String id;
  String source;

  /** Every operation that changes a memory, as a request on memory {@code id}. */
  enum Mutation {
    RAW_WRITE(204) {
      @Override
      HttpRequest.Builder on(ServiceHttp http, String id, String source) {
        return http.request("/memories/" + id + "/bytes?offset=8")
            .header("Content-Type", "application/octet-stream")
            .PUT(BodyPublishers.ofByteArray(new byte[] {1, 2, 3}));
      }
    },
    JSON_WRITE(204) {
      @Override
      HttpRequest.Builder on(ServiceHttp http, String id, String source) {
        return json(http.request("/memories/" + id + "/bytes?offset=8"), "{\"data\":\"AQID\"}")
            .method("PUT", BodyPublishers.ofString("{\"data\":\"AQID\"}"));
      }
    },
    VALUE_WRITE(204) {
      @Override
      HttpRequest.Builder on(ServiceHttp http, String id, String source) {
        return json(http.request("/memories/" + id + "/values/u32?offset=4"), "")
            .PUT(BodyPublishers.ofString("{\"value\":7}"));
      }
    },
    FILL(204) {
      @Override
      HttpRequest.Builder on(ServiceHttp http, String id, String source) {
        return json(http.request("/memories/" + id + "/fill"), "")
            .POST(BodyPublishers.ofString("{\"offset\":0,\"length\":100,\"value\":9}"));
      }
    },
    COPY(204) {
      @Override
      HttpRequest.Builder on(ServiceHttp http, String id, String source) {
        return json(http.request("/memories/" + id + "/copy"), "")
            .POST(
                BodyPublishers.ofString(
                    "{\"sourceOffset\":0,\"destinationOffset\":1000,\"length\":100}"));
      }
    },
    TRANSFER(204) {
      @Override
      HttpRequest.Builder on(ServiceHttp http, String id, String source) {
        return json(http.request("/memories/" + id + "/copy"), "")
            .POST(
                BodyPublishers.ofString(
                    "{\"sourceOffset\":0,\"destinationOffset\":0,\"length\":100,"
                        + "\"sourceMemoryId\":\""
                        + source
                        + "\"}"));
      }
    },
    GROW(200) {
      @Override
      HttpRequest.Builder on(ServiceHttp http, String id, String source) {
        return json(http.request("/memories/" + id + "/grow"), "")
            .POST(BodyPublishers.ofString("{\"pages\":1}"));
      }
    },
    ERASE(204) {
      @Override
      HttpRequest.Builder on(ServiceHttp http, String id, String source) {
        return http.request("/memories/" + id + "/erase").POST(BodyPublishers.noBody());
      }
    },
    DELETE(204) {
      @Override
      HttpRequest.Builder on(ServiceHttp http, String id, String source) {
        return http.request("/memories/" + id).DELETE();
      }
    };

    final int success;

    Mutation(int success) {
      this.success = success;
    }

    abstract HttpRequest.Builder on(ServiceHttp http, String id, String source);

    private static HttpRequest.Builder json(HttpRequest.Builder request, String ignored) {
      return request.header("Content-Type", "application/json");
    }
  }

  /** Every representation a client can read, each carrying the memory's entity tag. */
  static final List<String> READS =
      List.of(
          "/memories/%s",
          "/memories/%s/bytes",
          "/memories/%s/bytes?offset=10&length=10",
          "/memories/%s/values/i32?offset=4",
          "/memories/%s/values/f64");

  /** The three representations of the bytes: raw, JSON, hex dump. */
  static final List<String> ACCEPTS =
      List.of("application/octet-stream", "application/json", "text/plain");

  @BeforeEach
  void setUp() throws Exception {
    http = new ServiceHttp(port);
    id = http.create(1, 4L);
    http.write(id, 0, Bytes.random(61, 65536));
    source = http.create(1);
    http.write(source, 0, Bytes.random(62, 65536));
  }

  /** The header names of every Vary field of the answer. */
  private static List<String> vary(HttpResponse<?> response) {
    return response.headers().allValues("Vary").stream()
        .flatMap(value -> Arrays.stream(value.split(",")))
        .map(String::strip)
        .toList();
  }

  private HttpResponse<byte[]> read(String path, String accept, String ifNoneMatch)
      throws Exception {
    HttpRequest.Builder request = http.request(path.formatted(id)).GET();
    if (accept != null) {
      request.header("Accept", accept);
    }
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    return http.send(request);
  }

  @Test
  void everyReadCarriesTheMemorysETagAndRawBytesToo() throws Exception {
    String etag = http.etag(id);
    assertThat(etag).matches("\"[^\"]+\"");
    for (String path : READS) {
      assertThat(read(path, null, null).headers().firstValue("ETag")).as(path).hasValue(etag);
    }
  }

  /**
   * RFC 9110 §8.8.3: the JSON, hex and raw answers of one version are other bytes, so each needs
   * its own strong tag; with one tag a cache answers a hex-dump request with a JSON body.
   */
  @Test
  void eachRepresentationOfTheBytesHasItsOwnStrongTag() throws Exception {
    List<String> tags = new ArrayList<>();
    for (String accept : ACCEPTS) {
      HttpResponse<byte[]> response = read("/memories/%s/bytes?length=32", accept, null);
      // Accept added to what CORS varies by (Origin), not in place of it.
      assertThat(vary(response)).as(accept).contains("Accept", "Origin");
      tags.add(response.headers().firstValue("ETag").orElseThrow());
    }
    assertThat(tags).allMatch(tag -> tag.matches("\"[^\"]+\"")).doesNotHaveDuplicates();
    assertThat(tags.get(0)).as("raw bytes").isEqualTo(http.etag(id));
  }

  @Test
  void creationAnswersTheFirstETag() throws Exception {
    HttpResponse<String> created =
        http.sendForText(
            http.request("/memories")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"initialPages\":1}")));
    String fresh = Json.read(created.body()).get("id").stringValue();
    assertThat(created.headers().firstValue("ETag")).hasValue(http.etag(fresh));
  }

  @ParameterizedTest
  @EnumSource(value = Mutation.class, names = "DELETE", mode = EnumSource.Mode.EXCLUDE)
  void everyMutationChangesTheETag(Mutation mutation) throws Exception {
    String before = http.etag(id);
    String sourceBefore = http.etag(source);
    HttpResponse<String> response = http.sendForText(mutation.on(http, id, source));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(mutation.success);
    assertThat(http.etag(id)).isNotEqualTo(before);
    assertThat(http.etag(source))
        .as("the source of a transfer is not changed")
        .isEqualTo(sourceBefore);
  }

  @Test
  void aFailedMutationKeepsTheETag() throws Exception {
    Snapshot before = http.snapshot(id);
    HttpResponse<String> response =
        http.sendForText(
            http.request("/memories/" + id + "/bytes?offset=65535")
                .header("Content-Type", "application/octet-stream")
                .PUT(BodyPublishers.ofByteArray(new byte[] {1, 2})));
    Problems.expect(response, 422, "out-of-bounds");
    http.assertUnchanged(id, before);
  }

  @Test
  void ifNoneMatchWithTheCurrentTagIs304WithoutBody() throws Exception {
    String etag = http.etag(id);
    for (String path : READS) {
      HttpResponse<byte[]> response = read(path, null, etag);
      assertThat(response.statusCode()).as(path).isEqualTo(304);
      assertThat(response.headers().firstValue("ETag")).as(path).hasValue(etag);
      assertThat(response.body()).as(path).isEmpty();
    }
  }

  /** A 304 of the bytes carries the ETag and Vary the 200 would, and only for its own tag. */
  @Test
  void ifNoneMatchOfTheBytesComparesWithTheTagOfTheRepresentationAsked() throws Exception {
    String path = "/memories/%s/bytes?length=32";
    for (String accept : ACCEPTS) {
      HttpResponse<byte[]> full = read(path, accept, null);
      String tag = full.headers().firstValue("ETag").orElseThrow();
      HttpResponse<byte[]> notModified = read(path, accept, tag);
      assertThat(notModified.statusCode()).as(accept).isEqualTo(304);
      assertThat(notModified.headers().firstValue("ETag")).as(accept).hasValue(tag);
      assertThat(vary(notModified)).as(accept).contains("Accept");
      for (String other : ACCEPTS) {
        if (!other.equals(accept)) {
          assertThat(read(path, other, tag).statusCode())
              .as(accept + " tag, " + other)
              .isEqualTo(200);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "\"nope\", %s", "W/%s", "W/\"x\",W/%s"})
  void ifNoneMatchNamingTheTagAnyWayIs304(String header) throws Exception {
    String etag = http.etag(id);
    HttpResponse<byte[]> response = read("/memories/%s/bytes", null, header.formatted(etag));
    assertThat(response.statusCode()).isEqualTo(304);
  }

  @Test
  void ifNoneMatchStarIs304ForEveryRead() throws Exception {
    for (String path : READS) {
      assertThat(read(path, null, "*").statusCode()).as(path).isEqualTo(304);
    }
  }

  @Test
  void ifNoneMatchWithAStaleTagIs200() throws Exception {
    String stale = http.etag(id);
    http.write(id, 0, new byte[] {42});
    for (String path : READS) {
      HttpResponse<byte[]> response = read(path, null, stale);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.headers().firstValue("ETag")).as(path).hasValue(http.etag(id));
    }
  }

  @Test
  void aRangeReadHonoursIfNoneMatch() throws Exception {
    String etag = http.etag(id);
    HttpResponse<byte[]> response =
        http.send(
            http.request("/memories/" + id + "/bytes")
                .header("Range", "bytes=0-9")
                .header("If-None-Match", etag)
                .GET());
    assertThat(response.statusCode()).isEqualTo(304);
  }

  @ParameterizedTest
  @EnumSource(Mutation.class)
  void ifMatchWithTheCurrentTagApplies(Mutation mutation) throws Exception {
    String etag = http.etag(id);
    HttpResponse<String> response =
        http.sendForText(mutation.on(http, id, source).header("If-Match", etag));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(mutation.success);
  }

  @ParameterizedTest
  @EnumSource(Mutation.class)
  void ifMatchListingTheCurrentTagApplies(Mutation mutation) throws Exception {
    String etag = http.etag(id);
    HttpResponse<String> response =
        http.sendForText(mutation.on(http, id, source).header("If-Match", "\"x\", " + etag));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(mutation.success);
  }

  @ParameterizedTest
  @EnumSource(Mutation.class)
  void ifMatchStarApplies(Mutation mutation) throws Exception {
    HttpResponse<String> response =
        http.sendForText(mutation.on(http, id, source).header("If-Match", "*"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(mutation.success);
  }

  @ParameterizedTest
  @EnumSource(Mutation.class)
  void aStaleIfMatchIs412AndChangesNothing(Mutation mutation) throws Exception {
    String stale = http.etag(id);
    http.write(id, 0, new byte[] {42});
    Snapshot before = http.snapshot(id);
    Snapshot sourceBefore = http.snapshot(source);

    HttpResponse<String> response =
        http.sendForText(mutation.on(http, id, source).header("If-Match", stale));

    JsonNode problem = Problems.expect(response, 412, "precondition-failed");
    assertThat(problem.get("memoryId").asString()).isEqualTo(id);
    http.assertUnchanged(id, before);
    http.assertUnchanged(source, sourceBefore);
  }

  @ParameterizedTest
  @EnumSource(Mutation.class)
  void aWeakIfMatchNeverMatches(Mutation mutation) throws Exception {
    Snapshot before = http.snapshot(id);
    HttpResponse<String> response =
        http.sendForText(mutation.on(http, id, source).header("If-Match", "W/" + before.etag()));
    Problems.expect(response, 412, "precondition-failed");
    http.assertUnchanged(id, before);
  }

  @Test
  void aStaleIfMatchOnARawWriteDoesNotNeedTheBody() throws Exception {
    String stale = http.etag(id);
    http.write(id, 0, new byte[] {42});
    Snapshot before = http.snapshot(id);
    HttpResponse<String> response =
        http.sendForText(
            http.request("/memories/" + id + "/bytes")
                .header("Content-Type", "application/octet-stream")
                .header("If-Match", stale)
                .PUT(BodyPublishers.ofByteArray(Bytes.random(63, 65536))));
    Problems.expect(response, 412, "precondition-failed");
    http.assertUnchanged(id, before);
  }

  @Test
  void ifMatchOnAnUnknownMemoryIs404() throws Exception {
    HttpResponse<String> response =
        http.sendForText(http.request("/memories/nope").header("If-Match", "\"0\"").DELETE());
    Problems.expect(response, 404, "memory-not-found");
  }
}
