package dev.wasmmemory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A keep-alive HTTP/1.1 client bound to one service on the loopback interface. Every request has a
 * timeout, so a server that hangs (a deadlock) fails the test instead of stalling the build.
 */
final class LoopbackHttp {
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

  private final HttpClient client;
  private final String base;

  LoopbackHttp(int port) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.base = "http://127.0.0.1:" + port;
  }

  /**
   * Sends {@code method} on {@code pathAndQuery} (already percent-encoded) with the headers given
   * and a body ({@code null} for none).
   */
  HttpResponse<byte[]> send(
      String method, String pathAndQuery, Map<String, String> headers, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(REQUEST_TIMEOUT)
            .method(
                method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return client.send(request.build(), BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> get(String pathAndQuery) throws IOException, InterruptedException {
    return send("GET", pathAndQuery, Map.of(), null);
  }

  HttpResponse<byte[]> get(String pathAndQuery, String accept)
      throws IOException, InterruptedException {
    return send("GET", pathAndQuery, Map.of("Accept", accept), null);
  }

  HttpResponse<byte[]> putBytes(String pathAndQuery, byte[] body)
      throws IOException, InterruptedException {
    return send("PUT", pathAndQuery, Map.of("Content-Type", "application/octet-stream"), body);
  }

  HttpResponse<byte[]> json(String method, String pathAndQuery, String json)
      throws IOException, InterruptedException {
    return send(
        method,
        pathAndQuery,
        Map.of("Content-Type", "application/json"),
        json.getBytes(StandardCharsets.UTF_8));
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** The request line, status, Content-Type and the start of a textual body, for messages. */
  static String describe(HttpResponse<byte[]> response) {
    String type = response.headers().firstValue("Content-Type").orElse("");
    String body =
        type.contains("json") || type.startsWith("text/")
            ? text(response)
            : "<" + response.body().length + " bytes>";
    return response.request().method()
        + " "
        + response.uri().getRawPath()
        + (response.uri().getRawQuery() == null ? "" : "?" + response.uri().getRawQuery())
        + " -> "
        + response.statusCode()
        + " "
        + (type.isEmpty() ? "(no Content-Type)" : type)
        + " "
        + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
  }
}
