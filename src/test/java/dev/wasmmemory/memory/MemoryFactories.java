package dev.wasmmemory.memory;

import dev.wasmmemory.store.redis.RedisTestServers;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** Every storage implementation the contract suites run against: adding one is one line here. */
final class MemoryFactories {
  private MemoryFactories() {}

  static Stream<Named<MemoryFactory>> all() {
    return Stream.concat(inProcess(), external());
  }

  /** Stores that keep everything in this JVM: cheap enough for thousands of random scenarios. */
  static Stream<Named<MemoryFactory>> inProcess() {
    return Stream.of(
        Named.of("sparse paged", MemoryInstance::alloc),
        Named.of("paged over a store, 2 pages cached", new MapPageStore.Factory(2)));
  }

  /**
   * Stores over a real database: every contract test, and fewer random scenarios. None when {@code
   * -Dmemory.factories=in-process} (mutation testing, which runs the engine's tests thousands of
   * times and mutates the engine, not the stores).
   */
  static Stream<Named<MemoryFactory>> external() {
    if ("in-process".equals(System.getProperty("memory.factories"))) {
      return Stream.empty();
    }
    Stream<Named<MemoryFactory>> rocks =
        Stream.of(Named.of("rocksdb, 4 pages cached", new RocksFactory(4)));
    Optional<String> noRedis = RedisTestServers.missing();
    if (noRedis.isPresent()) {
      System.err.println("WARNING: " + noRedis.get());
      return rocks;
    }
    return Stream.concat(rocks, Stream.of(Named.of("redis cluster", new RedisMemoryFactory())));
  }
}
