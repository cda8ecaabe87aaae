package dev.wasmmemory.store.redis;

import dev.wasmmemory.memory.StorageException;
import dev.wasmmemory.store.ChangeLog;
import dev.wasmmemory.store.MemoryChange;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The streams the library's commits append to ({@code wasmmemory.lua}, "Live changes"): one call of
 * {@code wm4_events} per memory, all of them pipelined, reads the changes after a version and keeps
 * the memory watched (its commits recording) for the retention.
 */
final class RedisChangeLog implements ChangeLog {
  private final Scripts scripts;

  RedisChangeLog(Scripts scripts) {
    this.scripts = scripts;
  }

  @Override
  public Map<String, Changes> read(
      Map<String, Long> positions, int limit, int history, Duration retention) {
    Map<String, RedisFuture<List<Object>>> calls = new LinkedHashMap<>();
    positions.forEach(
        (id, after) ->
            calls.put(
                id,
                scripts.send(
                    "events", Keys.meta(id), after, limit, history, retention.toMillis())));
    Map<String, Changes> found = new LinkedHashMap<>();
    RuntimeException failure = null;
    for (Map.Entry<String, RedisFuture<List<Object>>> call : calls.entrySet()) {
      String id = call.getKey();
      try {
        found.put(id, changes(new Reply(scripts.redis().await(call.getValue()))));
      } catch (RedisException e) {
        try {
          // Once more, synchronously: a primary that lost the library gets it loaded again.
          Long after = positions.get(id);
          found.put(
              id,
              changes(
                  scripts.call(
                      "events", Keys.meta(id), after, limit, history, retention.toMillis())));
        } catch (StorageException again) {
          failure = failure == null ? again : failure;
        }
      }
    }
    if (failure != null && found.isEmpty()) {
      throw failure;
    }
    return found;
  }

  /** {0, version, then six elements per change}: see {@code wm4_events}. */
  private static Changes changes(Reply reply) {
    List<MemoryChange> changes = new ArrayList<>();
    for (int i = 2; i + 5 < reply.size(); i += 6) {
      String id = text(reply, i);
      long version = Long.parseLong(id.substring(0, id.indexOf('-')));
      MemoryChange.Kind kind =
          MemoryChange.Kind.valueOf(text(reply, i + 1).toUpperCase(Locale.ROOT));
      changes.add(
          new MemoryChange(
              kind,
              version,
              number(reply, i + 2),
              number(reply, i + 3),
              (int) number(reply, i + 4),
              (int) number(reply, i + 5)));
    }
    return new Changes(reply.number(1), changes);
  }

  private static String text(Reply reply, int index) {
    return new String(reply.bytes(index), StandardCharsets.US_ASCII);
  }

  private static long number(Reply reply, int index) {
    return Long.parseLong(text(reply, index));
  }
}
