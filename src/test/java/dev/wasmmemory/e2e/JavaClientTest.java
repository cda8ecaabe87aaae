package dev.wasmmemory.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.client.ApiClient;
import dev.wasmmemory.client.ApiException;
import dev.wasmmemory.client.ApiResponse;
import dev.wasmmemory.client.api.BatchesApi;
import dev.wasmmemory.client.api.BytesApi;
import dev.wasmmemory.client.api.MemoriesApi;
import dev.wasmmemory.client.api.ValuesApi;
import dev.wasmmemory.client.model.BatchGet;
import dev.wasmmemory.client.model.BatchOperationRequest;
import dev.wasmmemory.client.model.BatchRequest;
import dev.wasmmemory.client.model.BatchResponse;
import dev.wasmmemory.client.model.BatchSetValue;
import dev.wasmmemory.client.model.BatchSetValueValue;
import dev.wasmmemory.client.model.BytesResponse;
import dev.wasmmemory.client.model.CopyRequest;
import dev.wasmmemory.client.model.CreateMemoryRequest;
import dev.wasmmemory.client.model.FillRequest;
import dev.wasmmemory.client.model.GrowRequest;
import dev.wasmmemory.client.model.GrowResponse;
import dev.wasmmemory.client.model.MemoryInfo;
import dev.wasmmemory.client.model.Problem;
import dev.wasmmemory.client.model.ValueResponse;
import dev.wasmmemory.client.model.ValueWriteRequest;
import dev.wasmmemory.client.model.ValueWriteRequestValue;
import dev.wasmmemory.testing.DefaultDeployment;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The README's curl walk-through, step by step, with the Java client that openapi-generator (java,
 * library native, spec validation on) makes from the checked-in {@code openapi/openapi.yaml}: what
 * a user of the service would do with no code of ours. The generated sources are in {@code
 * target/generated-test-sources/openapi-java}.
 */
@DefaultDeployment
class JavaClientTest {
  private static final String HELLO = "Hello, WebAssembly!";

  @LocalServerPort int port;
  @TempDir Path files;

  MemoriesApi memories;
  BytesApi bytes;
  ValuesApi values;
  BatchesApi batches;
  ApiClient client;

  /**
   * What the next request needs that the generated client cannot say, applied by its request
   * interceptor (the client's own extension point): the file's bytes as the body of a raw upload,
   * which it sends as JSON of the file's path (OpenAPITools/openapi-generator#17801, open in
   * 7.17.0); and one media type in Accept, where it always names every representation.
   */
  private Consumer<HttpRequest.Builder> next;

  @BeforeEach
  void connect() {
    client = new ApiClient();
    client.updateBaseUri("http://127.0.0.1:" + port);
    client.setRequestInterceptor(
        request -> {
          if (next != null) {
            next.accept(request);
            next = null;
          }
        });
    memories = new MemoriesApi(client);
    bytes = new BytesApi(client);
    values = new ValuesApi(client);
    batches = new BatchesApi(client);
  }

