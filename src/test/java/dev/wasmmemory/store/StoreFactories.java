package dev.wasmmemory.store;

import dev.wasmmemory.memory.PageBudget;
import dev.wasmmemory.memory.PageCache;
import dev.wasmmemory.store.heap.HeapMemoryStore;
import dev.wasmmemory.store.rocksdb.RocksMemoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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

  private static Path tempDir() {
    try {
      Files.createDirectories(Path.of("target"));
      return Files.createTempDirectory(Path.of("target"), "store-contract-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
