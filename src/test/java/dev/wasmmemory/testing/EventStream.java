package dev.wasmmemory.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A client of {@code GET /memories/{id}/events} over a real socket: the stream parsed as the
 * server-sent events specification says (fields until a blank line; comments kept apart), into a
 * queue the test takes events from. Every wait has a generous limit, so that a missing event fails
 * the test instead of hanging it; no test asserts on time.
 */
public final class EventStream implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** One event; {@code id} null when it had none. */
  public record Event(String id, String name, String data) {
    public JsonNode json() {
      return Json.read(data);
    }

    public long version() {
      return json().get("version").asLong();
    }
  }

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
  private final Thread reader;

  private EventStream(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = new Thread(this::read, "event-stream-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Subscribes to memory {@code id}; asserts the stream was opened (200, text/event-stream). */
  public static EventStream open(ServiceHttp http, String id, Map<String, String> headers)
      throws IOException, InterruptedException {
    return accepted(openRaw(http, id, headers));
  }

  /** The stream of a subscription answered 200 (asserted, with its media type). */
  public static EventStream accepted(HttpResponse<InputStream> response) {
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    return new EventStream(response);
  }

  public static EventStream open(ServiceHttp http, String id)
      throws IOException, InterruptedException {
    return open(http, id, Map.of());
  }

  /** The answer to a subscription, whatever it is (for refusals). */
  public static HttpResponse<InputStream> openRaw(
      ServiceHttp http, String id, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(http.base().resolve("/memories/" + id + "/events"))
            .header("Accept", "text/event-stream")
            .GET();
    headers.forEach(request::header);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    return client.send(request.build(), BodyHandlers.ofInputStream());
  }

  private void read() {
    String id = null;
    String name = "message";
    StringBuilder data = null;
    try (InputStream in = response.body()) {
      for (String line = line(in); line != null; line = line(in)) {
        if (line.isEmpty()) {
          if (data != null) {
            received.add(new Event(id, name, data.toString()));
          }
          id = null;
          name = "message";
          data = null;
        } else if (line.startsWith(":")) {
          received.add(line.substring(1).strip());
        } else {
          int colon = line.indexOf(':');
          String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
          switch (field) {
            case "id" -> id = value;
            case "event" -> name = value;
            case "data" ->
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> {}
          }
        }
      }
    } catch (IOException e) {
      // The stream was closed by the test.
    }
    received.add(END);
  }

  /** One line, read byte by byte so that nothing waits for a buffer to fill; null at the end. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.UTF_8);
      }
      if (b != '\r') {
        bytes.write(b);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The body of a refusal, as text. */
  public static String text(HttpResponse<InputStream> response) throws IOException {
    try (InputStream in = response.body()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static final Object END = new Object();

  /** The next event (comments skipped); fails when the stream ends or nothing comes. */
  public Event next() throws InterruptedException {
    while (true) {
      Object item = take();
      assertThat(item).as("the stream ended before the next event").isNotSameAs(END);
      if (item instanceof Event event) {
        return event;
      }
    }
  }

  /** The next {@code count} events. */
  public List<Event> next(int count) throws InterruptedException {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(next());
    }
    return events;
  }

  /** The next comment, skipping events; fails when none comes. */
  public String nextComment() throws InterruptedException {
    while (true) {
      Object item = take();
      assertThat(item).as("the stream ended before a comment").isNotSameAs(END);
      if (item instanceof String comment) {
        return comment;
      }
    }
  }

  /** Waits for the server to end the stream; answers the events that came before the end. */
  public List<Event> awaitEnd() throws InterruptedException {
    List<Event> events = new ArrayList<>();
    while (true) {
      Object item = take();
      if (item == END) {
        return events;
      }
      if (item instanceof Event event) {
        events.add(event);
      }
    }
  }

  private Object take() throws InterruptedException {
    Object item = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(item).as("nothing arrived on the event stream within " + WAIT).isNotNull();
    return item;
  }

  @Override
  public void close() throws IOException {
    response.body().close();
  }
}
