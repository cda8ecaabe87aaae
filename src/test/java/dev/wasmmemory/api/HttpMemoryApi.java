package dev.wasmmemory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** The service over a real socket (java.net.http), for what only a real exchange shows. */
final class HttpMemoryApi {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private final URI base;

  HttpMemoryApi(int port) {
    this.base = URI.create("http://localhost:" + port);
  }

  HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(60));
  }

  HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> sendForText(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    return CLIENT.send(request.build(), handler);
  }

  String create(long initialPages, Long maximumPages) throws IOException, InterruptedException {
    String body =
        maximumPages == null
            ? "{\"initialPages\":" + initialPages + "}"
            : "{\"initialPages\":" + initialPages + ",\"maximumPages\":" + maximumPages + "}";
    HttpResponse<String> response =
        sendForText(
            request("/memories")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return Json.read(response.body()).get("id").stringValue();
  }

  String create(long initialPages) throws IOException, InterruptedException {
    return create(initialPages, null);
  }

  void write(String id, long offset, byte[] bytes) throws IOException, InterruptedException {
    HttpResponse<String> response =
        sendForText(
            request("/memories/" + id + "/bytes?offset=" + offset)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
  }

  byte[] read(String id) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = send(request("/memories/" + id + "/bytes").GET());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  JsonNode info(String id) throws IOException, InterruptedException {
    HttpResponse<String> response = sendForText(request("/memories/" + id).GET());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.read(response.body());
  }

  String etag(String id) throws IOException, InterruptedException {
    HttpResponse<String> response = sendForText(request("/memories/" + id).GET());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.headers().firstValue("ETag").orElseThrow();
  }

  MemoryApi.Snapshot snapshot(String id) throws IOException, InterruptedException {
    return new MemoryApi.Snapshot(read(id), info(id).get("currentPages").asInt(), etag(id));
  }

  /** Asserts that the memory's bytes, size and entity tag are as they were at {@code before}. */
  void assertUnchanged(String id, MemoryApi.Snapshot before)
      throws IOException, InterruptedException {
    MemoryApi.Snapshot now = snapshot(id);
    assertThat(now.pages()).as("pages").isEqualTo(before.pages());
    assertThat(now.etag()).as("entity tag").isEqualTo(before.etag());
    assertThat(now.bytes()).as("bytes").isEqualTo(before.bytes());
  }
}
