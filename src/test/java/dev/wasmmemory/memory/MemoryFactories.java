package dev.wasmmemory.memory;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** Every storage implementation the contract suites run against: adding one is one line here. */
final class MemoryFactories {
  private MemoryFactories() {}

  static Stream<Named<MemoryFactory>> all() {
    return Stream.of(
        Named.of("sparse paged", MemoryInstance::alloc),
        Named.of("paged over a store, 2 pages cached", new MapPageStore.Factory(2)));
  }
}
