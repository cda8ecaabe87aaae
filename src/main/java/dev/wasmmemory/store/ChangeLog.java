package dev.wasmmemory.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The changes of memories as a store shared by several replicas records them itself, in the same
 * step as each change (so in version order, whichever replica made it): what a subscriber on one
 * replica reads to see the writes made through another. A store whose memories only this process
 * changes has none; the service then publishes its own changes.
 */
public interface ChangeLog {
  /**
   * For each memory of {@code positions} (id to the version its subscribers have seen), the changes
   * after that version, at most {@code limit} each, and the memory's version as of the same
   * instant. While read, a memory's changes keep being recorded, up to {@code history} of them,
   * until {@code retention} after the last read.
   */
  Map<String, Changes> read(
      Map<String, Long> positions, int limit, int history, Duration retention);

  /**
   * What {@link #read} found for one memory.
   *
   * @param version the memory's version, or -1 when it is gone
   * @param changes the changes recorded after the position asked for, oldest first: they start
   *     later than the next version when earlier ones were not kept
   */
  record Changes(long version, List<MemoryChange> changes) {}
}
