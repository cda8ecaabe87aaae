package dev.wasmmemory.module;

import dev.wasmmemory.memory.AccessChange;
import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryAccess;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import run.endive.runtime.Memory;

/**
 * Runs code with every memory of an instance held exclusively and each adapter bound to its
 * memory's access: the call is one linearizable operation on all the memories it uses (others see
 * all of its stores or none), and each one's version moves once if the call wrote to it. The
 * memories are taken by {@link LinearMemory#exclusive(List, LinearMemory.MultiMemoryAction)}, in
 * the one order transfers use, so calls and transfers on shared memories cannot deadlock. Each
 * memory the code wrote is one change, handed on once the memories committed it: also when the code
 * failed (a trap keeps what was stored before it), not when a commit failed.
 */
final class MemoryLocks {
  private MemoryLocks() {}

  static <T> T holding(
      List<LinearMemory> memories,
      List<StoredMemoryAdapter> adapters,
      Consumer<AccessChange> changed,
      Supplier<T> body) {
    if (memories.isEmpty()) {
      return body.get();
    }
    List<AccessChange> changes = new ArrayList<>();
    RuntimeException[] failure = new RuntimeException[1];
    T result;
    try {
      result =
          LinearMemory.exclusive(
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
                } catch (RuntimeException e) {
                  failure[0] = e;
                  throw e;
                } finally {
                  for (StoredMemoryAdapter adapter : adapters) {
                    adapter.unbind();
                  }
                  collect(accesses, changes);
                }
              });
    } catch (RuntimeException e) {
      if (e == failure[0]) {
        changes.forEach(changed);
      }
      throw e;
    }
    changes.forEach(changed);
    return result;
  }

  /** The change of each distinct memory written (a memory imported twice has one access). */
  private static void collect(List<MemoryAccess> accesses, List<AccessChange> changes) {
    Map<MemoryAccess, Boolean> seen = new IdentityHashMap<>();
    for (MemoryAccess access : accesses) {
      AccessChange change = access.change();
      if (change != null && seen.put(access, Boolean.TRUE) == null) {
        changes.add(change);
      }
    }
  }

  /** Endive addresses at most 32,767 pages: code never runs on a larger memory. */
  private static void checkAddressable(MemoryAccess access) {
    if (access.currentPages() > Memory.RUNTIME_MAX_PAGES) {
      throw new MemoryTooLargeException(
          access.memoryId(), access.currentPages(), Memory.RUNTIME_MAX_PAGES);
    }
  }
}
