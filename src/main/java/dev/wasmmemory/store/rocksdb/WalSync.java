package dev.wasmmemory.store.rocksdb;

import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * Group commit for {@code memory.durability=fsync}: writers append to the write-ahead log without
 * syncing (under their memory's lock), then wait here, after releasing it, until the log is synced
 * past their write. One waiter syncs for everyone who arrived before it started; the others wait
 * for it, so concurrent writers share one fsync.
 */
final class WalSync {
  private final RocksDB db;

  /** The log is synced up to this sequence number. */
  private long synced;

  private boolean syncing;

  WalSync(RocksDB db) {
    this.db = db;
  }

  void awaitSynced(long sequence) {
    synchronized (this) {
      while (synced < sequence) {
        if (!syncing) {
          syncing = true;
          break;
        }
        waitForSync();
      }
      if (synced >= sequence) {
        return;
      }
    }
    long target = db.getLatestSequenceNumber();
    RuntimeException failure = null;
    try {
      db.syncWal();
    } catch (RocksDBException e) {
      failure = new RocksStoreException("sync of the write-ahead log failed", e);
    }
    synchronized (this) {
      syncing = false;
      if (failure == null) {
        synced = Math.max(synced, target);
      }
      notifyAll();
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void waitForSync() {
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RocksStoreException("interrupted while waiting for a sync", e);
    }
  }
}
