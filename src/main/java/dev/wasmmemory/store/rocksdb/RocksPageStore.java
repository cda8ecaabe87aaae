package dev.wasmmemory.store.rocksdb;

import dev.wasmmemory.memory.FrozenPages;
import dev.wasmmemory.memory.PageCommit;
import dev.wasmmemory.memory.PageStore;
import dev.wasmmemory.memory.Pages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;

/**
 * One memory's pages in RocksDB. Each stored page lives in a block of 4 KiB chunks ({@link
 * RocksKeys}); a commit is one {@link WriteBatch}: the chunks that changed, pages pointed at new
 * blocks or at none, and the memory's metadata, so after a crash the memory is as it was after one
 * of its acknowledged mutations, never between two.
 *
 * <p>{@link #blocks} mirrors the page keys and is only changed by commits, which the memory makes
 * under its write lock; loads run under its read lock and read it racily but safely: an entry a
 * reader sees belongs to a committed state newer than any write that could change the page.
 */
final class RocksPageStore implements PageStore {
  private static final byte[] ZERO_CHUNK = new byte[Pages.CHUNK_SIZE];

  private final RocksDatabase database;
  private final byte[] memory;

  /** The block of each page, 0 for a page of zeros. Grown by commits. */
  private volatile long[] blocks;

  private RocksMeta meta;
  private final Consumer<RocksMeta> onCommit;

  /** A block written aside for a streamed write. */
  private record RocksStagedPage(int index, long block) implements StagedPage {
    @Override
    public boolean zero() {
      return block == 0;
    }

    @Override
    public byte[] heapData() {
      return null;
    }
  }

  RocksPageStore(
      RocksDatabase database,
      byte[] memory,
      long[] blocks,
      RocksMeta meta,
      Consumer<RocksMeta> onCommit) {
    this.database = database;
    this.memory = memory;
    this.blocks = blocks;
    this.meta = meta;
    this.onCommit = onCommit;
  }

  @Override
  public boolean persistent() {
    return true;
  }

  @Override
  public byte[] load(int index) {
    long[] table = blocks;
    long block = index < table.length ? table[index] : 0;
    if (block == 0) {
      throw new IllegalStateException("page " + index + " of a memory is not stored");
    }
    try (ReadOptions read = new ReadOptions()) {
      return readBlock(read, block);
    }
  }

  private byte[] readBlock(ReadOptions read, long block) {
    return readBlockOf(database, read, block);
  }

  private static byte[] readBlockOf(RocksDatabase database, ReadOptions read, long block) {
    List<byte[]> keys = new ArrayList<>(Pages.CHUNKS_PER_PAGE);
    for (int c = 0; c < Pages.CHUNKS_PER_PAGE; c++) {
      keys.add(RocksKeys.chunk(block, c));
    }
    List<byte[]> chunks;
    try {
      chunks = database.db().multiGetAsList(read, keys);
    } catch (RocksDBException e) {
      throw new RocksStoreException("read of a page failed", e);
    }
    byte[] page = new byte[Pages.PAGE_SIZE];
    for (int c = 0; c < chunks.size(); c++) {
      byte[] chunk = chunks.get(c);
      if (chunk != null) {
        System.arraycopy(chunk, 0, page, c * Pages.CHUNK_SIZE, Pages.CHUNK_SIZE);
      }
    }
    return page;
  }

  @Override
  public StagedPage stage(int index, byte[] data) {
    if (data == null) {
      return new RocksStagedPage(index, 0);
    }
    long block = database.newBlock();
    try (WriteBatch batch = new WriteBatch()) {
      batch.put(RocksKeys.staged(block), memory);
      putChunks(batch, block, data, PageChangesMask.ALL);
      database.write(batch);
    } catch (RocksDBException e) {
      throw new RocksStoreException("staging of a page failed", e);
    }
    return new RocksStagedPage(index, block);
  }

