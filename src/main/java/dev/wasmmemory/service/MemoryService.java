package dev.wasmmemory.service;

import dev.wasmmemory.memory.GrowLimitExceededException;
import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.memory.RegionView;
import dev.wasmmemory.memory.ValueType;
import dev.wasmmemory.service.batch.BatchOperation;
import dev.wasmmemory.service.batch.BatchResult;
import dev.wasmmemory.service.batch.Batches;
import dev.wasmmemory.service.events.EventSink;
import dev.wasmmemory.service.events.MemoryEvents;
import dev.wasmmemory.service.events.Subscription;
import dev.wasmmemory.service.search.Search;
import dev.wasmmemory.service.search.SearchQuery;
import dev.wasmmemory.service.search.SearchResult;
import dev.wasmmemory.store.MemoryChange;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The operations on stored memories, whatever store holds them: each looks its memory up in the
 * {@link MemoryRegistry} and talks to it only as a {@link LinearMemory}. Reads answer the version
 * their bytes belong to, read at the same instant; a mutation under a {@link Precondition} is
 * checked atomically with it ({@link LinearMemory#ifVersion}), so that no write can come in between
 * the check and the change. Every mutation that succeeded is published to the memory's subscribers
 * ({@link MemoryEvents}) with the version it left the memory at.
 */
public final class MemoryService {
  private final MemoryRegistry registry;
  private final MemoryEvents events;

  public MemoryService(MemoryRegistry registry, MemoryEvents events) {
    this.registry = registry;
    this.events = events;
  }

  // ---- the memories themselves ----

  public MemoryStatus create(long initialPages, Long maximumPages) {
    return status(registry.create(initialPages, maximumPages));
  }

  public MemoryStatus status(String id) {
    return status(registry.get(id));
  }

  /**
   * Every memory, oldest first, as its store's records have it (so listing opens no memory); one
   * dropped while the list is made is left out.
   */
  public List<MemoryStatus> list() {
    return registry.list().stream()
        .map(
            record ->
                new MemoryStatus(
                    record.id(),
                    record.limits(),
                    Pages.toBytes(record.currentPages()),
                    record.version()))
        .toList();
  }

  /** Drops the memory; under a precondition only if no write came in since it was checked. */
  public void delete(String id, Precondition precondition) {
    if (precondition.unconditional()) {
      registry.delete(id);
    } else {
      long version = registry.get(id).memory().version();
      check(id, precondition, version);
      registry.delete(id, OptionalLong.of(version));
    }
    events.publish(id, MemoryChange.delete(-1));
  }

  /** Drops every memory unused for {@code maxIdle} (its subscribers told); answers how many. */
  public int expireIdle(Duration maxIdle) {
    return registry.expireIdle(maxIdle, id -> events.publish(id, MemoryChange.delete(-1)));
  }

  /**
   * wasmi's grow: the size before, in pages. Where the service publishes the changes, the growth
   * runs as an exclusive action, which knows the version it leaves (grow answers only the size).
   */
  public int grow(String id, Precondition precondition, long pages) {
    LinearMemory memory = mutable(id, precondition);
    if (pages == 0 || events.storeRecords()) {
      int previous = memory.grow(pages);
      if (pages > 0) {
        events.publish(id, MemoryChange.grow(-1, previous, previous + (int) pages));
      }
      return previous;
    }
    AtomicLong version = new AtomicLong();
    int previous =
        memory.exclusive(
            access -> {
              int before = access.grow(pages);
              if (before < 0) {
                throw new GrowLimitExceededException(
                    id, access.currentPages(), pages, access.maximumPages());
              }
              version.set(access.version() + 1);
              return before;
            });
    events.publish(id, MemoryChange.grow(version.get(), previous, previous + (int) pages));
    return previous;
  }

  public void fill(String id, Precondition precondition, long offset, long length, byte value) {
    long version = mutable(id, precondition).clear(offset, value, length);
    events.publish(id, MemoryChange.write(version, offset, length));
  }

  /** A copy within the memory (memmove or non-overlapping) or a transfer from another one. */
  public void copy(String id, Precondition precondition, CopyOperation copy) {
    LinearMemory destination = mutable(id, precondition);
    String sourceId = copy.sourceMemoryId();
    long version;
    if (sourceId != null && !sourceId.equals(id)) {
      LinearMemory source = registry.get(sourceId).memory();
      version =
          destination.transferFrom(
              source, copy.sourceOffset(), copy.destinationOffset(), copy.length());
    } else if (copy.nonOverlapping()) {
      version =
          destination.copyNonOverlapping(
              copy.sourceOffset(), copy.destinationOffset(), copy.length());
    } else {
      version = destination.copy(copy.sourceOffset(), copy.destinationOffset(), copy.length());
    }
    events.publish(id, MemoryChange.write(version, copy.destinationOffset(), copy.length()));
  }

  public void erase(String id, Precondition precondition) {
    long version = mutable(id, precondition).erase();
    events.publish(id, MemoryChange.erase(version));
  }

  /** Searches the memory's bytes as of one instant (see {@link Search}). */
  public SearchResult search(String id, SearchQuery query) {
    return Search.run(registry.get(id).memory(), query);
  }

  // ---- live changes ----

  /**
   * Subscribes {@code sink} to the memory's changes, after {@code lastEventId} when given; the
   * memory must exist ({@link MemoryNotFoundException}).
   */
  public Subscription subscribe(String id, OptionalLong lastEventId, EventSink sink) {
    registry.get(id);
    return events.subscribe(id, lastEventId, () -> registry.get(id).memory().version(), sink);
  }

  // ---- bytes and values ----

  /**
   * The bytes of {@code [offset, offset + length)}, or up to the end of the memory when {@code
   * length} is null, with the version they belong to. Close it when done.
   */
  public BytesRegion read(String id, long offset, Long length) {
    return BytesRegion.read(registry.get(id).memory(), offset, length);
  }

  public void write(String id, Precondition precondition, long offset, byte[] bytes) {
    long version = mutable(id, precondition).set(offset, bytes);
    events.publish(id, MemoryChange.write(version, offset, bytes.length));
  }

  /**
   * Writes the stream's bytes from {@code offset}, exactly {@code length} of them or, when it is
   * negative, all up to the stream's end; all or nothing (see {@link LinearMemory#writeFrom}).
   */
  public void writeFrom(
      String id, Precondition precondition, long offset, long length, InputStream in)
      throws IOException {
    LinearMemory.StreamWrite written = mutable(id, precondition).writeFrom(offset, length, in);
    events.publish(id, MemoryChange.write(written.version(), offset, written.length()));
  }

  public LinearMemory.ValueRead readValue(String id, ValueType type, long offset) {
    return registry.get(id).memory().getValue(type, offset);
  }

  public void writeValue(
      String id, Precondition precondition, ValueType type, long offset, long bits) {
    long version = mutable(id, precondition).setBits(type, offset, bits);
    events.publish(id, MemoryChange.write(version, offset, type.width()));
  }

  /**
   * Runs a batch on the memory (see {@link Batches}): in order, under one lock, all or nothing;
   * under a precondition only at the version checked, which the batch's lock holds. One that
   * changed the memory is one event.
   */
  public BatchResult batch(String id, Precondition precondition, List<BatchOperation> operations) {
    BatchResult result = Batches.apply(mutable(id, precondition), operations);
    if (result.change() != null) {
      events.publish(id, MemoryChange.of(result.change()));
    }
    return result;
  }

  // ---- internals ----

  /** The memory to mutate: itself, or a view that mutates only at the version checked now. */
  private LinearMemory mutable(String id, Precondition precondition) {
    LinearMemory memory = registry.get(id).memory();
    if (precondition.unconditional()) {
      return memory;
    }
    long version = memory.version();
    check(id, precondition, version);
    return memory.ifVersion(version);
  }

  private static void check(String id, Precondition precondition, long version) {
    if (!precondition.matches(version)) {
      throw new PreconditionFailedException(id, version);
    }
  }

  /** Limits, size and version as of one instant: an empty view's. */
  private static MemoryStatus status(StoredMemory stored) {
    LinearMemory memory = stored.memory();
    try (RegionView instant = memory.view(0, 0)) {
      return new MemoryStatus(
          stored.id(), memory.limits(), instant.memorySize(), instant.version());
    }
  }
}
