package dev.wasmmemory.store;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.PageBudget;
import dev.wasmmemory.memory.PageCache;
import dev.wasmmemory.store.heap.HeapMemoryStore;
import dev.wasmmemory.store.redis.RedisMemoryStore;
import dev.wasmmemory.store.redis.RedisTestServers;
import dev.wasmmemory.store.redis.RedisTestStores;
import dev.wasmmemory.store.rocksdb.RocksMemoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** Every store the store contract suite runs against: adding one is one line here. */
public final class StoreFactories {
  private StoreFactories() {}

  /** Opens a store with the given budget; the test closes it. */
  public interface StoreFactory extends Function<PageBudget, MemoryStore> {}

  public static Stream<Named<StoreFactory>> all() {
    return Stream.of(
        Named.of("heap", budget -> new HeapMemoryStore(budget, Clock.systemUTC())),
        Named.of(
            "rocksdb",
            budget ->
                RocksMemoryStore.open(
                    tempDir(), Durability.PROCESS, budget, new PageCache(4L << 16))));
  }

  /**
   * Stores to make memories in, for tests of what runs on memories (batches, modules): {@link
   * #all()} and the Redis cluster of the tests, shared by the whole test JVM (so not empty).
   */
  public static Stream<Named<StoreFactory>> forMemories() {
    if (RedisTestServers.missing().isPresent()) {
      return all();
    }
    return Stream.concat(all(), Stream.of(Named.of("redis cluster", SharedRedis::new)));
  }

  /** The shared test cluster's store, creating memories paid from a budget of the test's own. */
  private record SharedRedis(PageBudget budget) implements MemoryStore {
    private static RedisMemoryStore store() {
      return RedisTestStores.cluster();
    }

    @Override
    public LinearMemory create(MemoryLimits limits, String owner) {
      return store().create(limits, owner, budget);
    }

    @Override
    public Optional<LinearMemory> find(String id) {
      return store().find(id);
    }

    @Override
    public Optional<MemoryRecord> record(String id) {
      return store().record(id);
    }

    @Override
    public List<MemoryRecord> list() {
      return store().list();
    }

    @Override
    public int count() {
      return store().count();
    }

    @Override
    public boolean delete(LinearMemory memory) {
      return store().delete(memory);
    }

    @Override
    public void touch(String id, Instant now) {
      store().touch(id, now);
    }

    @Override
    public long storedBytes() {
      return store().storedBytes();
    }

    @Override
    public void saveShare(ShareRecord share) {
      store().saveShare(share);
    }

    @Override
    public Optional<ShareRecord> share(String shareId) {
      return store().share(shareId);
    }

    @Override
    public boolean deleteShare(String shareId) {
      return store().deleteShare(shareId);
    }

    @Override
    public byte[] signingKey() {
      return store().signingKey();
    }

    @Override
    public RecordStore records() {
      return store().records();
    }

    @Override
    public void close() {}
  }

  private static Path tempDir() {
    try {
      Files.createDirectories(Path.of("target"));
      return Files.createTempDirectory(Path.of("target"), "store-contract-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