  @Override
  public void discard(StagedPage page) {
    long block = ((RocksStagedPage) page).block();
    if (block == 0) {
      return;
    }
    try (WriteBatch batch = new WriteBatch()) {
      deleteBlock(batch, block);
      batch.delete(RocksKeys.staged(block));
      database.write(batch);
    } catch (RocksDBException e) {
      throw new RocksStoreException("discarding a staged page failed", e);
    }
  }

  @Override
  public long commit(PageCommit commit) {
    long[] table = Arrays.copyOf(blocks, Math.max(blocks.length, commit.pages()));
    RocksMeta next = meta.with(commit.pages(), commit.version(), commit.materializedPages());
    try (WriteBatch batch = new WriteBatch()) {
      if (commit.erased()) {
        for (int i = 0; i < table.length; i++) {
          if (table[i] != 0) {
            if (!commit.detached(i)) {
              deleteBlock(batch, table[i]);
            }
            table[i] = 0;
          }
        }
        batch.deleteRange(RocksKeys.page(memory, 0), RocksKeys.pagesEnd(memory));
      }
      commit.forEachChange(new BatchWriter(batch, table, commit));
      return write(batch, table, next);
    } catch (RocksDBException e) {
      throw new RocksStoreException("commit failed", e);
    }
  }

  /** Writes {@code batch} with the memory's new metadata; then {@code table} is the memory's. */
  private long write(WriteBatch batch, long[] table, RocksMeta next) throws RocksDBException {
    batch.put(RocksKeys.meta(memory), next.encode());
    long sequence = database.write(batch);
    blocks = table;
    meta = next;
    onCommit.accept(next);
    return sequence;
  }

  /**
   * Turns the changes of one commit into writes of {@code batch}, updating {@code table}. A block a
   * snapshot holds ({@link PageCommit#detached}) is never written or deleted: the memory's page
   * gets a new block.
   */
  private final class BatchWriter implements PageCommit.ChangeVisitor {
    private final WriteBatch batch;
    private final long[] table;
    private final PageCommit commit;

    BatchWriter(WriteBatch batch, long[] table, PageCommit commit) {
      this.batch = batch;
      this.table = table;
      this.commit = commit;
    }

    @Override
    public void written(int index, int chunkMask, byte[] page) {
      try {
        long block = table[index];
        if (block == 0 || commit.detached(index)) {
          block = database.newBlock();
          table[index] = block;
          batch.put(RocksKeys.page(memory, index), RocksKeys.longValue(block));
          chunkMask = PageChangesMask.ALL;
        }
        putChunks(batch, block, page, chunkMask);
      } catch (RocksDBException e) {
        throw new RocksStoreException("commit failed", e);
      }
    }

    @Override
    public void dropped(int index) {
      try {
        if (table[index] != 0) {
          if (!commit.detached(index)) {
            deleteBlock(batch, table[index]);
          }
          batch.delete(RocksKeys.page(memory, index));
          table[index] = 0;
        }
      } catch (RocksDBException e) {
        throw new RocksStoreException("commit failed", e);
      }
    }

    @Override
    public void installed(StagedPage page) {
      long block = ((RocksStagedPage) page).block();
      try {
        if (table[page.index()] != 0 && !commit.detached(page.index())) {
          deleteBlock(batch, table[page.index()]);
        }
        table[page.index()] = block;
        batch.put(RocksKeys.page(memory, page.index()), RocksKeys.longValue(block));
        batch.delete(RocksKeys.staged(block));
      } catch (RocksDBException e) {
        throw new RocksStoreException("commit failed", e);
      }
    }
  }

  /** Puts the chunks of {@code mask}; a chunk of zeros is deleted instead (absent = zeros). */
  private static void putChunks(WriteBatch batch, long block, byte[] page, int mask)
      throws RocksDBException {
    for (int c = 0; c < Pages.CHUNKS_PER_PAGE; c++) {
      if ((mask & (1 << c)) == 0) {
        continue;
      }
      int from = c * Pages.CHUNK_SIZE;
      if (Arrays.equals(page, from, from + Pages.CHUNK_SIZE, ZERO_CHUNK, 0, Pages.CHUNK_SIZE)) {
        batch.delete(RocksKeys.chunk(block, c));
      } else {
        batch.put(
            RocksKeys.chunk(block, c), Arrays.copyOfRange(page, from, from + Pages.CHUNK_SIZE));
      }
    }
  }

