package dev.wasmmemory.api;

import dev.wasmmemory.service.events.EventSink;
import dev.wasmmemory.store.MemoryChange;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A subscriber's events as server-sent events: {@code id:} the version, {@code event:} the kind,
 * {@code data:} a {@link MemoryEvent}; a deletion has no id (it names no new version), a reset has
 * the version to read from, heartbeats are comments.
 */
final class SseEventSink implements EventSink {
  private final SseEmitter emitter;

  SseEventSink(SseEmitter emitter) {
    this.emitter = emitter;
  }

  @Override
  public void change(MemoryChange change) throws IOException {
    SseEmitter.SseEventBuilder event =
        SseEmitter.event()
            .name(change.kind().eventName())
            .data(MemoryEvent.of(change), MediaType.APPLICATION_JSON);
    if (change.kind() != MemoryChange.Kind.DELETE) {
      event.id(Long.toString(change.version()));
    }
    emitter.send(event);
  }

  @Override
  public void reset(long version) throws IOException {
    emitter.send(
        SseEmitter.event()
            .id(Long.toString(version))
            .name("reset")
            .data(MemoryEvent.reset(version), MediaType.APPLICATION_JSON));
  }

  @Override
  public void heartbeat() throws IOException {
    emitter.send(SseEmitter.event().comment("heartbeat"));
  }

  @Override
  public void end() {
    emitter.complete();
  }
}
