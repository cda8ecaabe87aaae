package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.testing.Bytes;
import dev.wasmmemory.testing.DefaultDeployment;
import dev.wasmmemory.testing.Problems;
import dev.wasmmemory.testing.ServiceHttp;
import dev.wasmmemory.testing.Snapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * What only a real socket shows: {@code Range} (206 with {@code Content-Range}, 416 with {@code
 * Content-Range: bytes *}/size), {@code HEAD}, bodies of unknown length (chunked) both ways, and a
 * body that ends before its {@code Content-Length}.
 */
@DefaultDeployment
class RangeAndStreamingTest {
  @LocalServerPort int port;
  ServiceHttp http;
  byte[] content;
  String id;

  @BeforeEach
  void setUp() throws Exception {
    http = new ServiceHttp(port);
    content = Bytes.random(71, 65536);
    id = http.create(1);
    http.write(id, 0, content);
  }

  private HttpResponse<byte[]> range(String query, String range) throws Exception {
    return http.send(
        http.request("/memories/" + id + "/bytes" + query).header("Range", range).GET());
  }

  // ---- Range ----

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "bytes=0-4, 0, 4",
    "bytes=100-199, 100, 199",
    "bytes=65535-65535, 65535, 65535",
    "bytes=65530-, 65530, 65535",
    "bytes=-5, 65531, 65535",
    "bytes=65530-70000, 65530, 65535",
    "bytes=0-, 0, 65535",
    "bytes=-70000, 0, 65535"
  })
  void aSatisfiableRangeIs206WithContentRange(String header, int first, int last) throws Exception {
    HttpResponse<byte[]> response = range("", header);
    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(response.headers().firstValue("Content-Range"))
        .hasValue("bytes " + first + "-" + last + "/65536");
    assertThat(response.headers().firstValue("Content-Length")).hasValue("" + (last - first + 1));
    assertThat(response.headers().firstValue("ETag")).isPresent();
    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(content, first, last + 1));
  }

  /** A part of a large region comes from the consistent view, not a copy of the whole. */
  @Test
  void aRangeOfARegionReadThroughAViewIsTheRightSlice() throws Exception {
    String large = http.create(20);
    byte[] tail = Bytes.random(72, 70000);
    http.write(large, 1_200_000, tail);
    HttpResponse<byte[]> response =
        http.send(
            http.request("/memories/" + large + "/bytes?offset=1000000")
                .header("Range", "bytes=200000-269999")
                .GET());
    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(response.body()).isEqualTo(tail);
  }

  // ---- If-Range (RFC 9110 §13.1.5) ----

  private HttpResponse<byte[]> ifRange(String validator) throws Exception {
    return http.send(
        http.request("/memories/" + id + "/bytes")
            .header("Range", "bytes=0-3")
            .header("If-Range", validator)
            .GET());
  }

  @Test
  void ifRangeWithTheCurrentTagHonoursTheRange() throws Exception {
    HttpResponse<byte[]> response = ifRange(http.etag(id));
    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(content, 0, 4));
  }

  /** A resumed download of older bytes must not splice two versions: the whole region, 200. */
  @Test
  void ifRangeWithAStaleTagGetsTheWholeRegion() throws Exception {
    String old = http.etag(id);
    http.write(id, 0, new byte[] {9, 9, 9, 9});
    HttpResponse<byte[]> response = ifRange(old);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Range")).isEmpty();
    assertThat(response.body()).hasSize(65536).startsWith(9, 9, 9, 9);
  }

  /** Strong comparison, and the bytes have no Last-Modified for a date to match. */
  @ParameterizedTest
  @ValueSource(strings = {"W/%s", "\"nope\"", "Tue, 01 Dec 2026 10:00:00 GMT"})
  void ifRangeThatIsNotTheCurrentStrongTagGetsTheWholeRegion(String validator) throws Exception {
    HttpResponse<byte[]> response = ifRange(validator.formatted(http.etag(id)));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(content);
  }

  // ---- Content-Disposition ----

  /** Browsers and Swagger UI save a raw read under a name that says what it is. */
  @Test
  void aRawReadIsAnAttachmentNamedAfterItsRegion() throws Exception {
    HttpResponse<byte[]> whole = http.get("/memories/" + id + "/bytes");
    assertThat(whole.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"" + id + "-0-65536.bin\"");
    HttpResponse<byte[]> part = range("?offset=16&length=100", "bytes=0-9");
    assertThat(part.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"" + id + "-16-100.bin\"");
    HttpResponse<byte[]> json = http.get("/memories/" + id + "/bytes?length=4", "application/json");
    assertThat(json.headers().firstValue("Content-Disposition")).isEmpty();
  }

  @Test
  void aLastPositionFarPastTheEndIsClamped() throws Exception {
    HttpResponse<byte[]> response = range("", "bytes=65530-99999999999999999999");
    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 65530-65535/65536");
    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(content, 65530, 65536));
  }

  @ParameterizedTest
  @ValueSource(strings = {"items=0-1", "pages=0-0", "none"})
  void aRangeOfAnUnknownUnitIsIgnored(String header) throws Exception {
    HttpResponse<byte[]> response = range("", header);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Range")).isEmpty();
    assertThat(response.body()).isEqualTo(content);
  }

  @Test
  void aRangeIsRelativeToTheSelectedRegion() throws Exception {
    HttpResponse<byte[]> response = range("?offset=100&length=50", "bytes=10-19");
    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 10-19/50");
    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(content, 110, 120));
  }

  @Test
  void aRawReadAdvertisesByteRanges() throws Exception {
    HttpResponse<byte[]> response = http.send(http.request("/memories/" + id + "/bytes").GET());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    assertThat(response.headers().firstValue("Content-Length")).hasValue("65536");
    assertThat(response.headers().firstValue("Content-Range")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=65536-", "bytes=70000-70010", "bytes=65536-65536", "bytes=-0"})
  void anUnsatisfiableRangeIs416WithTheSize(String header) throws Exception {
    HttpResponse<byte[]> response = range("", header);
    JsonNode problem = Problems.expect(response, 416, "out-of-bounds");
    assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */65536");
    assertThat(problem.get("sizeBytes").asLong()).isEqualTo(65536);
  }

  @Test
  void aRangePastTheSelectedRegionIs416WithTheRegionsSize() throws Exception {
    HttpResponse<byte[]> response = range("?offset=100&length=50", "bytes=50-");
    Problems.expect(response, 416, "out-of-bounds");
    assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */50");
  }

  @Test
  void anyRangeOfAnEmptyMemoryIs416() throws Exception {
    String empty = http.create(0);
    HttpResponse<byte[]> response =
        http.send(http.request("/memories/" + empty + "/bytes").header("Range", "bytes=0-").GET());
    Problems.expect(response, 416, "out-of-bounds");
    assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=0-1,4-5", "bytes=0-0,-1"})
  void severalRangesAre416(String header) throws Exception {
    HttpResponse<byte[]> response = range("", header);
    Problems.expect(response, 416, "out-of-bounds");
    assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */65536");
  }

  @Test
  void aRangeOfAnUnknownMemoryIs404() throws Exception {
    HttpResponse<byte[]> response =
        http.send(http.request("/memories/nope/bytes").header("Range", "bytes=0-1").GET());
    Problems.expect(response, 404, "memory-not-found");
  }

  @Test
  void aRangeOnAFullSizeMemoryReachesTheLastByte() throws Exception {
    String full = http.create(65536);
    http.write(full, 4_294_967_295L, new byte[] {77});
    HttpResponse<byte[]> response =
        http.send(http.request("/memories/" + full + "/bytes").header("Range", "bytes=-2").GET());
    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(response.headers().firstValue("Content-Range"))
        .hasValue("bytes 4294967294-4294967295/4294967296");
    assertThat(response.body()).containsExactly(0, 77);
  }

  // ---- HEAD ----

  @Test
  void headOfTheRawBytesHasTheHeadersOfGetAndNoBody() throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            http.request("/memories/" + id + "/bytes").method("HEAD", BodyPublishers.noBody()));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Length")).hasValue("65536");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(response.headers().firstValue("ETag")).hasValue(http.etag(id));
    assertThat(response.body()).isEmpty();
  }

  @Test
  void headWithARangeIs206WithoutBody() throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            http.request("/memories/" + id + "/bytes")
                .header("Range", "bytes=10-14")
                .method("HEAD", BodyPublishers.noBody()));
    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 10-14/65536");
    assertThat(response.headers().firstValue("Content-Length")).hasValue("5");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void headOfAFullSizeMemoryAnnounces4GiB() throws Exception {
    String full = http.create(65536);
    HttpResponse<byte[]> response =
        http.send(
            http.request("/memories/" + full + "/bytes").method("HEAD", BodyPublishers.noBody()));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Length")).hasValue("4294967296");
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/json", "text/plain"})
  void headOfTheEncodedRepresentationsHasNoBody(String accept) throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            http.request("/memories/" + id + "/bytes?length=64")
                .header("Accept", accept)
                .method("HEAD", BodyPublishers.noBody()));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith(accept);
    assertThat(response.headers().firstValue("ETag")).isPresent();
    assertThat(response.body()).isEmpty();
  }

  @Test
  void headOfMemoryInfoAndValuesCarriesTheETag() throws Exception {
    String etag = http.etag(id);
    for (String path : new String[] {"/memories/" + id, "/memories/" + id + "/values/i64"}) {
      HttpResponse<byte[]> response =
          http.send(http.request(path).method("HEAD", BodyPublishers.noBody()));
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.headers().firstValue("ETag")).as(path).hasValue(etag);
      assertThat(response.body()).isEmpty();
    }
  }

  @Test
  void headOfAnUnknownMemoryIs404() throws Exception {
    HttpResponse<byte[]> response =
        http.send(http.request("/memories/nope/bytes").method("HEAD", BodyPublishers.noBody()));
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEmpty();
  }

  // ---- streaming ----

  @Test
  void aChunkedWriteOfSeveralPagesStreamsInAndOut() throws Exception {
    int pages = 64;
    String big = http.create(pages);
    byte[] body = Bytes.random(72, pages * 65536);
    HttpResponse<String> written =
        http.sendForText(
            http.request("/memories/" + big + "/bytes")
                .header("Content-Type", "application/octet-stream")
                .PUT(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    assertThat(written.statusCode()).as(written.body()).isEqualTo(204);

    HttpResponse<InputStream> read =
        http.send(
            http.request("/memories/" + big + "/bytes").GET(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers().firstValue("Content-Length")).hasValue("" + body.length);
    assertThat(crc(read.body())).isEqualTo(crc(new ByteArrayInputStream(body)));
  }

  @Test
  void aChunkedWriteThatFitsExactlyIsWritten() throws Exception {
    byte[] body = Bytes.random(73, 1000);
    HttpResponse<String> response =
        http.sendForText(
            http.request("/memories/" + id + "/bytes?offset=64536")
                .header("Content-Type", "application/octet-stream")
                .PUT(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    assertThat(Arrays.copyOfRange(http.read(id), 64536, 65536)).isEqualTo(body);
  }

  @Test
  void aChunkedWriteThatDoesNotFitIsA422AndChangesNothing() throws Exception {
    Snapshot before = http.snapshot(id);
    HttpResponse<String> response =
        http.sendForText(
            http.request("/memories/" + id + "/bytes?offset=60000")
                .header("Content-Type", "application/octet-stream")
                .PUT(
                    BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(Bytes.random(74, 6000)))));
    JsonNode problem = Problems.expect(response, 422, "out-of-bounds");
    assertThat(problem.get("offset").asLong()).isEqualTo(60000);
    assertThat(problem.get("sizeBytes").asLong()).isEqualTo(65536);
    http.assertUnchanged(id, before);
  }

  @Test
  void aBodyThatEndsBeforeItsContentLengthIsA400AndChangesNothing() throws Exception {
    Snapshot before = http.snapshot(id);
    String response = sendTruncatedBody(port, id);
    assertThat(response).startsWith("HTTP/1.1 400");
    assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
    assertThat(response).contains("/problems/invalid-request");
    http.assertUnchanged(id, before);
  }

  /**
   * A raw PUT announcing 60000 bytes that sends 30000 and half-closes the connection; answers the
   * raw HTTP response.
   */
  static String sendTruncatedBody(int port, String id) throws Exception {
    String response;
    try (Socket socket = new Socket("localhost", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("PUT /memories/"
                  + id
                  + "/bytes?offset=0 HTTP/1.1\r\n"
                  + "Host: localhost\r\n"
                  + "Content-Type: application/octet-stream\r\n"
                  + "Content-Length: 60000\r\n"
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(Bytes.random(75, 30000));
      out.flush();
      socket.shutdownOutput();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(received);
      response = received.toString(StandardCharsets.ISO_8859_1);
    }
    return response;
  }

  private static long crc(InputStream in) throws Exception {
    CRC32 crc = new CRC32();
    byte[] buffer = new byte[65536];
    try (in) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        crc.update(buffer, 0, n);
      }
    }
    return crc.getValue();
  }
}
