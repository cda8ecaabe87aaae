package dev.wasmmemory.service.events;

import dev.wasmmemory.store.ChangeLog;
import dev.wasmmemory.store.MemoryChange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One memory's changes for its subscribers: a bounded history, contiguous in version, up to the
 * last version released. Changes come either from this process's writers, possibly out of order
 * (writers race between their commit and their publish), and wait in {@code pending} until the
 * versions before them arrived; or from a store's {@link ChangeLog}, in order.
 *
 * <p>Invariant: {@code history} holds consecutive versions ending at {@code released}; a change
 * that cannot extend it (a version lost) empties it first, so a subscriber whose position it does
 * not cover is told to reset rather than shown a hole.
 */
final class Channel {
  final String memoryId;
  private final int capacity;
  private final ArrayDeque<MemoryChange> history = new ArrayDeque<>();
  private final TreeMap<Long, MemoryChange> pending = new TreeMap<>();

  /** Guarded by this channel's lock, as the counts are. */
  final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

  private boolean started;
  private long released;
  private MemoryChange deleted;
  private boolean removed;
  private long pendingSince;
  private long idleSince;

  Channel(String memoryId, int capacity, long now) {
    this.memoryId = memoryId;
    this.capacity = capacity;
    this.idleSince = now;
  }

  // ---- changes published by this process ----

  /** Starts at {@code version}: changes up to it are before any subscriber's start. */
  synchronized void start(long version, long now) {
    if (started) {
      return;
    }
    started = true;
    released = version;
    pending.headMap(version, true).clear();
    releaseInOrder(now);
  }

  /** Whether the channel has its starting version (a first subscriber gave it). */
  synchronized boolean started() {
    return started;
  }

  /** A change this process made; answers whether subscribers have something new. */
  synchronized boolean offer(MemoryChange change, long now) {
    if (deleted != null || (started && change.version() <= released)) {
      return false;
    }
    pending.put(change.version(), change);
    return started && releaseInOrder(now);
  }

  private boolean releaseInOrder(long now) {
    boolean any = false;
    while (!pending.isEmpty() && pending.firstKey() == released + 1) {
      extend(pending.pollFirstEntry().getValue());
      any = true;
    }
    pendingSince = pending.isEmpty() ? 0 : (pendingSince == 0 ? now : pendingSince);
    return any;
  }

  /**
   * When changes waited longer than {@code timeout} for a version that never came (its writer
   * failed after its commit), gives it up: the history restarts after the hole.
   */
  synchronized boolean skipGap(long now, long timeout) {
    if (pending.isEmpty() || now - pendingSince < timeout) {
      return false;
    }
    history.clear();
    released = pending.firstKey() - 1;
    pendingSince = 0;
    releaseInOrder(now);
    return true;
  }

  /** The memory was deleted: subscribers get what was released, then the deletion, then the end. */
  synchronized void delete() {
    if (deleted == null) {
      long last = pending.isEmpty() ? released : Math.max(released, pending.lastKey());
      deleted = MemoryChange.delete(last);
      pending.clear();
    }
  }

  // ---- changes read from a store's log ----

  /** The version the next read of the log starts after. */
  synchronized long released() {
    return released;
  }

  /**
   * Starts at {@code after} with what the log holds after it, or at the memory's version when that
   * does not continue {@code after} (or when {@code after} is negative: no position).
   */
  synchronized void start(long after, ChangeLog.Changes found, long now) {
    if (started) {
      return;
    }
    started = true;
    boolean continues =
        after >= 0
            && after <= found.version()
            && (found.changes().isEmpty()
                ? after == found.version()
                : found.changes().get(0).version() == after + 1);
    released = continues ? after : Math.max(found.version(), 0);
    if (continues) {
      append(found, now);
    } else if (found.version() < 0) {
      deleted = MemoryChange.delete(released);
    }
  }

  /** What a read of the log found; answers whether subscribers have something new. */
  synchronized boolean append(ChangeLog.Changes found, long now) {
    if (deleted != null) {
      return false;
    }
    boolean any = false;
    for (MemoryChange change : found.changes()) {
      if (change.kind() == MemoryChange.Kind.DELETE) {
        deleted = change;
        return true;
      }
      if (change.version() <= released) {
        continue;
      }
      if (change.version() != released + 1) {
        history.clear();
      }
      extend(change);
      any = true;
    }
    if (found.version() < 0) {
      deleted = MemoryChange.delete(released);
      return true;
    }
    if (found.changes().isEmpty() && found.version() > released) {
      // Changed while nobody recorded it (the memory was not watched): a hole.
      history.clear();
      released = found.version();
      return true;
    }
    return any;
  }

  private void extend(MemoryChange change) {
    history.addLast(change);
    released = change.version();
    while (history.size() > capacity) {
      history.removeFirst();
    }
  }

  // ---- subscribers ----

  /** What a subscriber at {@code position} is to be sent next, in order. */
  record Delivery(boolean reset, long resetVersion, List<MemoryChange> changes, boolean end) {}

  /**
   * The changes after {@code position}; a reset first when the history does not reach back to it;
   * the deletion and the end when the memory is gone.
   */
  synchronized Delivery after(long position) {
    List<MemoryChange> changes = new ArrayList<>();
    boolean reset = false;
    if (position != released) {
      MemoryChange first = history.peekFirst();
      if (position > released || first == null || first.version() > position + 1) {
        reset = true;
        position = released;
      }
      for (MemoryChange change : history) {
        if (change.version() > position) {
          changes.add(change);
        }
      }
    }
    if (deleted != null) {
      changes.add(deleted);
    }
    return new Delivery(reset, released, changes, deleted != null);
  }

  /** Registers a subscriber unless the channel was removed meanwhile (then: make a new one). */
  synchronized boolean join(Subscriber subscriber) {
    if (removed) {
      return false;
    }
    subscribers.add(subscriber);
    return true;
  }

  synchronized void leave(Subscriber subscriber, long now) {
    if (subscribers.remove(subscriber) && subscribers.isEmpty()) {
      idleSince = now;
    }
  }

  /** Removes the channel when it is deleted, or idle (no subscriber) for longer than retention. */
  synchronized boolean removeIfDone(long now, long retention, Map<String, Channel> channels) {
    boolean done = deleted != null || (subscribers.isEmpty() && now - idleSince > retention);
    if (done && !removed) {
      removed = true;
      channels.remove(memoryId, this);
    }
    return done;
  }

  synchronized boolean isDeleted() {
    return deleted != null;
  }
}
