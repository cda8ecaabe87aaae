package dev.wasmmemory.testing;

import dev.wasmmemory.service.MemoryNotFoundException;
import dev.wasmmemory.service.MemoryRegistry;
import dev.wasmmemory.store.MemoryStore.MemoryRecord;

/** Test support for {@link LimitedDeployment}: its registry holds 2 memories at most. */
public final class LimitedMemories {
  public static final long BUDGET = 4 * 65536;

  private LimitedMemories() {}

  /** Drops every memory, so each test starts with the whole budget and every memory slot. */
  public static void dropAll(MemoryRegistry registry) {
    for (MemoryRecord stored : registry.list()) {
      try {
        registry.delete(stored.id());
      } catch (MemoryNotFoundException alreadyGone) {
        // dropped concurrently: fine
      }
    }
  }
}
