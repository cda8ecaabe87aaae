package dev.wasmmemory.store.rocksdb;

import dev.wasmmemory.store.Durability;
import dev.wasmmemory.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The embedded database of the RocksDB store: opened once per data directory, its format checked
 * before anything is read, block ids handed out, and writes made as durable as {@link Durability}
 * promises. Every failure of RocksDB surfaces as a {@link StoreUnavailableException} at start-up or
 * an {@link java.io.UncheckedIOException}-like {@link RocksStoreException} afterwards.
 */
final class RocksDatabase implements AutoCloseable {
  /** The layout this build writes and reads; a data dir of any other is refused, never wiped. */
  static final String FORMAT = "wasm-memory-service rocksdb layout 2";

  /**
   * The layout before snapshots (0x50 records; commits keep blocks a snapshot holds): read as it is
   * and marked as layout 2 at once, so that a build of layout 1 refuses the directory from then on
   * instead of overwriting blocks that snapshots hold.
   */
  static final String PREVIOUS_FORMAT = "wasm-memory-service rocksdb layout 1";

  /** Block ids are reserved this many at a time, so the high-water mark is written rarely. */
  private static final long BLOCK_ID_RANGE = 1 << 16;

  static {
    RocksDB.loadLibrary();
  }

  private final Path dir;
  private final RocksDB db;
  private final Options options;
  private final WriteOptions writeOptions = new WriteOptions();
  private final WalSync walSync;
  private final Durability durability;

  private long nextBlock;
  private long blockLimit;

  private RocksDatabase(Path dir, RocksDB db, Options options, Durability durability) {
    this.dir = dir;
    this.db = db;
    this.options = options;
    this.durability = durability;
    this.walSync = new WalSync(db);
  }

  /** Opens (or creates) the database in {@code dir}, refusing one it cannot vouch for. */
  static RocksDatabase open(Path dir, Durability durability) {
    Options options = new Options().setCreateIfMissing(true);
    RocksDB db;
    try {
      Files.createDirectories(dir);
      db = RocksDB.open(options, dir.toString());
    } catch (RocksDBException | java.io.IOException e) {
      options.close();
      throw unavailable(dir, e);
    }
    RocksDatabase database = new RocksDatabase(dir, db, options, durability);
    try {
      database.checkFormat();
      database.readBlockMark();
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    return database;
  }

  private static StoreUnavailableException unavailable(Path dir, Exception e) {
    String reason = e.getMessage() == null ? e.toString() : e.getMessage();
    if (reason.contains("lock")) {
      return new StoreUnavailableException(
          "the data directory " + dir.toAbsolutePath() + " is in use by another process",
          "Stop the other service on this directory, or point memory.data-dir elsewhere.",
          e);
    }
    if (reason.contains("Corruption") || reason.contains("CURRENT")) {
      return new StoreUnavailableException(
          "the data directory " + dir.toAbsolutePath() + " is corrupt: " + reason,
          "Restore it from a backup, or point memory.data-dir at an empty directory.",
          e);
    }
    return new StoreUnavailableException(
        "the data directory " + dir.toAbsolutePath() + " cannot be opened: " + reason,
        "Check that memory.data-dir names a directory this process may write.",
        e);
  }

  private void checkFormat() {
    byte[] format = get(RocksKeys.FORMAT);
    if (format == null) {
      if (!isEmpty()) {
        throw new StoreUnavailableException(
            "the data directory " + dir.toAbsolutePath() + " holds data but no format record",
            "It was not written by this service: point memory.data-dir elsewhere.",
            null);
      }
      put(RocksKeys.FORMAT, FORMAT.getBytes(StandardCharsets.UTF_8));
      return;
    }
    String found = new String(format, StandardCharsets.UTF_8);
    if (PREVIOUS_FORMAT.equals(found)) {
      put(RocksKeys.FORMAT, FORMAT.getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (!FORMAT.equals(found)) {
      throw new StoreUnavailableException(
          "the data directory "
              + dir.toAbsolutePath()
              + " is in the format '"
              + found
              + "', which this build does not read (it reads '"
              + FORMAT
              + "')",
          "Run the build that wrote it, or point memory.data-dir elsewhere; nothing was changed.",
          null);
    }
  }

  private boolean isEmpty() {
    try (RocksIterator it = db.newIterator()) {
      it.seekToFirst();
      return !it.isValid();
    }
  }

  private void readBlockMark() {
    byte[] mark = get(RocksKeys.NEXT_BLOCK);
    nextBlock = mark == null ? 1 : RocksKeys.readLong(mark, 0);
    blockLimit = nextBlock;
  }

  /** A block id never handed out before, not even before a crash. */
  synchronized long newBlock() {
    if (nextBlock == blockLimit) {
      blockLimit = nextBlock + BLOCK_ID_RANGE;
      try (WriteOptions synced = new WriteOptions().setSync(true)) {
        db.put(synced, RocksKeys.NEXT_BLOCK, RocksKeys.longValue(blockLimit));
      } catch (RocksDBException e) {
        blockLimit = nextBlock;
        throw new RocksStoreException("cannot reserve block ids", e);
      }
    }
    return nextBlock++;
  }

  RocksDB db() {
    return db;
  }

  Durability durability() {
    return durability;
  }

  /**
   * Writes {@code batch} atomically; answers the sequence number to sync up to under {@link
   * Durability#FSYNC}, 0 otherwise.
   */
  long write(WriteBatch batch) {
    try {
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new RocksStoreException("write failed", e);
    }
    return durability == Durability.FSYNC ? db.getLatestSequenceNumber() : 0;
  }

  /** Returns once the write-ahead log is synced up to {@code sequence} (group commit). */
  void awaitSynced(long sequence) {
    if (sequence != 0) {
      walSync.awaitSynced(sequence);
    }
  }

  /** Writes the memtables to table files and waits: what a big unlogged write needs. */
  void flush() {
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      db.flush(flush);
    } catch (RocksDBException e) {
      throw new RocksStoreException("flush failed", e);
    }
  }

  byte[] get(byte[] key) {
    try {
      return db.get(key);
    } catch (RocksDBException e) {
      throw new RocksStoreException("read failed", e);
    }
  }

  byte[] get(ReadOptions read, byte[] key) {
    try {
      return db.get(read, key);
    } catch (RocksDBException e) {
      throw new RocksStoreException("read failed", e);
    }
  }

  private void put(byte[] key, byte[] value) {
    try (WriteOptions synced = new WriteOptions().setSync(true)) {
      db.put(synced, key, value);
    } catch (RocksDBException e) {
      throw new RocksStoreException("write failed", e);
    }
  }

  /** Whether {@code key} starts with {@code prefix}. */
  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  @Override
  public void close() {
    try {
      db.syncWal();
    } catch (RocksDBException e) {
      // Closing anyway: what the log holds is replayed at the next start.
    }
    db.close();
    writeOptions.close();
    options.close();
  }
}
