package dev.wasmmemory.api;

import dev.wasmmemory.service.MemoryNotFoundException;
import dev.wasmmemory.service.MemoryRegistry;
import dev.wasmmemory.service.StoredMemory;

/** Test support for {@link LimitedServiceTest}: its registry holds 2 memories at most. */
final class LimitedDeployment {
  static final long BUDGET = 4 * 65536;

  private LimitedDeployment() {}

  /** Drops every memory, so each test starts with the whole budget and every memory slot. */
  static void dropAll(MemoryRegistry registry) {
    for (StoredMemory stored : registry.list()) {
      try {
        registry.delete(stored.id());
      } catch (MemoryNotFoundException alreadyGone) {
        // dropped concurrently: fine
      }
    }
  }
}
