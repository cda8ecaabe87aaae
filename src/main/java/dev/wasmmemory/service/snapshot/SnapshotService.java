package dev.wasmmemory.service.snapshot;

import dev.wasmmemory.memory.FrozenPages;
import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryAccess;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.service.BytesRegion;
import dev.wasmmemory.service.MemoryNotFoundException;
import dev.wasmmemory.service.MemoryRegistry;
import dev.wasmmemory.service.MemoryStatus;
import dev.wasmmemory.service.Precondition;
import dev.wasmmemory.service.PreconditionFailedException;
import dev.wasmmemory.service.StoredMemory;
import dev.wasmmemory.service.events.MemoryEvents;
import dev.wasmmemory.store.MemoryChange;
import dev.wasmmemory.store.MemoryStore;
import dev.wasmmemory.store.SnapshotGoneException;
import dev.wasmmemory.store.SnapshotStore;
import dev.wasmmemory.store.SnapshotStore.Snapshot;
import dev.wasmmemory.store.SnapshotStore.SnapshotRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * Snapshots of memories, restores, clones and diffs. A snapshot belongs to its memory: whoever may
 * see the memory may see its snapshots (the memory is looked up first, through the registry), and
 * it goes when the memory goes. Another memory's snapshot answers as an unknown one would, unless
 * the caller may see that memory too: then a restore or diff across memories is a 400.
 */
public final class SnapshotService {
  private final MemoryRegistry registry;
  private final MemoryStore store;
  private final MemoryEvents events;
  private final int maxPerMemory;
  private final int maxDiffRanges;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public SnapshotService(
      MemoryRegistry registry,
      MemoryStore store,
      MemoryEvents events,
      int maxPerMemory,
      int maxDiffRanges,
      Clock clock) {
    this.registry = registry;
    this.store = store;
    this.events = events;
    this.maxPerMemory = maxPerMemory;
    this.maxDiffRanges = maxDiffRanges;
    this.clock = clock;
  }

  public SnapshotInfo take(String memoryId) {
    LinearMemory memory = registry.get(memoryId).memory();
    SnapshotStore snapshots = snapshots();
    if (snapshots.list(memoryId).size() >= maxPerMemory) {
      throw new SnapshotLimitExceededException(memoryId, maxPerMemory);
    }
    return info(
        snapshots.take(memory, newId(), clock.instant().truncatedTo(ChronoUnit.MILLIS)).record());
  }

  /** The memory's snapshots, oldest first. */
  public List<SnapshotInfo> list(String memoryId) {
    registry.get(memoryId);
    return snapshots().list(memoryId).stream().map(SnapshotService::info).toList();
  }

  public SnapshotInfo get(String memoryId, String snapshotId) {
    registry.get(memoryId);
    return info(own(memoryId, snapshotId).record());
  }

  public void delete(String memoryId, String snapshotId) {
    LinearMemory memory = registry.get(memoryId).memory();
    own(memoryId, snapshotId);
    if (!snapshots().delete(memory, snapshotId)) {
      throw new SnapshotNotFoundException(memoryId, snapshotId);
    }
  }

  /** The snapshot's bytes, served like a memory's (its version is the snapshot's). */
  public BytesRegion read(String memoryId, String snapshotId, long offset, Long length) {
    registry.get(memoryId);
    FrozenPages pages = own(memoryId, snapshotId).pages();
    return BytesRegion.of(
        pages.view(memoryId, offset, length == null ? LinearMemory.TO_END : length));
  }

  /**
   * Makes the memory's bytes and size the snapshot's, as one mutation (one event); answers the
   * memory's new version.
   */
  public long restore(String memoryId, Precondition precondition, String snapshotId) {
    LinearMemory memory = registry.get(memoryId).memory();
    if (!precondition.unconditional()) {
      long version = memory.version();
      if (!precondition.matches(version)) {
        throw new PreconditionFailedException(memoryId, version);
      }
      memory = memory.ifVersion(version);
    }
    Snapshot snapshot = ofThisMemory(memoryId, snapshotId, "snapshotId");
    LinearMemory target = memory;
    int before = target.currentPages();
    long version = whileKept(memoryId, () -> snapshots().restore(target, snapshot));
    events.publish(
        memoryId, MemoryChange.restore(version, before, snapshot.record().currentPages()));
    return version;
  }