  static void deleteBlock(WriteBatch batch, long block) throws RocksDBException {
    for (int c = 0; c < Pages.CHUNKS_PER_PAGE; c++) {
      batch.delete(RocksKeys.chunk(block, c));
    }
  }

  /** Deletes everything of a memory (its {@code blocks}, pages, metadata) in {@code batch}. */
  static void deleteMemory(WriteBatch batch, byte[] memory, long[] blocks) throws RocksDBException {
    for (long block : blocks) {
      if (block != 0) {
        deleteBlock(batch, block);
      }
    }
    batch.deleteRange(RocksKeys.page(memory, 0), RocksKeys.pagesEnd(memory));
    batch.delete(RocksKeys.meta(memory));
  }

  // ---- snapshots: a snapshot holds blocks, which commits then never change ----

  @Override
  public Object pageIdentity(int index) {
    long[] table = blocks;
    return index < table.length && table[index] != 0 ? table[index] : null;
  }

  @Override
  public PageSource freezeSource() {
    return blockSource(database, blocks);
  }

  /** Page {@code i} read from block {@code blocks[i]}: a snapshot's pages, which never change. */
  static PageSource blockSource(RocksDatabase database, long[] blocks) {
    return new PageSource() {
      @Override
      public byte[] load(int index) {
        long block = index < blocks.length ? blocks[index] : 0;
        if (block == 0) {
          return null;
        }
        try (ReadOptions read = new ReadOptions()) {
          return readBlockOf(database, read, block);
        }
      }

      @Override
      public void close() {}
    };
  }

  /**
   * The memory takes a snapshot's pages back: each page points at the snapshot's block; blocks of
   * the memory's that no snapshot holds ({@code released}) are deleted, all in one batch.
   */
  @Override
  public long restore(FrozenPages snapshot, long version, int materializedPages, BitSet released) {
    int pages = snapshot.pages();
    long[] table = Arrays.copyOf(blocks, Math.max(blocks.length, pages));
    RocksMeta next = meta.with(pages, version, materializedPages);
    try (WriteBatch batch = new WriteBatch()) {
      for (int i = 0; i < table.length; i++) {
        Object id = i < pages ? snapshot.identity(i) : null;
        long target = id == null ? 0 : (Long) id;
        if (table[i] == target) {
          continue;
        }
        if (table[i] != 0 && released.get(i)) {
          deleteBlock(batch, table[i]);
        }
        table[i] = target;
        if (target == 0) {
          batch.delete(RocksKeys.page(memory, i));
        } else {
          batch.put(RocksKeys.page(memory, i), RocksKeys.longValue(target));
        }
      }
      return write(batch, table, next);
    } catch (RocksDBException e) {
      throw new RocksStoreException("restore failed", e);
    }
  }

  @Override
  public void awaitDurable(long token) {
    database.awaitSynced(token);
  }

  @Override
  public PageSource openSnapshot() {
    Snapshot snapshot = database.db().getSnapshot();
    ReadOptions read = new ReadOptions().setSnapshot(snapshot);
    long[] table = blocks;
    return new PageSource() {
      @Override
      public byte[] load(int index) {
        long block = index < table.length ? table[index] : 0;
        return block == 0 ? null : readBlock(read, block);
      }

      @Override
      public void close() {
        read.close();
        database.db().releaseSnapshot(snapshot);
      }
    };
  }

  /** Masks of chunks within a page. */
  private static final class PageChangesMask {
    static final int ALL = (1 << Pages.CHUNKS_PER_PAGE) - 1;
  }
}
