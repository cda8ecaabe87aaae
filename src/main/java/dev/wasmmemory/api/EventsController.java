package dev.wasmmemory.api;

import static dev.wasmmemory.api.problem.ProblemType.INVALID_REQUEST;
import static dev.wasmmemory.api.problem.ProblemType.TOO_MANY_SUBSCRIBERS;

import dev.wasmmemory.api.problem.ApiProblems;
import dev.wasmmemory.service.MemoryService;
import dev.wasmmemory.service.events.Subscription;
import dev.wasmmemory.service.events.TooManySubscribersException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.OptionalLong;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A memory's live changes as server-sent events, for debuggers and other watchers. */
@RestController
@RequestMapping("/memories")
@Tag(name = "Memories")
class EventsController {
  private static final String DESCRIPTION =
      "One event per mutation, in version order: `id:` the version the mutation left the memory"
          + " at (its ETag is \"<id>\"), `event:` write | grow | erase | restore | delete, `data:`"
          + " a MemoryEvent (write: offset and length of a region that covers every byte changed;"
          + " grow: previousPages and currentPages; a batch is one event). Reconnecting with"
          + " `Last-Event-ID` resumes after that version from a bounded history"
          + " (memory.events.history changes, kept memory.events.retention after the last"
          + " subscriber left), or sends `event: reset` with the version to read the memory from"
          + " when the history does not reach back (a slow subscriber that falls behind the history"
          + " is reset too). `delete` (no id) ends the stream; a reconnect then gets 404."
          + " Comments (`: heartbeat`) every memory.events.heartbeat keep proxies from closing an"
          + " idle stream. At most memory.events.max-subscribers streams at once per service"
          + " process (503 beyond). With memory.store=redis a subscriber on one replica sees the"
          + " writes made through every replica.";

  /** How long a browser's EventSource waits before it reconnects (with Last-Event-ID). */
  private static final long RECONNECT_MILLIS = 1000;

  private final MemoryService memories;

  EventsController(MemoryService memories) {
    this.memories = memories;
  }

  @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(
      operationId = "memoryEvents",
      summary = "The memory's changes as they happen (server-sent events)",
      description = DESCRIPTION)
  @ApiResponse(
      responseCode = "200",
      description = "A stream of events (text/event-stream), open until the memory is deleted",
      content =
          @Content(
              mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
              schema =
                  @Schema(
                      type = "string",
                      example =
                          "id: 13\nevent: write\ndata: {\"version\":13,\"offset\":16,\"length\":4}\n\n")))
  @ApiProblems({INVALID_REQUEST, TOO_MANY_SUBSCRIBERS})
  SseEmitter events(
      @PathVariable String id,
      @Parameter(description = "The last version seen: the stream resumes after it")
          @RequestHeader(name = "Last-Event-ID", required = false)
          String lastEventId) {
    OptionalLong after = parse(lastEventId);
    SseEmitter emitter = new SseEmitter(0L);
    Subscription subscription;
    try {
      subscription = memories.subscribe(id, after, new SseEventSink(emitter));
    } catch (TooManySubscribersException e) {
      throw new SubscriberLimitException(e.getMessage(), e.limit());
    }
    try {
      // Sent at once: the stream is open (and its reconnection delay set) before any change.
      emitter.send(SseEmitter.event().reconnectTime(RECONNECT_MILLIS).comment("subscribed"));
    } catch (IOException e) {
      subscription.close();
      return emitter;
    }
    emitter.onCompletion(subscription::close);
    emitter.onTimeout(subscription::close);
    emitter.onError(failure -> subscription.close());
    return emitter;
  }

  /** A version: a decimal number, 0 up; empty when the header is absent or blank. */
  private static OptionalLong parse(String lastEventId) {
    if (lastEventId == null || lastEventId.isBlank()) {
      return OptionalLong.empty();
    }
    String text = lastEventId.strip();
    if (text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidRequestException(
          "Last-Event-ID must be a version (a decimal number), not '" + text + "'",
          "Last-Event-ID");
    }
    return OptionalLong.of(Long.parseLong(text));
  }
}
