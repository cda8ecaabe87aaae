package dev.wasmmemory.store.rocksdb;

import dev.wasmmemory.store.RecordStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Records in the store's database under {@code 0x40 space 0x00 id} ({@link RocksKeys}), written
 * with the memories' durability: they survive a restart as the memories do.
 */
final class RocksRecordStore implements RecordStore {
  private final RocksDatabase database;

  RocksRecordStore(RocksDatabase database) {
    this.database = database;
  }

  @Override
  public void put(String space, String id, byte[] value) {
    try (WriteBatch batch = new WriteBatch()) {
      batch.put(RocksKeys.record(space, id), value);
      database.awaitSynced(database.write(batch));
    } catch (RocksDBException e) {
      throw new RocksStoreException("record write failed", e);
    }
  }

  @Override
  public Optional<byte[]> get(String space, String id) {
    return Optional.ofNullable(database.get(RocksKeys.record(space, id)));
  }

  @Override
  public List<byte[]> all(String space) {
    List<byte[]> values = new ArrayList<>();
    byte[] prefix = RocksKeys.record(space, "");
    try (RocksIterator it = database.db().newIterator()) {
      for (it.seek(prefix); it.isValid() && RocksDatabase.startsWith(it.key(), prefix); it.next()) {
        values.add(it.value());
      }
    }
    return values;
  }

  @Override
  public boolean delete(String space, String id) {
    byte[] key = RocksKeys.record(space, id);
    synchronized (this) {
      if (database.get(key) == null) {
        return false;
      }
      try (WriteBatch batch = new WriteBatch()) {
        batch.delete(key);
        database.awaitSynced(database.write(batch));
      } catch (RocksDBException e) {
        throw new RocksStoreException("record delete failed", e);
      }
      return true;
    }
  }

  @Override
  public int count(String space) {
    int count = 0;
    byte[] prefix = RocksKeys.record(space, "");
    try (RocksIterator it = database.db().newIterator()) {
      for (it.seek(prefix); it.isValid() && RocksDatabase.startsWith(it.key(), prefix); it.next()) {
        count++;
      }
    }
    return count;
  }
}
