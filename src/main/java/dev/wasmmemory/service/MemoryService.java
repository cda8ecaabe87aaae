package dev.wasmmemory.service;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.memory.RegionView;
import dev.wasmmemory.memory.ValueType;
import dev.wasmmemory.service.batch.BatchOperation;
import dev.wasmmemory.service.batch.BatchResult;
import dev.wasmmemory.service.batch.Batches;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.OptionalLong;

/**
 * The operations on stored memories, whatever store holds them: each looks its memory up in the
 * {@link MemoryRegistry} and talks to it only as a {@link LinearMemory}. Reads answer the version
 * their bytes belong to, read at the same instant; a mutation under a {@link Precondition} is
 * checked atomically with it ({@link LinearMemory#ifVersion}), so that no write can come in between
 * the check and the change.
 */
public final class MemoryService {
  private final MemoryRegistry registry;

  public MemoryService(MemoryRegistry registry) {
    this.registry = registry;
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
      return;
    }
    long version = registry.get(id).memory().version();
    check(id, precondition, version);
    registry.delete(id, OptionalLong.of(version));
  }

  /** wasmi's grow: the size before, in pages. */
  public int grow(String id, Precondition precondition, long pages) {
    return mutable(id, precondition).grow(pages);
  }

  public void fill(String id, Precondition precondition, long offset, long length, byte value) {
    mutable(id, precondition).clear(offset, value, length);
  }

  /** A copy within the memory (memmove or non-overlapping) or a transfer from another one. */
  public void copy(String id, Precondition precondition, CopyOperation copy) {
    LinearMemory destination = mutable(id, precondition);
    String sourceId = copy.sourceMemoryId();
    if (sourceId != null && !sourceId.equals(id)) {
      LinearMemory source = registry.get(sourceId).memory();
      destination.transferFrom(
          source, copy.sourceOffset(), copy.destinationOffset(), copy.length());
    } else if (copy.nonOverlapping()) {
      destination.copyNonOverlapping(copy.sourceOffset(), copy.destinationOffset(), copy.length());
    } else {
      destination.copy(copy.sourceOffset(), copy.destinationOffset(), copy.length());
    }
  }

  public void erase(String id, Precondition precondition) {
    mutable(id, precondition).erase();
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
    mutable(id, precondition).set(offset, bytes);
  }

  /**
   * Writes the stream's bytes from {@code offset}, exactly {@code length} of them or, when it is
   * negative, all up to the stream's end; all or nothing (see {@link LinearMemory#writeFrom}).
   */
  public void writeFrom(
      String id, Precondition precondition, long offset, long length, InputStream in)
      throws IOException {
    mutable(id, precondition).writeFrom(offset, length, in);
  }

  public LinearMemory.ValueRead readValue(String id, ValueType type, long offset) {
    return registry.get(id).memory().getValue(type, offset);
  }

  public void writeValue(
      String id, Precondition precondition, ValueType type, long offset, long bits) {
    mutable(id, precondition).setBits(type, offset, bits);
  }

  /**
   * Runs a batch on the memory (see {@link Batches}): in order, under one lock, all or nothing;
   * under a precondition only at the version checked, which the batch's lock holds.
   */
  public BatchResult batch(String id, Precondition precondition, List<BatchOperation> operations) {
    return Batches.apply(mutable(id, precondition), operations);
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
