package dev.wasmmemory.module;

import dev.wasmmemory.memory.AccessChange;
import dev.wasmmemory.memory.LinearMemory;

/**
 * The stored memories, as instances see them: found by id (imports) or created (memories a module
 * defines, which become stored memories like any other). The one seam between running code and
 * wherever the service keeps its memories.
 */
public interface MemoryDirectory {
  /** The memory stored under {@code id}, or the service's not-found exception. */
  LinearMemory find(String id);

  /** A new zeroed stored memory; {@code maximumPages} null means none of its own. */
  LinearMemory create(int initialPages, Integer maximumPages);

  /** Drops a memory this package created, when the instantiation that made it failed. */
  void delete(String id);

  /**
   * A call or an instantiation changed a memory (once per memory it wrote, after it committed): its
   * watchers are told.
   */
  void changed(AccessChange change);
}
