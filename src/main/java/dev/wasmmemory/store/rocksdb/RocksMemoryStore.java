package dev.wasmmemory.store.rocksdb;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryInstance;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.PageBudget;
import dev.wasmmemory.memory.PageCache;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.store.Durability;
import dev.wasmmemory.store.InstanceSnapshots;
import dev.wasmmemory.store.MemoryStore;
import dev.wasmmemory.store.OwnerQuotas;
import dev.wasmmemory.store.RecordStore;
import dev.wasmmemory.store.ShareRecord;
import dev.wasmmemory.store.SnapshotStore;
import dev.wasmmemory.store.SnapshotStore.Snapshot;
import dev.wasmmemory.store.StoreUnavailableException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * The default store: memories in an embedded RocksDB in {@code memory.data-dir}, the heap holding a
 * bounded cache of their pages. Start-up reads only the metadata records (one per memory); a
 * memory's page table is read when the memory is first used, its pages when they are.
 *
 * <p>What a restart finds is what was acknowledged: every mutation is one write batch, committed
 * before its answer (see {@link RocksPageStore}); streamed writes are staged as blocks of their own
 * and installed by that batch, and blocks a crash left staged are deleted at the next start.
 */
public final class RocksMemoryStore implements MemoryStore {

  private final RocksDatabase database;
  private final OwnerQuotas quotas;
  private final PageCache cache;
  private final RocksShares shares;
  private final RocksSnapshots keeper;
  private final InstanceSnapshots snapshots;

  /** Pages only snapshots hold, per memory not opened since the start (then its memory knows). */
  private final Map<String, Long> snapshotOnlyAtStart = new ConcurrentHashMap<>();

  /**
   * Held while an owner's memories are counted and one more is made, when that count is bounded.
   */
  private final Object creating = new Object();

  private final RecordStore recordStore;

  /** Every memory's metadata, as of its last commit. */
  private final Map<String, RocksMeta> records = new ConcurrentHashMap<>();

  /** Memories in use; the others are opened from their records on first use. */
  private final Map<String, MemoryInstance> open = new ConcurrentHashMap<>();

  private final RocksLastUse lastUse;

  private final AtomicLong storedPages = new AtomicLong();

  private RocksMemoryStore(RocksDatabase database, OwnerQuotas quotas, PageCache cache) {
    this.database = database;
    this.quotas = quotas;
    this.recordStore = new RocksRecordStore(database);
    this.cache = cache;
    this.shares = new RocksShares(database, Clock.systemUTC());
    this.keeper = new RocksSnapshots(database);
    this.snapshots = new InstanceSnapshots(keeper);
    this.lastUse = new RocksLastUse(database, records);
  }

  /**
   * Opens the store in {@code dir}: refuses a directory in use, corrupt or of another format with a
   * {@link StoreUnavailableException}; deletes what a crash left staged; charges the pages found to
   * {@code budget}.
   */
  public static RocksMemoryStore open(
      Path dir, Durability durability, PageBudget budget, PageCache cache) {
    return open(dir, durability, OwnerQuotas.none(budget), cache);
  }

