package dev.wasmmemory.testing;

import static org.assertj.core.api.Assertions.assertThat;

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
import tools.jackson.databind.JsonNode;

/**
 * The one HTTP client of the suites that need a real socket: a keep-alive HTTP/1.1 client bound to
 * one service on the loopback interface, with short-hands for the requests that set up and inspect
 * memories. Every request has a timeout, so a server that hangs (a deadlock) fails the test instead
 * of stalling the build.
 */
public final class ServiceHttp {
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient client;
  private final URI base;
  private final Map<String, String> defaults;

  public ServiceHttp(int port) {
    this(
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build(),
        URI.create("http://127.0.0.1:" + port),
        Map.of());
  }

  private ServiceHttp(HttpClient client, URI base, Map<String, String> defaults) {
    this.client = client;
    this.base = base;
    this.defaults = defaults;
  }

  /** The same client, sending {@code Authorization: Bearer <token>} on every request. */
  public ServiceHttp withBearer(String token) {
    return new ServiceHttp(client, base, Map.of("Authorization", "Bearer " + token));
  }

  public URI base() {
    return base;
  }

  // ---- requests ----

  /** A request of {@code pathAndQuery} (already percent-encoded), to finish and send. */
  public HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(REQUEST_TIMEOUT);
    defaults.forEach(request::header);
    return request;
  }

  public HttpResponse<byte[]> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return send(request, BodyHandlers.ofByteArray());
  }

  public HttpResponse<String> sendForText(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return send(request, BodyHandlers.ofString());
  }

  public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    return client.send(request.build(), handler);
  }

  /** Uploads the test module {@code name} ({@link TestModules}); asserts 201, answers its id. */
  public String uploadModule(String name) throws IOException, InterruptedException {
    HttpResponse<byte[]> made =
        send(
            "POST",
            "/modules",
            Map.of("Content-Type", "application/wasm"),
            TestModules.bytes(name));
    assertThat(made.statusCode()).as(describe(made)).isEqualTo(201);
    return Json.read(text(made)).get("id").asString();
  }

  /**
   * Instantiates module {@code moduleId} with its {@code env.memory} import bound to {@code
   * memoryId}; asserts 201, answers the instance's id.
   */
  public String instantiate(String moduleId, String memoryId)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> made =
        json(
            "POST",
            "/modules/" + moduleId + "/instances",
            "{\"imports\":{\"env.memory\":\"" + memoryId + "\"}}");
    assertThat(made.statusCode()).as(describe(made)).isEqualTo(201);
    return Json.read(text(made)).get("id").asString();
  }

  /** Sends {@code method} with the headers given and a body ({@code null} for none). */
  public HttpResponse<byte[]> send(
      String method, String pathAndQuery, Map<String, String> headers, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        request(pathAndQuery)
            .method(
                method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
    headers.forEach(request::setHeader);
    return send(request);
  }

  public HttpResponse<byte[]> get(String pathAndQuery) throws IOException, InterruptedException {
    return send("GET", pathAndQuery, Map.of(), null);
  }

  public HttpResponse<byte[]> get(String pathAndQuery, String accept)
      throws IOException, InterruptedException {
    return send("GET", pathAndQuery, Map.of("Accept", accept), null);
  }

  public HttpResponse<byte[]> putBytes(String pathAndQuery, byte[] body)
      throws IOException, InterruptedException {
    return send("PUT", pathAndQuery, Map.of("Content-Type", "application/octet-stream"), body);
  }

  public HttpResponse<byte[]> json(String method, String pathAndQuery, String json)
      throws IOException, InterruptedException {
    return send(
        method,
        pathAndQuery,
        Map.of("Content-Type", "application/json"),
        json.getBytes(StandardCharsets.UTF_8));
  }

  // ---- memories ----

  /** Creates a memory and returns its id. */
  public String create(long initialPages, Long maximumPages)
      throws IOException, InterruptedException {
    String body =
        maximumPages == null
            ? "{\"initialPages\":" + initialPages + "}"
            : "{\"initialPages\":" + initialPages + ",\"maximumPages\":" + maximumPages + "}";
    HttpResponse<byte[]> response = json("POST", "/memories", body);
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(201);
    return Json.read(text(response)).get("id").stringValue();
  }

  public String create(long initialPages) throws IOException, InterruptedException {
    return create(initialPages, null);
  }

  public void write(String id, long offset, byte[] bytes) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = putBytes("/memories/" + id + "/bytes?offset=" + offset, bytes);
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(204);
  }

  /** The whole memory, raw. */
  public byte[] read(String id) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = get("/memories/" + id + "/bytes");
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    return response.body();
  }

  public JsonNode info(String id) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = get("/memories/" + id);
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    return Json.read(text(response));
  }

  public String etag(String id) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = get("/memories/" + id);
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    return response.headers().firstValue("ETag").orElseThrow();
  }

  public Snapshot snapshot(String id) throws IOException, InterruptedException {
    return new Snapshot(read(id), info(id).get("currentPages").asInt(), etag(id));
  }

  /** Asserts that the memory's bytes, size and entity tag are as they were at {@code before}. */
  public void assertUnchanged(String id, Snapshot before) throws IOException, InterruptedException {
    before.assertSameAs(snapshot(id));
  }

  // ---- describing answers ----

  public static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** The request line, status, Content-Type and the start of a textual body, for messages. */
  public static String describe(HttpResponse<byte[]> response) {
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
