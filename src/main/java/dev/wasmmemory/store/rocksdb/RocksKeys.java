package dev.wasmmemory.store.rocksdb;

import dev.wasmmemory.memory.Pages;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;

/**
 * The key layout of the RocksDB store: one keyspace, prefixes instead of column families (a column
 * family per memory costs 18 ms to create), numbers big-endian so that keys sort as their numbers.
 *
 * <pre>
 * 0x01                          format record: the layout's version
 * 0x02                          next block id (high-water mark, allocated in ranges)
 * 0x10 memory(16)               a memory's metadata ({@link RocksMeta})
 * 0x11 memory(16) page(4)       the block holding that page (8 bytes); no key = a page of zeros
 * 0x12 memory(16)               when the memory was last used (epoch millis), written lazily
 * 0x20 block(8) chunk(1)        4 KiB of a block; no key = 4 KiB of zeros
 * 0x30 block(8)                 a block staged by a streamed write, not yet installed (memory id)
 * 0x40 space 0x00 id            a record kept beside the memories (UTF-8 names; {@link RocksRecordStore})
 * 0x50 snapshot id (UTF-8)      a snapshot: its memory, version, size and blocks ({@link RocksSnapshots})
 * </pre>
 *
 * Pages are kept in blocks, not under their page number, so that a streamed write of any size is
 * written aside and installed by one small batch that points the pages at new blocks.
 */
final class RocksKeys {
  static final byte[] FORMAT = {0x01};
  static final byte[] NEXT_BLOCK = {0x02};
  static final byte META = 0x10;
  static final byte PAGE = 0x11;
  static final byte USED = 0x12;
  static final byte CHUNK = 0x20;
  static final byte STAGED = 0x30;
  static final byte RECORD = 0x40;
  static final byte SNAPSHOT = 0x50;

  private RocksKeys() {}

  /** The 16 bytes of a memory id, or empty when the id is not one this store hands out. */
  static Optional<byte[]> memoryKey(String id) {
    try {
      UUID uuid = UUID.fromString(id);
      if (!uuid.toString().equals(id)) {
        return Optional.empty();
      }
      return Optional.of(
          ByteBuffer.allocate(16)
              .putLong(uuid.getMostSignificantBits())
              .putLong(uuid.getLeastSignificantBits())
              .array());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static String memoryId(byte[] key, int offset) {
    ByteBuffer buffer = ByteBuffer.wrap(key, offset, 16);
    return new UUID(buffer.getLong(), buffer.getLong()).toString();
  }

  static byte[] meta(byte[] memory) {
    return ByteBuffer.allocate(17).put(META).put(memory).array();
  }

  static byte[] used(byte[] memory) {
    return ByteBuffer.allocate(17).put(USED).put(memory).array();
  }

  static byte[] page(byte[] memory, int page) {
    return ByteBuffer.allocate(21).put(PAGE).put(memory).putInt(page).array();
  }

  /** The first key past every page key of {@code memory}. */
  static byte[] pagesEnd(byte[] memory) {
    return page(memory, Pages.MAX_PAGES);
  }

  static byte[] chunk(long block, int chunk) {
    return ByteBuffer.allocate(10).put(CHUNK).putLong(block).put((byte) chunk).array();
  }

  static byte[] staged(long block) {
    return ByteBuffer.allocate(9).put(STAGED).putLong(block).array();
  }

  /** The key of record {@code id} in {@code space}; with id "" the prefix of the whole space. */
  static byte[] record(String space, String id) {
    byte[] s = space.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] i = id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return ByteBuffer.allocate(2 + s.length + i.length)
        .put(RECORD)
        .put(s)
        .put((byte) 0)
        .put(i)
        .array();
  }

  static byte[] snapshot(String id) {
    byte[] bytes = id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + bytes.length).put(SNAPSHOT).put(bytes).array();
  }

  static byte[] prefix(byte kind) {
    return new byte[] {kind};
  }

  static byte[] prefixEnd(byte kind) {
    return new byte[] {(byte) (kind + 1)};
  }

  static long readLong(byte[] bytes, int offset) {
    return ByteBuffer.wrap(bytes, offset, 8).getLong();
  }

  static int readInt(byte[] bytes, int offset) {
    return ByteBuffer.wrap(bytes, offset, 4).getInt();
  }

  static byte[] longValue(long value) {
    return ByteBuffer.allocate(8).putLong(value).array();
  }
}
