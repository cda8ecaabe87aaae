package dev.wasmmemory.memory;

import dev.wasmmemory.store.redis.RedisTestServers;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** Every storage implementation the contract suites run against: adding one is one line here. */
final class MemoryFactories {
  private MemoryFactories() {}

  static Stream<Named<MemoryFactory>> all() {
    Stream<Named<MemoryFactory>> engine =
        Stream.of(
            Named.of("sparse paged", MemoryInstance::alloc),
            Named.of("paged over a store, 2 pages cached", new MapPageStore.Factory(2)));
    Optional<String> noRedis = RedisTestServers.missing();
    if (noRedis.isPresent()) {
      System.err.println("WARNING: " + noRedis.get());
      return engine;
    }
    return Stream.concat(engine, Stream.of(Named.of("redis cluster", new RedisMemoryFactory())));
  }
}
