package dev.wasmmemory.module;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryAccess;
import java.util.List;
import java.util.function.Supplier;
import run.endive.runtime.Memory;

/**
 * Runs code with every memory of an instance held exclusively and each adapter bound to its
 * memory's access: the call is one linearizable operation on all the memories it uses (others see
 * all of its stores or none), and each one's version moves once if the call wrote to it. The
 * memories are taken by {@link LinearMemory#exclusive(List, LinearMemory.MultiMemoryAction)}, in
 * the one order transfers use, so calls and transfers on shared memories cannot deadlock.
 */
final class MemoryLocks {
  private MemoryLocks() {}

  static <T> T holding(
      List<LinearMemory> memories, List<StoredMemoryAdapter> adapters, Supplier<T> body) {
    if (memories.isEmpty()) {
      return body.get();
    }
    return LinearMemory.exclusive(
        memories,
        accesses -> {
          for (MemoryAccess access : accesses) {
            checkAddressable(access);
          }
          for (int i = 0; i < adapters.size(); i++) {
            adapters.get(i).bind(accesses.get(i));
          }
          try {
            return body.get();
          } finally {
            for (StoredMemoryAdapter adapter : adapters) {
              adapter.unbind();
            }
          }
        });
  }

  /** Endive addresses at most 32,767 pages: code never runs on a larger memory. */
  private static void checkAddressable(MemoryAccess access) {
    if (access.currentPages() > Memory.RUNTIME_MAX_PAGES) {
      throw new MemoryTooLargeException(
          access.memoryId(), access.currentPages(), Memory.RUNTIME_MAX_PAGES);
    }
  }
}
