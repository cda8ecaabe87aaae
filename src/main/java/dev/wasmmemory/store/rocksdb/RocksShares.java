package dev.wasmmemory.store.rocksdb;

import dev.wasmmemory.store.ShareKeys;
import dev.wasmmemory.store.ShareRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Share links and their signing key in the RocksDB store, under keys of their own ({@code 0x03} the
 * key, {@code 0x40 share(16)} a link), written like every acknowledged change (synced under {@code
 * memory.durability=fsync}). Lapsed links are deleted when looked up and at start.
 */
final class RocksShares {
  static final byte[] SIGNING_KEY = {0x03};
  static final byte SHARE = 0x40;
  private static final int VERSION = 1;

  private final RocksDatabase database;
  private final Clock clock;
  private final byte[] signingKey;

  RocksShares(RocksDatabase database, Clock clock) {
    this.database = database;
    this.clock = clock;
    this.signingKey = loadKey();
    deleteLapsed();
  }

  /** The store's key: made and stored at the first start, read at every later one. */
  private byte[] loadKey() {
    byte[] key = database.get(SIGNING_KEY);
    if (key != null) {
      return key;
    }
    byte[] made = ShareKeys.random();
    write(batch -> batch.put(SIGNING_KEY, made));
    return made;
  }

  byte[] signingKey() {
    return signingKey.clone();
  }

  void save(ShareRecord share) {
    write(batch -> batch.put(key(share.id()), encode(share)));
  }

  Optional<ShareRecord> find(String shareId) {
    byte[] key = key(shareId);
    if (key == null) {
      return Optional.empty();
    }
    byte[] value = database.get(key);
    if (value == null) {
      return Optional.empty();
    }
    ShareRecord share = decode(shareId, value);
    if (share.expiredAt(clock.instant())) {
      write(batch -> batch.delete(key));
      return Optional.empty();
    }
    return Optional.of(share);
  }

  boolean delete(String shareId) {
    byte[] key = key(shareId);
    if (key == null || database.get(key) == null) {
      return false;
    }
    write(batch -> batch.delete(key));
    return true;
  }

  private void deleteLapsed() {
    Instant now = clock.instant();
    try (WriteBatch batch = new WriteBatch();
        RocksIterator it = database.db().newIterator()) {
      for (it.seek(new byte[] {SHARE}); it.isValid() && it.key()[0] == SHARE; it.next()) {
        if (decode("", it.value()).expiredAt(now)) {
          batch.delete(it.key());
        }
      }
      if (batch.count() > 0) {
        database.write(batch);
      }
    } catch (RocksDBException e) {
      throw new RocksStoreException("deleting lapsed share links failed", e);
    }
  }

  private interface Change {
    void apply(WriteBatch batch) throws RocksDBException;
  }

  private void write(Change change) {
    try (WriteBatch batch = new WriteBatch()) {
      change.apply(batch);
      database.awaitSynced(database.write(batch));
    } catch (RocksDBException e) {
      throw new RocksStoreException("writing a share link failed", e);
    }
  }

  /** The key of a share id, or null for an id this store never hands out. */
  private static byte[] key(String shareId) {
    return RocksKeys.memoryKey(shareId)
        .map(id -> ByteBuffer.allocate(17).put(SHARE).put(id).array())
        .orElse(null);
  }

  private static byte[] encode(ShareRecord share) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      UUID memory = UUID.fromString(share.memoryId());
      out.writeLong(memory.getMostSignificantBits());
      out.writeLong(memory.getLeastSignificantBits());
      out.writeLong(share.expiresAt().toEpochMilli());
      byte[] owner = share.owner() == null ? new byte[0] : share.owner().getBytes(UTF8);
      out.writeInt(owner.length);
      out.write(owner);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static ShareRecord decode(String id, byte[] value) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
      if (in.readByte() != VERSION) {
        throw new IllegalArgumentException("a share link of another version");
      }
      String memory = new UUID(in.readLong(), in.readLong()).toString();
      Instant expires = Instant.ofEpochMilli(in.readLong());
      byte[] owner = in.readNBytes(in.readInt());
      return new ShareRecord(
          id, memory, owner.length == 0 ? null : new String(owner, UTF8), expires);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;
}
