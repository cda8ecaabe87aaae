package dev.wasmmemory.store.rocksdb;

import dev.wasmmemory.memory.FrozenPages;
import dev.wasmmemory.store.InstanceSnapshots;
import dev.wasmmemory.store.SnapshotStore.Snapshot;
import dev.wasmmemory.store.SnapshotStore.SnapshotRecord;
import dev.wasmmemory.store.StoreUnavailableException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Snapshots kept in RocksDB: one record per snapshot (key {@code 0x50 id}) naming its memory,
 * version, size and the block of each stored page. A snapshot holds blocks; the memory's commits
 * never write or delete a block a snapshot holds (the engine marks such pages detached), so a
 * snapshot costs one small record, and its pages are read from blocks that no longer change.
 * Deleting it deletes the blocks that only it held. Records are written synced: a snapshot that was
 * acknowledged survives a crash and a restart.
 */
final class RocksSnapshots implements InstanceSnapshots.Persistence {
  private static final byte FORMAT = 1;

  private final RocksDatabase database;

  RocksSnapshots(RocksDatabase database) {
    this.database = database;
  }

  @Override
  public void saved(Snapshot snapshot) {
    try (WriteBatch batch = new WriteBatch()) {
      batch.put(RocksKeys.snapshot(snapshot.record().id()), encode(snapshot));
      database.awaitSynced(database.write(batch));
    } catch (RocksDBException e) {
      throw new RocksStoreException("saving a snapshot failed", e);
    }
  }

  @Override
  public void deleted(Snapshot snapshot) {
    try (WriteBatch batch = new WriteBatch()) {
      batch.delete(RocksKeys.snapshot(snapshot.record().id()));
      database.awaitSynced(database.write(batch));
    } catch (RocksDBException e) {
      throw new RocksStoreException("deleting a snapshot failed", e);
    }
  }

  /**
   * Blocks no one holds after a deletion; not synced: a crash before it lands leaves them unused.
   */
  @Override
  public void freed(List<Object> blocks) {
    if (blocks.isEmpty()) {
      return;
    }
    try (WriteBatch batch = new WriteBatch()) {
      for (Object block : blocks) {
        RocksPageStore.deleteBlock(batch, (Long) block);
      }
      database.write(batch);
    } catch (RocksDBException e) {
      throw new RocksStoreException("freeing a deleted snapshot's blocks failed", e);
    }
  }

  /**
   * Adds to {@code batch} the deletion of a deleted memory's snapshots and of their blocks that the
   * memory itself did not hold ({@code memoryBlocks}, deleted with it).
   */
  static void deleteAll(WriteBatch batch, List<Snapshot> snapshots, long[] memoryBlocks)
      throws RocksDBException {
    Set<Long> kept = new HashSet<>();
    for (long block : memoryBlocks) {
      kept.add(block);
    }
    for (Snapshot snapshot : snapshots) {
      batch.delete(RocksKeys.snapshot(snapshot.record().id()));
      for (Object id : snapshot.pages().identities()) {
        if (id != null && kept.add((Long) id)) {
          RocksPageStore.deleteBlock(batch, (Long) id);
        }
      }
    }
  }

  /** Every snapshot stored, in key order (the caller orders them per memory). */
  List<Snapshot> readAll() {
    List<Snapshot> all = new ArrayList<>();
    try (RocksIterator it = database.db().newIterator()) {
      for (it.seek(RocksKeys.prefix(RocksKeys.SNAPSHOT));
          it.isValid() && it.key()[0] == RocksKeys.SNAPSHOT;
          it.next()) {
        String id = new String(it.key(), 1, it.key().length - 1, StandardCharsets.UTF_8);
        try {
          all.add(decode(id, it.value()));
        } catch (RuntimeException e) {
          throw new StoreUnavailableException(
              "snapshot " + id + " cannot be read: " + e.getMessage(),
              "The data directory was written by another build; nothing was changed.",
              e);
        }
      }
    }
    all.sort(
        (a, b) -> {
          int byTime = a.record().createdAt().compareTo(b.record().createdAt());
          return byTime != 0 ? byTime : Long.compare(a.record().version(), b.record().version());
        });
    return all;
  }

  /**
   * Pages of a memory (whose blocks are {@code blocks}) that its snapshots hold too: the engine
   * copies them before it writes them.
   */
  static BitSet held(long[] blocks, List<Snapshot> snapshots) {
    Set<Long> inSnapshots = blocksOf(snapshots);
    BitSet held = new BitSet();
    for (int i = 0; i < blocks.length; i++) {
      if (blocks[i] != 0 && inSnapshots.contains(blocks[i])) {
        held.set(i);
      }
    }
    return held;
  }

  /** Blocks that only the snapshots hold, not the memory: stored, and paid for. */
  static long snapshotOnly(long[] blocks, List<Snapshot> snapshots) {
    Set<Long> only = blocksOf(snapshots);
    for (long block : blocks) {
      only.remove(block);
    }
    return only.size();
  }

  private static Set<Long> blocksOf(List<Snapshot> snapshots) {
    Set<Long> blocks = new HashSet<>();
    for (Snapshot snapshot : snapshots) {
      for (Object id : snapshot.pages().identities()) {
        if (id != null) {
          blocks.add((Long) id);
        }
      }
    }
    return blocks;
  }

  private static byte[] encode(Snapshot snapshot) {
    SnapshotRecord record = snapshot.record();
    Object[] ids = snapshot.pages().identities();
    int stored = 0;
    for (Object id : ids) {
      if (id != null) {
        stored++;
      }
    }
    byte[] memory = RocksKeys.memoryKey(record.memoryId()).orElseThrow();
    ByteBuffer out = ByteBuffer.allocate(1 + 16 + 8 + 8 + 4 + 4 + stored * 12);
    out.put(FORMAT).put(memory).putLong(record.version());
    out.putLong(record.createdAt().toEpochMilli()).putInt(ids.length).putInt(stored);
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] != null) {
        out.putInt(i).putLong((Long) ids[i]);
      }
    }
    return out.array();
  }

  private Snapshot decode(String id, byte[] value) {
    ByteBuffer in = ByteBuffer.wrap(value);
    if (in.get() != FORMAT) {
      throw new IllegalArgumentException("unknown snapshot format " + value[0]);
    }
    byte[] memory = new byte[16];
    in.get(memory);
    long version = in.getLong();
    Instant createdAt = Instant.ofEpochMilli(in.getLong());
    int pages = in.getInt();
    int stored = in.getInt();
    long[] blocks = new long[pages];
    Object[] ids = new Object[pages];
    for (int n = 0; n < stored; n++) {
      int index = in.getInt();
      blocks[index] = in.getLong();
      ids[index] = blocks[index];
    }
    FrozenPages frozen =
        FrozenPages.stored(ids, version, RocksPageStore.blockSource(database, blocks));
    return new Snapshot(
        new SnapshotRecord(id, RocksKeys.memoryId(memory, 0), version, pages, createdAt), frozen);
  }
}
