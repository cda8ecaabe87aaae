package dev.wasmmemory.module;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryAccess;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import run.endive.runtime.Memory;

/**
 * Runs code with every memory of an instance held exclusively and each adapter bound to its
 * memory's access: the call is one linearizable operation on each memory, whose version moves once
 * if the call wrote. Memories are taken in one order (by id) whatever the instance, so two calls on
 * instances sharing memories cannot deadlock each other.
 */
final class MemoryLocks {
  private MemoryLocks() {}

  static <T> T holding(
      List<LinearMemory> memories, List<StoredMemoryAdapter> adapters, Supplier<T> body) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < memories.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(i -> memories.get(i).id()));
    return hold(memories, adapters, order, 0, body);
  }

  private static <T> T hold(
      List<LinearMemory> memories,
      List<StoredMemoryAdapter> adapters,
      List<Integer> order,
      int next,
      Supplier<T> body) {
    if (next == order.size()) {
      return body.get();
    }
    int index = order.get(next);
    StoredMemoryAdapter adapter = adapters.get(index);
    return memories
        .get(index)
        .exclusive(
            access -> {
              checkAddressable(access);
              adapter.bind(access);
              try {
                return hold(memories, adapters, order, next + 1, body);
              } finally {
                adapter.unbind();
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
