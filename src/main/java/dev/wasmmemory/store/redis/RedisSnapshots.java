package dev.wasmmemory.store.redis;

import dev.wasmmemory.memory.FrozenPages;
import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.PageStore;
import dev.wasmmemory.store.SnapshotGoneException;
import dev.wasmmemory.store.SnapshotStore;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Snapshots of Redis memories, kept with each memory on its primary ({@code wasmmemory.lua},
 * "Snapshots"): a record, and the pages the memory saved for it before it changed them. Taking one
 * costs a record whatever the memory's size; every replica sees it, and it survives what the memory
 * survives. The "now" of a diff or a clone is a temporary snapshot (its id starts with {@code ~}),
 * deleted when done and expiring if its holder dies.
 *
 * <p>Which memory a snapshot belongs to is kept in {@code wms:{index}:snaps} (in the index's slot):
 * written before the snapshot, removed after it. An entry left by a crash in between names no
 * snapshot and reads as none; only {@link #count} may count it.
 */
final class RedisSnapshots implements SnapshotStore {
  static final byte[] INDEX = Keys.bytes("wms:{index}:snaps");
  private static final Duration TEMPORARY_LIFETIME = Duration.ofMinutes(10);
  private static final int NO_SNAPSHOT = 14;

  private final StoreContext context;

  RedisSnapshots(StoreContext context) {
    this.context = context;
  }

  @Override
  public Snapshot take(LinearMemory memory, String id, Instant createdAt) {
    RedisMemory redis = own(memory);
    await(context.redis().commands().hset(INDEX, Keys.bytes(id), Keys.bytes(memory.id())));
    try {
      return snapshot(redis.id(), id, take(redis, id, createdAt, 0));
    } catch (RuntimeException e) {
      forget(context, List.of(id));
      throw e;
    }
  }

  /** Takes snapshot {@code id}; {@code lifetime} 0 keeps it until deleted. Answers its map. */
  private Reply take(RedisMemory memory, String id, Instant createdAt, long lifetime) {
    long stamp = memory.ledger().stamp();
    Reply reply = context.read("snap_take", memory.id(), id, createdAt.toEpochMilli(), lifetime);
    if (!reply.ok()) {
      throw reply.failure(memory.id(), Mutator.ANY_VERSION, 0, 0);
    }
    memory.ledger().settle(stamp, 0, 0, reply.number(4));
    return reply;
  }

  @Override
  public List<SnapshotRecord> list(String memoryId) {
    Reply reply = context.scripts().call("snap_list", Keys.meta(memoryId));
    List<SnapshotRecord> records = new ArrayList<>();
    for (int i = 1; reply.ok() && i + 3 < reply.size(); i += 4) {
      records.add(
          new SnapshotRecord(
              reply.text(i),
              memoryId,
              reply.number(i + 1),
              (int) reply.number(i + 2),
              Instant.ofEpochMilli(Long.parseLong(reply.text(i + 3)))));
    }
    return records;
  }

  @Override
  public Optional<Snapshot> find(String snapshotId) {
    byte[] memoryId = await(context.redis().commands().hget(INDEX, Keys.bytes(snapshotId)));
    if (memoryId == null) {
      return Optional.empty();
    }
    String memory = new String(memoryId, StandardCharsets.UTF_8);
    Reply reply = context.scripts().call("snap_map", Keys.meta(memory), snapshotId);
    return reply.ok() ? Optional.of(snapshot(memory, snapshotId, reply)) : Optional.empty();
  }

  @Override
  public boolean delete(LinearMemory memory, String snapshotId) {
    boolean deleted = drop(own(memory), snapshotId);
    if (deleted) {
      forget(context, List.of(snapshotId));
    }
    return deleted;
  }

  private boolean drop(RedisMemory memory, String snapshotId) {
    long stamp = memory.ledger().stamp();
    Reply reply = context.scripts().call("snap_delete", Keys.meta(memory.id()), snapshotId);
    boolean deleted = reply.ok();
    memory.ledger().settle(stamp, 0, 0, deleted ? reply.freed() : 0);
    return deleted;
  }

  @Override
  public long restore(LinearMemory memory, Snapshot snapshot) {
    String id = snapshot.record().id();
    return own(memory)
        .mutator()
        .run(
            "snap_restore",
            "",
            r -> r.status() == NO_SNAPSHOT ? new SnapshotGoneException(id) : null,
            id)
        .version();
  }

  @Override
  public Capture capture(LinearMemory memory) {
    RedisMemory redis = own(memory);
    String id = "~" + context.newToken();
    Reply reply = take(redis, id, Instant.now(), TEMPORARY_LIFETIME.toMillis());
    return new Capture(pages(redis.id(), id, reply), () -> drop(redis, id));
  }

  @Override
  public int count() {
    return (int) (long) await(context.redis().commands().hlen(INDEX));
  }

  /** Removes deleted snapshots from the index (a memory's drop deletes its snapshots). */
  static void forget(StoreContext context, List<String> snapshotIds) {
    if (!snapshotIds.isEmpty()) {
      byte[][] fields = snapshotIds.stream().map(Keys::bytes).toArray(byte[][]::new);
      await(context, context.redis().commands().hdel(INDEX, fields));
    }
  }

  private Snapshot snapshot(String memoryId, String id, Reply map) {
    SnapshotRecord record =
        new SnapshotRecord(
            id,
            memoryId,
            map.number(1),
            (int) map.number(2),
            Instant.ofEpochMilli(Long.parseLong(map.text(3))));
    return new Snapshot(record, pages(memoryId, id, map));
  }

  /**
   * The snapshot's pages from its map: each page that holds bytes is named by its holder (the
   * snapshot whose saved copy it shows, or the memory's page), which two snapshots share exactly
   * where no change came between them; pages are read when asked for.
   */
  private FrozenPages pages(String memoryId, String id, Reply map) {
    Object[] holders = new Object[(int) map.number(2)];
    for (int i = 5; i + 1 < map.size(); i += 2) {
      holders[(int) map.number(i)] = map.text(i + 1);
    }
    byte[] meta = Keys.meta(memoryId);
    PageStore.PageSource source =
        new PageStore.PageSource() {
          @Override
          public byte[] load(int index) {
            Reply reply = context.scripts().call("snap_pages", meta, id, index);
            if (!reply.ok()) {
              throw reply.status() == NO_SNAPSHOT
                  ? new SnapshotGoneException(id)
                  : reply.failure(memoryId, Mutator.ANY_VERSION, 0, 0);
            }
            byte[] page = reply.bytes(1);
            return page.length == 0 ? null : page;
          }

          @Override
          public void close() {}
        };
    return FrozenPages.stored(holders, map.number(1), source);
  }

  private static RedisMemory own(LinearMemory memory) {
    if (memory instanceof RedisMemory redis) {
      return redis;
    }
    throw new IllegalArgumentException("not a memory of this store: " + memory.id());
  }

  private <T> T await(RedisFuture<T> future) {
    return await(context, future);
  }

  private static <T> T await(StoreContext context, RedisFuture<T> future) {
    try {
      return context.redis().await(future);
    } catch (RedisException e) {
      throw Scripts.failed(INDEX, "snapshots", e);
    }
  }
}
