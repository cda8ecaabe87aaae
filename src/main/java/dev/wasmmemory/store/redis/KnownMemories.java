package dev.wasmmemory.store.redis;

import dev.wasmmemory.memory.MemoryLimits;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The limits and owner of memories this replica looked up lately. Neither ever changes, so a
 * request on a known memory costs one round trip (its operation's function) instead of two. A
 * memory deleted through another replica (or expired) stays known here, and its next operation
 * answers CLOSED: a 404, as for a memory deleted just after any look-up. Bounded: past {@link #MAX}
 * entries it starts over.
 */
final class KnownMemories {
  static final int MAX = 10_000;

  /** What never changes about a memory. */
  record Known(MemoryLimits limits, String owner) {}

  private final Map<String, Known> known = new ConcurrentHashMap<>();

  Known get(String id) {
    return known.get(id);
  }

  Known put(String id, MemoryLimits limits, String owner) {
    if (known.size() >= MAX) {
      known.clear();
    }
    Known memory = new Known(limits, owner);
    known.put(id, memory);
    return memory;
  }

  void forget(String id) {
    known.remove(id);
  }
}
