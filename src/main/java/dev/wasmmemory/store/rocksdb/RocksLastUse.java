package dev.wasmmemory.store.rocksdb;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last use of memories, for idle expiry across restarts: kept in the memories' records at once,
 * written to RocksDB every {@link #EVERY} on a daemon thread (a write per use would double the
 * writes), and at a clean stop. After a crash a last use is at most that stale.
 */
final class RocksLastUse implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RocksLastUse.class);

  /** How stale a memory's last use may be after a crash. */
  static final Duration EVERY = Duration.ofSeconds(10);

  private final RocksDatabase database;
  private final Map<String, RocksMeta> records;

  /** Ids whose last use is newer than what is stored. */
  private final Set<String> used = ConcurrentHashMap.newKeySet();

  private final ScheduledExecutorService flusher =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "rocksdb-last-use");
            thread.setDaemon(true);
            return thread;
          });

  /** {@code records}: the store's records, whose {@code lastUsed} this writes. */
  RocksLastUse(RocksDatabase database, Map<String, RocksMeta> records) {
    this.database = database;
    this.records = records;
    long every = EVERY.toMillis();
    flusher.scheduleWithFixedDelay(this::flushLogged, every, every, TimeUnit.MILLISECONDS);
  }

  /** The memory was used at {@code when}; false when the store has no such memory. */
  boolean touch(String id, Instant when) {
    if (records.computeIfPresent(id, (ignored, meta) -> meta.usedAt(when)) == null) {
      return false;
    }
    used.add(id);
    return true;
  }

  /** The memory was deleted (its last use goes with its batch). */
  void forget(String id) {
    used.remove(id);
  }

  /** Writes the last use of the memories used since the last call. */
  void flush() {
    try (WriteBatch batch = new WriteBatch()) {
      for (String id : used) {
        used.remove(id);
        RocksMeta meta = records.get(id);
        if (meta != null) {
          byte[] key = RocksKeys.memoryKey(id).orElseThrow();
          batch.put(RocksKeys.used(key), RocksKeys.longValue(meta.lastUsed().toEpochMilli()));
        }
      }
      if (batch.count() > 0) {
        database.write(batch);
      }
    } catch (RocksDBException e) {
      throw new RocksStoreException("writing last-use times failed", e);
    }
  }

  private void flushLogged() {
    try {
      flush();
    } catch (RocksStoreException e) {
      log.warn("writing last-use times failed, retried later: {}", e.getMessage());
    }
  }

  /** Stops the flusher (a flush under way finishes first) and writes what is left. */
  @Override
  public void close() {
    flusher.shutdown();
    try {
      flusher.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}
