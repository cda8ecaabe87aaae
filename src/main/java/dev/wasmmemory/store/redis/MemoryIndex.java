package dev.wasmmemory.store.redis;

import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.store.MemoryStore.MemoryRecord;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which memories exist: each one's meta hash (in its own slot) and the zset {@code wms:{index}} of
 * every id in creation order (in the index's slot), for listing and counting. The two cannot change
 * in one call, so the order is chosen for crashes: a memory is created (meta) before it is indexed,
 * and dropped before it is unindexed. A crash in between leaves either a meta that no one was given
 * the id of and that holds no page (invisible), or an indexed id without a meta, which listing
 * skips and removes.
 */
final class MemoryIndex {
  private static final byte[][] RECORD_FIELDS = {
    Keys.bytes("init"),
    Keys.bytes("max"),
    Keys.bytes("hasmax"),
    Keys.bytes("owner"),
    Keys.bytes("created"),
    Keys.bytes("used"),
    Keys.bytes("pages"),
    Keys.bytes("ver")
  };

  private final Scripts scripts;

  MemoryIndex(Scripts scripts) {
    this.scripts = scripts;
  }

  /** Creates the meta of a new memory under a fresh random id, then indexes it. */
  String create(MemoryLimits limits, String owner) {
    while (true) {
      String id = RedisMemoryStore.newId();
      Reply reply =
          scripts.call(
              "create",
              Keys.meta(id),
              limits.initialPages(),
              limits.maximumPages(),
              limits.hasMaximum(),
              owner);
      if (reply.ok()) {
        scripts.call("index_add", Keys.INDEX, id);
        return id;
      }
    }
  }

  Optional<MemoryRecord> record(String id) {
    return decode(id, await(scripts.redis().commands().hmget(Keys.meta(id), RECORD_FIELDS)));
  }

  /** Every memory, oldest first; ids left without a meta by a crash are removed. */
  List<MemoryRecord> list() {
    RedisConnection redis = scripts.redis();
    List<byte[]> ids = await(redis.commands().zrange(Keys.INDEX, 0, -1));
    List<RedisFuture<List<KeyValue<byte[], byte[]>>>> reads = new ArrayList<>();
    for (byte[] id : ids) {
      reads.add(redis.commands().hmget(Keys.meta(text(id)), RECORD_FIELDS));
    }
    List<MemoryRecord> records = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      Optional<MemoryRecord> record = decode(text(ids.get(i)), await(reads.get(i)));
      if (record.isPresent()) {
        records.add(record.get());
      } else {
        redis.commands().zrem(Keys.INDEX, ids.get(i));
      }
    }
    return records;
  }

  int count() {
    return (int) (long) await(scripts.redis().commands().zcard(Keys.INDEX));
  }

  void remove(String id) {
    await(scripts.redis().commands().zrem(Keys.INDEX, Keys.bytes(id)));
  }

  private static Optional<MemoryRecord> decode(String id, List<KeyValue<byte[], byte[]>> values) {
    if (!values.get(0).hasValue()) {
      return Optional.empty();
    }
    long initial = number(values.get(0));
    MemoryLimits limits =
        number(values.get(2)) == 1
            ? MemoryLimits.of(initial, number(values.get(1)))
            : MemoryLimits.unbounded(initial);
    String owner = text(values.get(3).getValue());
    return Optional.of(
        new MemoryRecord(
            id,
            limits,
            owner.isEmpty() ? null : owner,
            Instant.ofEpochMilli(number(values.get(4))),
            Instant.ofEpochMilli(number(values.get(5))),
            (int) number(values.get(6)),
            number(values.get(7))));
  }

  private static long number(KeyValue<byte[], byte[]> value) {
    return Long.parseLong(text(value.getValue()));
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private <T> T await(RedisFuture<T> future) {
    try {
      return scripts.redis().await(future);
    } catch (RedisException e) {
      throw Scripts.failed(Keys.INDEX, "index", e);
    }
  }
}
