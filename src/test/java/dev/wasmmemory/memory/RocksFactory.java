package dev.wasmmemory.memory;

import dev.wasmmemory.store.Durability;
import dev.wasmmemory.store.rocksdb.RocksMemoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Memories in a real RocksDB, for the contract suite: one store per test, in a directory of its own
 * under {@code target/}, with a cache of a few pages so that loads and evictions happen all the
 * time. JUnit closes it after the test (an {@link AutoCloseable} argument), deleting the directory.
 */
final class RocksFactory implements MemoryFactory {
  private final int cachePages;
  private Path dir;
  private RocksMemoryStore store;

  RocksFactory(int cachePages) {
    this.cachePages = cachePages;
  }

  private synchronized RocksMemoryStore store() {
    if (store == null) {
      try {
        Files.createDirectories(Path.of("target"));
        dir = Files.createTempDirectory(Path.of("target"), "rocksdb-contract-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      store =
          RocksMemoryStore.open(
              dir,
              Durability.PROCESS,
              PageBudget.UNLIMITED,
              new PageCache((long) cachePages * Pages.PAGE_SIZE));
    }
    return store;
  }

  @Override
  public LinearMemory alloc(long initialPages, Long maximumPages, PageBudget budget) {
    return store().create(MemoryLimits.of(initialPages, maximumPages), null, budget);
  }

  @Override
  public LinearMemory reopen(LinearMemory memory) {
    return store().readBack(memory.id());
  }

  @Override
  public synchronized void close() {
    if (store != null) {
      store.close();
      store = null;
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public String toString() {
    return "rocksdb";
  }
}