  /**
   * Opens the store as {@link #open(Path, Durability, PageBudget, PageCache)} does, charging every
   * memory's pages to the budget of its owner ({@link OwnerQuotas#budgetOf}), at start and whenever
   * a memory is opened again.
   */
  public static RocksMemoryStore open(
      Path dir, Durability durability, OwnerQuotas quotas, PageCache cache) {
    RocksDatabase database = RocksDatabase.open(dir, durability);
    try {
      RocksMemoryStore store = new RocksMemoryStore(database, quotas, cache);
      RocksBlocks.deleteStaged(database);
      store.readRecords();
      store
          .records
          .values()
          .forEach(m -> quotas.budgetOf(m.owner()).acquireStored(m.materializedPages()));
      store.readSnapshots();
      return store;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /**
   * Reads every snapshot back and charges the pages only snapshots hold to their memory's owner:
   * this reads the page table (not the pages) of memories that have snapshots.
   */
  private void readSnapshots() {
    for (Snapshot snapshot : keeper.readAll()) {
      snapshots.loaded(snapshot);
    }
    for (Map.Entry<String, RocksMeta> entry : records.entrySet()) {
      List<Snapshot> of = snapshots.of(entry.getKey());
      if (!of.isEmpty()) {
        byte[] key = RocksKeys.memoryKey(entry.getKey()).orElseThrow();
        long only = RocksSnapshots.snapshotOnly(readBlocks(key, entry.getValue()), of);
        quotas.budgetOf(entry.getValue().owner()).acquireStored(only);
        snapshotOnlyAtStart.put(entry.getKey(), only);
      }
    }
  }

  @Override
  public Optional<SnapshotStore> snapshots() {
    return Optional.of(snapshots);
  }

  private void readRecords() {
    try (RocksIterator it = database.db().newIterator()) {
      for (it.seek(RocksKeys.prefix(RocksKeys.META));
          it.isValid() && it.key()[0] == RocksKeys.META;
          it.next()) {
        String id = RocksKeys.memoryId(it.key(), 1);
        RocksMeta meta;
        try {
          meta = RocksMeta.decode(it.value());
        } catch (IllegalArgumentException e) {
          throw new StoreUnavailableException(
              "the metadata of memory " + id + " cannot be read: " + e.getMessage(),
              "The data directory was written by another build; nothing was changed.",
              e);
        }
        byte[] lastUse = database.get(RocksKeys.used(Arrays.copyOfRange(it.key(), 1, 17)));
        if (lastUse != null) {
          meta = meta.usedAt(Instant.ofEpochMilli(RocksKeys.readLong(lastUse, 0)));
        }
        records.put(id, meta);
        storedPages.addAndGet(meta.materializedPages());
      }
    }
  }

  @Override
  public LinearMemory create(MemoryLimits limits, String owner) {
    if (owner == null || quotas.maxMemories() == Integer.MAX_VALUE) {
      return create(limits, owner, quotas.budgetOf(owner));
    }
    synchronized (creating) {
      quotas.checkCount(
          owner, records.values().stream().filter(m -> owner.equals(m.owner())).count());
      return create(limits, owner, quotas.budgetOf(owner));
    }
  }

  /**
   * A memory whose pages are paid from {@code pages} while it stays open (a budget of its own, as a
   * test or a per-owner quota needs); after a restart the store's budget pays for it.
   */
  public LinearMemory create(MemoryLimits limits, String owner, PageBudget pages) {
    String id = UUID.randomUUID().toString();
    byte[] key = RocksKeys.memoryKey(id).orElseThrow();
    // Stored in milliseconds: truncated here too, so a record reads the same before and after a
    // restart.
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    RocksMeta meta = new RocksMeta(limits, limits.initialPages(), 0, 0, now, now, owner);
    try (WriteBatch batch = new WriteBatch()) {
      batch.put(RocksKeys.meta(key), meta.encode());
      database.awaitSynced(database.write(batch));
    } catch (RocksDBException e) {
      throw new RocksStoreException("creating a memory failed", e);
    }
    records.put(id, meta);
    MemoryInstance memory = instance(id, key, meta, new long[limits.initialPages()], pages);
    open.put(id, memory);
    return memory;
  }

  @Override
  public Optional<LinearMemory> find(String id) {
    Optional<byte[]> key = RocksKeys.memoryKey(id);
    if (key.isEmpty() || !records.containsKey(id)) {
      return Optional.empty();
    }
    MemoryInstance memory =
        open.compute(
            id,
            (ignored, current) -> {
              if (current != null && !(current.isClosed() && current.failed())) {
                return current;
              }
              RocksMeta meta = records.get(id);
              if (meta == null) {
                return null;
              }
              MemoryInstance opened =
                  instance(
                      id,
                      key.get(),
                      meta,
                      readBlocks(key.get(), meta),
                      quotas.budgetOf(meta.owner()));
              snapshotOnlyAtStart.remove(id); // the memory counts them from now on
              return opened;
            });
    return memory == null || memory.isClosed() ? Optional.empty() : Optional.of(memory);
  }

  private long[] readBlocks(byte[] key, RocksMeta meta) {
    long[] blocks = new long[meta.pages()];
    byte[] first = RocksKeys.page(key, 0);
    try (RocksIterator it = database.db().newIterator()) {
      for (it.seek(first);
          it.isValid() && RocksDatabase.startsWith(it.key(), prefix(first));
          it.next()) {
        int page = RocksKeys.readInt(it.key(), 17);
        if (page < blocks.length) {
          blocks[page] = RocksKeys.readLong(it.value(), 0);
        }
      }
    }
    return blocks;
  }

  private static byte[] prefix(byte[] pageKey) {
    return Arrays.copyOf(pageKey, 17);
  }

  /**
   * The memory {@code id} as a restart would find it: a second instance read from the disk, not the
   * one in use (which it does not affect). For checks of what was stored.
   */
  public LinearMemory readBack(String id) {
    byte[] key = RocksKeys.memoryKey(id).orElseThrow();
    byte[] meta = database.get(RocksKeys.meta(key));
    if (meta == null) {
      throw new IllegalArgumentException("no memory " + id + " is stored");
    }
    RocksMeta stored = RocksMeta.decode(meta);
    return instance(
        id, key, stored, readBlocks(key, stored), PageBudget.UNLIMITED, new PageCache(1));
  }

  private MemoryInstance instance(
      String id, byte[] key, RocksMeta meta, long[] blocks, PageBudget pages) {
    return instance(id, key, meta, blocks, pages, cache);
  }

  private MemoryInstance instance(
      String id, byte[] key, RocksMeta meta, long[] blocks, PageBudget pages, PageCache heap) {
    BitSet stored = new BitSet(blocks.length);
    for (int i = 0; i < blocks.length; i++) {
      if (blocks[i] != 0) {
        stored.set(i);
      }
    }
    RocksPageStore store =
        new RocksPageStore(
            database,
            key,
            blocks,
            meta,
            next -> {
              RocksMeta previous = records.put(id, next);
              int before = previous == null ? 0 : previous.materializedPages();
              storedPages.addAndGet(next.materializedPages() - before);
            });
    MemoryInstance memory =
        MemoryInstance.open(
            id, meta.limits(), meta.pages(), meta.version(), stored, pages, store, heap);
    List<Snapshot> of = snapshots.of(id);
    if (!of.isEmpty()) {
      memory.adoptSnapshots(
          RocksSnapshots.held(blocks, of), RocksSnapshots.snapshotOnly(blocks, of));
    }
    return memory;
  }

  @Override
  public Optional<MemoryRecord> record(String id) {
    return Optional.ofNullable(records.get(id)).map(meta -> toRecord(id, meta));
  }

  @Override
  public List<MemoryRecord> list() {
    return records.entrySet().stream()
        .map(entry -> toRecord(entry.getKey(), entry.getValue()))
        .sorted(Comparator.comparing(MemoryRecord::createdAt).thenComparing(MemoryRecord::id))
        .toList();
  }

  private static MemoryRecord toRecord(String id, RocksMeta meta) {
    return new MemoryRecord(
        id,
        meta.limits(),
        meta.owner(),
        meta.createdAt(),
        meta.lastUsed(),
        meta.pages(),
        meta.version());
  }

  @Override
  public int count() {
    return records.size();
  }

  @Override
  public boolean delete(LinearMemory memory) {
    String id = memory.id();
    MemoryInstance instance = open.get(id);
    if (instance == null || !records.containsKey(id)) {
      return false;
    }
    memory.close();
    byte[] key = RocksKeys.memoryKey(id).orElseThrow();
    RocksMeta stored = records.get(id);
    try (WriteBatch batch = new WriteBatch()) {
      long[] blocks = readBlocks(key, stored);
      RocksPageStore.deleteMemory(batch, key, blocks);
      RocksSnapshots.deleteAll(batch, snapshots.of(id), blocks);
      batch.delete(RocksKeys.used(key));
      database.awaitSynced(database.write(batch));
    } catch (RocksDBException e) {
      // Still stored: the next lookup opens it again, paid for again, from what the store holds.
      open.remove(id, instance);
      quotas.budgetOf(stored.owner()).acquireStored(stored.materializedPages());
      throw new RocksStoreException("delete failed", e);
    } catch (RuntimeException e) {
      open.remove(id, instance);
      quotas.budgetOf(stored.owner()).acquireStored(stored.materializedPages());
      throw e;
    }
    RocksMeta meta = records.remove(id);
    snapshots.forget(id);
    snapshotOnlyAtStart.remove(id);
    open.remove(id, instance);
    lastUse.forget(id);
    if (meta != null) {
      storedPages.addAndGet(-meta.materializedPages());
    }
    return true;
  }

  @Override
  public void touch(String id, Instant now) {
    lastUse.touch(id, now.truncatedTo(ChronoUnit.MILLIS));
  }

  /** Writes the last use of the memories used since the last call (idle times survive restarts). */
  public void flushUse() {
    lastUse.flush();
  }

  @Override
  public Optional<Owned> findOwned(String id) {
    RocksMeta meta = records.get(id);
    return meta == null ? Optional.empty() : find(id).map(m -> new Owned(m, meta.owner()));
  }

  @Override
  public void saveShare(ShareRecord share) {
    shares.save(share);
  }

  @Override
  public Optional<ShareRecord> share(String shareId) {
    return shares.find(shareId);
  }

  @Override
  public boolean deleteShare(String shareId) {
    return shares.delete(shareId);
  }

  @Override
  public byte[] signingKey() {
    return shares.signingKey();
  }

  @Override
  public RecordStore records() {
    return recordStore;
  }

  /** Blocks that hold chunks on disk, counted by a scan: for checks that no block leaks. */
  public long blocksOnDisk() {
    return RocksBlocks.onDisk(database);
  }

  @Override
  public long storedBytes() {
    long pages = storedPages.get();
    for (Long only : snapshotOnlyAtStart.values()) {
      pages += only;
    }
    for (MemoryInstance memory : open.values()) {
      if (!memory.isClosed() && !snapshotOnlyAtStart.containsKey(memory.id())) {
        pages += memory.snapshotOnlyPages();
      }
    }
    return Pages.toBytes(pages);
  }

  @Override
  public void close() {
    lastUse.close(); // before the database closes under a flush under way
    open.values().forEach(MemoryInstance::close);
    open.clear();
    database.close();
  }
}
