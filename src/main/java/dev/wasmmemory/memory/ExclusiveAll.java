package dev.wasmmemory.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@link LinearMemory#exclusive(List, LinearMemory.MultiMemoryAction)}: the distinct memories
 * sorted by {@link #ORDER}, held by their store ({@link LinearMemory#exclusiveInOrder}; by default
 * each one's {@link LinearMemory#exclusive} nested inside the previous one's), the action run
 * innermost with the accesses in the order the caller named the memories.
 */
final class ExclusiveAll {
  /**
   * The one order in which every operation on several memories locks them, transfers included:
   * {@link LinearMemory#lockOrder}, then id. Ids are unique in a store, so it is total; two objects
   * equal in it are one memory (views of one state, or one Redis memory).
   */
  static final Comparator<LinearMemory> ORDER =
      Comparator.comparingLong(LinearMemory::lockOrder).thenComparing(LinearMemory::id);

  private ExclusiveAll() {}

  static <T> T run(
      List<? extends LinearMemory> memories, LinearMemory.MultiMemoryAction<T> action) {
    List<LinearMemory> ordered = new ArrayList<>(memories);
    ordered.sort(ORDER);
    for (int i = ordered.size() - 1; i > 0; i--) {
      if (ORDER.compare(ordered.get(i - 1), ordered.get(i)) == 0) {
        ordered.remove(i);
      }
    }
    int[] place = new int[memories.size()];
    for (int i = 0; i < place.length; i++) {
      place[i] = indexOf(ordered, memories.get(i));
    }
    LinearMemory.MultiMemoryAction<T> named =
        held -> {
          List<MemoryAccess> accesses = new ArrayList<>(place.length);
          for (int index : place) {
            accesses.add(held.get(index));
          }
          return action.run(List.copyOf(accesses));
        };
    if (ordered.isEmpty()) {
      return named.run(List.of());
    }
    return ordered.get(0).exclusiveInOrder(List.copyOf(ordered), named);
  }

  private static int indexOf(List<LinearMemory> ordered, LinearMemory memory) {
    for (int i = 0; i < ordered.size(); i++) {
      if (ORDER.compare(ordered.get(i), memory) == 0) {
        return i;
      }
    }
    throw new IllegalStateException("memory " + memory.id() + " lost while ordering");
  }

  /** Each memory's {@link LinearMemory#exclusive} inside the previous one's, in the given order. */
  static <T> T nested(List<LinearMemory> ordered, LinearMemory.MultiMemoryAction<T> action) {
    return hold(ordered, 0, new ArrayList<>(ordered.size()), action);
  }

  private static <T> T hold(
      List<LinearMemory> ordered,
      int next,
      List<MemoryAccess> accesses,
      LinearMemory.MultiMemoryAction<T> action) {
    if (next == ordered.size()) {
      return action.run(List.copyOf(accesses));
    }
    return ordered
        .get(next)
        .exclusive(
            access -> {
              accesses.add(access);
              return hold(ordered, next + 1, accesses, action);
            });
  }
}