  @Test
  void theReadmeWalkThroughRunsOnTheGeneratedClient() throws Exception {
    // Create a memory of 1 page (64 KiB) that may grow to 16 pages: 201, Location, ETag.
    ApiResponse<MemoryInfo> created =
        memories.createMemoryWithHttpInfo(
            new CreateMemoryRequest().initialPages(1L).maximumPages(16L));
    assertThat(created.getStatusCode()).isEqualTo(201);
    MemoryInfo memory = created.getData();
    String id = memory.getId();
    assertThat(created.getHeaders()).containsKeys("location", "etag");
    assertThat(memory.getMaximumPages()).isEqualTo(16);
    assertThat(memory.getSizeBytes()).isEqualTo(65536);

    // Write raw bytes at offset 16 (204).
    bytes.writeBytes(id, 16L, null, file(HELLO.getBytes(StandardCharsets.US_ASCII)));

    // Read them back as a hex dump, as JSON (base64), and raw with a Range.
    assertThat(read(id, 0, 48, "text/plain"))
        .isEqualTo(
            "00000000: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n"
                + "00000010: 4865 6c6c 6f2c 2057 6562 4173 7365 6d62  Hello, WebAssemb\n"
                + "00000020: 6c79 2100 0000 0000 0000 0000 0000 0000  ly!.............\n");
    BytesResponse json =
        client
            .getObjectMapper()
            .readValue(read(id, 16, 5, "application/json"), BytesResponse.class);
    assertThat(new String(json.getData(), StandardCharsets.US_ASCII)).isEqualTo("Hello");
    ApiResponse<File> range =
        bytes.readBytesWithHttpInfo(id, null, null, "bytes=16-20", null, null);
    assertThat(range.getStatusCode()).isEqualTo(206);
    assertThat(Files.readString(range.getData().toPath())).isEqualTo("Hello");

    // Typed little-endian values; i64/u64 come back as decimal strings.
    values.writeValue(
        id,
        "i32",
        new ValueWriteRequest().value(new ValueWriteRequestValue(BigDecimal.valueOf(-42))),
        8L,
        null);
    assertThat(number(values.readValue(id, "i32", 8L, null))).isEqualTo("-42");
    assertThat(number(values.readValue(id, "u64", 8L, null))).isEqualTo("4294967254");

    // Several operations in one request (a batch): in order, all or nothing, one new tag.
    BatchResponse batch =
        batches.runBatch(
            id,
            new BatchRequest()
                .operations(
                    List.of(
                        new BatchOperationRequest(
                            new BatchSetValue()
                                .op(BatchSetValue.OpEnum.SET_VALUE)
                                .type(BatchSetValue.TypeEnum.U16)
                                .offset(40L)
                                .value(new BatchSetValueValue(BigDecimal.valueOf(513)))),
                        new BatchOperationRequest(
                            new BatchGet().op(BatchGet.OpEnum.GET).offset(40L).length(2L)))),
            null);
    assertThat(batch.getResults()).hasSize(2);
    assertThat(batch.getResults().get(0)).isNull();
    assertThat(batch.getResults().get(1).getData()).containsExactly(1, 2);

    // Grow by 2 pages: the previous size comes back.
    GrowResponse grown = memories.growMemory(id, new GrowRequest().pages(2L), null);
    assertThat(grown.getPreviousPages()).isEqualTo(1);
    assertThat(grown.getCurrentPages()).isEqualTo(3);

    // Copy 19 bytes from 16 to 65530, across a page boundary.
    memories.copyMemory(
        id, new CopyRequest().sourceOffset(16L).destinationOffset(65530L).length(19L), null);
    assertThat(read(id, 65530, 19, "application/octet-stream")).isEqualTo(HELLO);

    // Fill 16 bytes with 0xff, then look.
    memories.fillMemory(id, new FillRequest().offset(0L).length(16L).value(255), null);
    assertThat(read(id, 0, 16, "text/plain"))
        .isEqualTo("00000000: ffff ffff ffff ffff ffff ffff ffff ffff  ................\n");

    // Errors are RFC 9457 problem details, e.g. an access past the end: 422.
    ApiException outOfBounds =
        catchApiException(() -> bytes.readBytes(id, 4294967295L, 2L, null, null, null));
    assertThat(outOfBounds.getCode()).isEqualTo(422);
    Problem problem =
        client.getObjectMapper().readValue(outOfBounds.getResponseBody(), Problem.class);
    assertThat(problem.getType()).isEqualTo("/problems/out-of-bounds");
    assertThat(problem.getOffset()).isEqualTo(4294967295L);
    assertThat(problem.getSizeBytes()).isEqualTo(3 * 65536L);
    assertThat(problem.getMemoryId()).isEqualTo(id);

    // Erase (all zero, size kept), then drop the memory, only if unchanged since it was read.
    memories.eraseMemory(id, null);
    ApiResponse<MemoryInfo> info = memories.getMemoryWithHttpInfo(id, null);
    assertThat(info.getData().getCurrentPages()).isEqualTo(3);
    assertThat(read(id, 0, 16, "application/octet-stream")).isEqualTo("\0".repeat(16));
    String etag = info.getHeaders().get("etag").get(0);
    memories.deleteMemory(id, etag);
    assertThat(catchApiException(() -> memories.getMemory(id, null)).getCode()).isEqualTo(404);
  }

  /** A stale If-Match is a 412 whose problem names the memory; nothing is written. */
  @Test
  void aStaleEntityTagIsAPreconditionFailure() throws Exception {
    ApiResponse<MemoryInfo> created =
        memories.createMemoryWithHttpInfo(new CreateMemoryRequest().initialPages(1L));
    String id = created.getData().getId();
    assertThat(created.getData().getMaximumPages()).isNull();
    String stale = created.getHeaders().get("etag").get(0);
    memories.fillMemory(id, new FillRequest().offset(0L).length(1L).value(1), stale);
    ApiException refused =
        catchApiException(
            () -> memories.fillMemory(id, new FillRequest().offset(0L).length(1L), stale));
    assertThat(refused.getCode()).isEqualTo(412);
    assertThat(read(id, 0, 1, "application/octet-stream")).isEqualTo("\1");
  }

  /** The body of a read in the representation {@code accept} names, as text. */
  private String read(String id, long offset, long length, String accept)
      throws ApiException, IOException {
    next = request -> request.setHeader("Accept", accept);
    File body = bytes.readBytes(id, offset, length, null, null, null);
    return Files.readString(body.toPath(), StandardCharsets.ISO_8859_1);
  }

  /** A file to upload with {@code content}, which the next request sends. */
  private File file(byte[] content) throws IOException {
    Path file = Files.createTempFile(files, "body", ".bin");
    Files.write(file, content);
    next = request -> request.method("PUT", HttpRequest.BodyPublishers.ofByteArray(content));
    return file.toFile();
  }

  /**
   * A value's decimal text. The generated anyOf reads the service's decimal string (u64) as a
   * BigDecimal too, which keeps it exact.
   */
  private static String number(ValueResponse value) {
    Object actual = value.getValue().getActualInstance();
    return actual instanceof BigDecimal decimal ? decimal.toPlainString() : actual.toString();
  }

  private interface ClientCall {
    void run() throws ApiException;
  }

  private static ApiException catchApiException(ClientCall call) {
    try {
      call.run();
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("the call succeeded");
  }
}
