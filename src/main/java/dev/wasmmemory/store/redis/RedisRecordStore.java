package dev.wasmmemory.store.redis;

import dev.wasmmemory.store.RecordStore;
import io.lettuce.core.RedisException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Records in one hash per space, {@code wms:{records}:<space>} (a hash tag of their own, so one
 * primary holds a space): every replica of the service sees a record once its put returned.
 */
final class RedisRecordStore implements RecordStore {
  private final RedisConnection redis;

  RedisRecordStore(RedisConnection redis) {
    this.redis = redis;
  }

  private static byte[] key(String space) {
    return Keys.bytes("wms:{records}:" + space);
  }

  @Override
  public void put(String space, String id, byte[] value) {
    run(space, () -> redis.await(redis.commands().hset(key(space), Keys.bytes(id), value)));
  }

  @Override
  public Optional<byte[]> get(String space, String id) {
    return Optional.ofNullable(
        run(space, () -> redis.await(redis.commands().hget(key(space), Keys.bytes(id)))));
  }

  @Override
  public List<byte[]> all(String space) {
    return run(space, () -> redis.await(redis.commands().hvals(key(space))));
  }

  @Override
  public boolean delete(String space, String id) {
    return run(space, () -> redis.await(redis.commands().hdel(key(space), Keys.bytes(id)))) > 0;
  }

  @Override
  public int count(String space) {
    return (int) (long) run(space, () -> redis.await(redis.commands().hlen(key(space))));
  }

  private static <T> T run(String space, Supplier<T> call) {
    try {
      return call.get();
    } catch (RedisException e) {
      throw Scripts.failed(key(space), "record", e);
    }
  }
}