  /**
   * The differing bytes between snapshot {@code from} and snapshot {@code to} (or now, if null).
   */
  public Diff diff(String memoryId, String from, String to) {
    LinearMemory memory = registry.get(memoryId).memory();
    FrozenPages a = ofThisMemory(memoryId, from, "from").pages();
    return whileKept(
        memoryId,
        () -> {
          if (to != null) {
            FrozenPages b = ofThisMemory(memoryId, to, "to").pages();
            return Differ.between(from, to, a, b, maxDiffRanges);
          }
          try (SnapshotStore.Capture now = snapshots().capture(memory)) {
            return Differ.between(from, null, a, now.pages(), maxDiffRanges);
          }
        });
  }

  /** A new memory (the caller's) holding the snapshot's bytes, with its memory's maximum. */
  public MemoryStatus cloneSnapshot(String snapshotId) {
    Snapshot snapshot =
        snapshots()
            .find(snapshotId)
            .orElseThrow(() -> new SnapshotNotFoundException(null, snapshotId));
    LinearMemory source = visible(snapshot.record().memoryId(), snapshotId, null);
    return whileKept(null, () -> copy(snapshot.pages(), source.limits().maximumPages()));
  }

  /** A new memory (the caller's) holding the memory's bytes as of now. */
  public MemoryStatus cloneMemory(String memoryId) {
    LinearMemory source = registry.get(memoryId).memory();
    try (SnapshotStore.Capture now = snapshots().capture(source)) {
      return copy(now.pages(), source.limits().maximumPages());
    }
  }

  /**
   * Copies the pages into a new memory in one exclusive action that pays for all of them first:
   * when the budget cannot, the new memory is deleted again and the problem is the budget's.
   */
  private MemoryStatus copy(FrozenPages pages, int maximumPages) {
    StoredMemory clone = registry.create(pages.pages(), (long) maximumPages);
    try {
      long version =
          clone
              .memory()
              .exclusive(
                  access -> {
                    access.prepay(pages.storedPages());
                    writePages(pages, access);
                    return access.version() + (access.wrote() ? 1 : 0);
                  });
      return new MemoryStatus(clone.id(), clone.memory().limits(), pages.sizeBytes(), version);
    } catch (RuntimeException e) {
      registry.delete(clone.id());
      throw e;
    }
  }

  private static void writePages(FrozenPages pages, MemoryAccess access) {
    for (int i = 0; i < pages.pages(); i++) {
      byte[] page = pages.page(i);
      if (page != null) {
        access.write(Pages.toBytes(i), page, 0, page.length);
      }
    }
  }

  /** The snapshot, if it is one of this memory's; otherwise not found. */
  private Snapshot own(String memoryId, String snapshotId) {
    return snapshots()
        .find(snapshotId)
        .filter(s -> s.record().memoryId().equals(memoryId))
        .orElseThrow(() -> new SnapshotNotFoundException(memoryId, snapshotId));
  }

  /**
   * The snapshot, which must be this memory's: one of another memory the caller may see is a 400
   * naming {@code field}; one it may not see is not found.
   */
  private Snapshot ofThisMemory(String memoryId, String snapshotId, String field) {
    Snapshot snapshot =
        snapshots()
            .find(snapshotId)
            .orElseThrow(() -> new SnapshotNotFoundException(memoryId, snapshotId));
    String owner = snapshot.record().memoryId();
    if (!owner.equals(memoryId)) {
      visible(owner, snapshotId, memoryId);
      throw new CrossMemoryException(memoryId, snapshotId, field);
    }
    return snapshot;
  }

  /**
   * The snapshot's memory, if the caller may see it; otherwise the snapshot is not found (as one of
   * {@code askedFor}, the memory the request named, or null).
   */
  private LinearMemory visible(String memoryId, String snapshotId, String askedFor) {
    try {
      return registry.get(memoryId).memory();
    } catch (MemoryNotFoundException hidden) {
      throw new SnapshotNotFoundException(askedFor, snapshotId);
    }
  }

  /**
   * Runs {@code work} on snapshots that another replica may delete meanwhile (Redis): one deleted
   * under it is then unknown, a 404, as if it had been deleted just before.
   */
  private static <T> T whileKept(String memoryId, Supplier<T> work) {
    try {
      return work.get();
    } catch (SnapshotGoneException e) {
      throw new SnapshotNotFoundException(memoryId, e.snapshotId());
    }
  }

  private SnapshotStore snapshots() {
    return store.snapshots().orElseThrow(SnapshotsUnsupportedException::new);
  }

  private String newId() {
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static SnapshotInfo info(SnapshotRecord record) {
    return new SnapshotInfo(
        record.id(),
        record.memoryId(),
        record.version(),
        record.currentPages(),
        Pages.toBytes(record.currentPages()),
        record.createdAt());
  }
}
