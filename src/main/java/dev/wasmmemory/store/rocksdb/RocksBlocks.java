package dev.wasmmemory.store.rocksdb;

import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.store.StoreUnavailableException;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/** Scans over the blocks of pages on disk: the start-up clean-up, and a count for the tests. */
final class RocksBlocks {
  private RocksBlocks() {}

  /** Deletes the blocks a crash left staged (a streamed write that was never installed). */
  static void deleteStaged(RocksDatabase database) {
    try (WriteBatch batch = new WriteBatch();
        RocksIterator it = database.db().newIterator()) {
      for (it.seek(RocksKeys.prefix(RocksKeys.STAGED));
          it.isValid() && it.key()[0] == RocksKeys.STAGED;
          it.next()) {
        long block = RocksKeys.readLong(it.key(), 1);
        for (int c = 0; c < Pages.CHUNKS_PER_PAGE; c++) {
          batch.delete(RocksKeys.chunk(block, c));
        }
        batch.delete(it.key());
      }
      if (batch.count() > 0) {
        database.write(batch);
      }
    } catch (RocksDBException e) {
      throw new StoreUnavailableException(
          "cannot clean up after an interrupted write: " + e.getMessage(),
          "Check the disk under memory.data-dir.",
          e);
    }
  }

  /** Blocks that hold chunks on disk, counted by a scan. */
  static long onDisk(RocksDatabase database) {
    long blocks = 0;
    long last = -1;
    try (RocksIterator it = database.db().newIterator()) {
      for (it.seek(RocksKeys.prefix(RocksKeys.CHUNK));
          it.isValid() && it.key()[0] == RocksKeys.CHUNK;
          it.next()) {
        long block = RocksKeys.readLong(it.key(), 1);
        if (block != last) {
          blocks++;
          last = block;
        }
      }
    }
    return blocks;
  }
}
