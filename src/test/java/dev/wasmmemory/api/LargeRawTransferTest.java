package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.testing.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 256 MiB written and read back through the raw representation, against the service running in a
 * child JVM whose heap is too small to buffer a request or response whole: {@code -Xmx400m}, while
 * the memory itself holds 256 MiB of pages ({@code memory.budget=300MB}). A second copy of the body
 * anywhere on the way (a byte[] or a ByteArrayOutputStream of 256 MiB) would not fit and fail the
 * request with an OutOfMemoryError. The client generates the bytes as it sends them and checks a
 * CRC32 as it receives them, so it holds no copy either.
 *
 * <p>The margin is small: on the reference machine the transfer passes with 330 MiB of heap and
 * fails (OutOfMemoryError, 500) with 290 MiB, far less than the 256 MiB a buffered copy would add.
 * {@code -DlargeTransfer.heap=290m} (in surefire's argLine) repeats that experiment.
 */
class LargeRawTransferTest {
  private static final int PAGES = 4096;
  private static final long SIZE = (long) PAGES * 65536;
  private static final long SEED = 0x5eed_cafeL;
  private static final Duration PATIENCE = Duration.ofMinutes(5);

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private Process service;
  private Path log;

  @AfterEach
  void stopService() throws InterruptedException {
    if (service != null) {
      service.destroy();
      if (!service.waitFor(30, TimeUnit.SECONDS)) {
        service.destroyForcibly();
      }
    }
  }

  @Test
  void a256MiBMemoryStreamsInAndOutOfAHeapTooSmallToBufferIt() throws Exception {
    URI base = startService();

    HttpResponse<String> created =
        client.send(
            request(base.resolve("/memories"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"initialPages\":" + PAGES + "}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = Json.read(created.body()).get("id").stringValue();
    URI bytes = base.resolve("/memories/" + id + "/bytes");

    HttpResponse<String> written =
        client.send(
            request(bytes)
                .header("Content-Type", "application/octet-stream")
                .PUT(
                    BodyPublishers.fromPublisher(
                        BodyPublishers.ofInputStream(() -> new GeneratedStream(SEED, SIZE)), SIZE))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(written.statusCode()).as("write: %s%n%s", written.body(), logTail()).isEqualTo(204);

    HttpResponse<InputStream> read =
        client.send(request(bytes).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(read.statusCode()).as(logTail()).isEqualTo(200);
    assertThat(read.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
    Checked received = checksum(read.body());

    assertThat(received.length()).as("bytes read back").isEqualTo(SIZE);
    assertThat(received.crc())
        .as("CRC32 of the bytes read back")
        .isEqualTo(checksum(new GeneratedStream(SEED, SIZE)).crc());
    assertThat(service.isAlive()).as(logTail()).isTrue();
    assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
  }

  private HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(PATIENCE);
  }

  /** Starts the application from the test classpath in a JVM of 400 MiB heap; its base URI. */
  private URI startService() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    log = Files.createTempFile("large-raw-transfer-", ".log");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx" + System.getProperty("largeTransfer.heap", "400m"),
            "-XX:+UseG1GC",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.wasmmemory.WasmMemoryApplication",
            "--server.port=" + port,
            "--memory.budget=300MB",
            "--spring.main.banner-mode=off");
    service =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    URI base = URI.create("http://localhost:" + port);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      assertThat(service.isAlive()).as("the service exited: %s", logTail()).isTrue();
      try {
        HttpResponse<Void> probe =
            client.send(
                request(base.resolve("/memories/probe")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (probe.statusCode() == 404) {
          return base;
        }
      } catch (IOException notYetListening) {
        // starting up
      }
      assertThat(System.nanoTime())
          .as("the service did not start: %s", logTail())
          .isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  private String logTail() {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.substring(Math.max(0, text.length() - 4000));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  record Checked(long length, long crc) {}

  private static Checked checksum(InputStream in) throws IOException {
    CRC32 crc = new CRC32();
    long length = 0;
    byte[] buffer = new byte[64 * 1024];
    try (in) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        crc.update(buffer, 0, n);
        length += n;
      }
    }
    return new Checked(length, crc.getValue());
  }

  /**
   * {@code length} pseudo-random bytes (xorshift64), produced as they are read: the same for the
   * same seed, never held in memory, and dense enough that every page is materialised.
   */
  static final class GeneratedStream extends InputStream {
    private long state;
    private long remaining;
    private long word;
    private int unused;

    GeneratedStream(long seed, long length) {
      this.state = seed;
      this.remaining = length;
    }

    /** The next byte of the sequence, whatever sizes it is read in. */
    private byte nextByte() {
      if (unused == 0) {
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        word = state;
        unused = 8;
      }
      byte b = (byte) word;
      word >>>= 8;
      unused--;
      return b;
    }

    @Override
    public int read() {
      if (remaining == 0) {
        return -1;
      }
      remaining--;
      return nextByte() & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (remaining == 0) {
        return -1;
      }
      int n = (int) Math.min(length, remaining);
      for (int i = 0; i < n; i++) {
        buffer[offset + i] = nextByte();
      }
      remaining -= n;
      return n;
    }
  }
}
