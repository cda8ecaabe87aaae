package dev.wasmmemory.store;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryLimits;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where memories live: the heap (volatile), an embedded RocksDB (durable, the default) or Redis
 * (durable and shared by every replica of the service). The service asks a store for memories by id
 * and never which store it has; every store passes the same contract suite.
 *
 * <p>A store owns the memories it hands out: {@link #delete} closes one, and every memory of a
 * closed store is closed. Metadata ({@link MemoryRecord}) is kept with the memory, so it survives
 * restarts in the durable stores and is the same on every replica.
 */
public interface MemoryStore extends AutoCloseable {
  /**
   * Creates a zeroed memory under a new random id (at least 122 random bits), owned by {@code
   * owner} (null for none); throws {@link OwnerQuotaExceededException} when the owner holds as many
   * memories as its quota allows, checked atomically with the creation.
   */
  LinearMemory create(MemoryLimits limits, String owner);

  /** The memory stored under {@code id}, or empty when there is none. */
  Optional<LinearMemory> find(String id);

  /** The memory stored under {@code id} with its owner, in one look-up where the store can. */
  default Optional<Owned> findOwned(String id) {
    return record(id).flatMap(record -> find(id).map(memory -> new Owned(memory, record.owner())));
  }

  /** The metadata of the memory stored under {@code id}, or empty. */
  Optional<MemoryRecord> record(String id);

  /** Every memory's metadata, oldest first. */
  List<MemoryRecord> list();

  /** How many memories the store holds. */
  int count();

  /**
   * Deletes the memory: {@code memory.close()} (which an {@code ifVersion} view makes conditional)
   * and then its record. False when no memory is stored under that id any more.
   */
  boolean delete(LinearMemory memory);

  /** Records that the memory was used now, for idle expiry; stores may persist it lazily. */
  void touch(String id, Instant now);

  /**
   * The store's own record of changes, when several processes may change its memories (Redis);
   * empty when only this process does, and the service then publishes the changes it makes.
   */
  default Optional<ChangeLog> changeLog() {
    return Optional.empty();
  }

  /**
   * The records kept beside the memories, as durably and as widely shared (modules and instances):
   * one object for the store's life, closed with it.
   */
  RecordStore records();

  /** The store's snapshots of its memories; empty for a store that keeps none. */
  default Optional<SnapshotStore> snapshots() {
    return Optional.empty();
  }

  /** Bytes of pages stored over all memories: what {@code memory.budget} bounds. */
  long storedBytes();

  // ---- share links: kept with the memories, so that a revocation holds everywhere ----

  /** Stores a share link's record (it lapses by itself at its expiry). */
  void saveShare(ShareRecord share);

  /** The share link with this id, unless it was revoked or has lapsed. */
  Optional<ShareRecord> share(String shareId);

  /** Revokes a share link; false when there was none. */
  boolean deleteShare(String shareId);

  /**
   * The key share links are signed with: random, made once with the store, the same after a restart
   * and on every replica.
   */
  byte[] signingKey();

  @Override
  void close();

  /** A memory and its owner (null for none). */
  record Owned(LinearMemory memory, String owner) {}

  /**
   * What the store keeps about a memory besides its bytes; size and version as of the memory's last
   * mutation that the record has seen (for listings: a memory's own answers are exact).
   */
  record MemoryRecord(
      String id,
      MemoryLimits limits,
      String owner,
      Instant createdAt,
      Instant lastUsed,
      int currentPages,
      long version) {}
}
