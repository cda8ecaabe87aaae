package dev.wasmmemory.store.rocksdb;

import dev.wasmmemory.memory.MemoryLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A memory's metadata as the RocksDB store keeps it, rewritten with every commit so that size,
 * version and stored pages are those of the last acknowledged mutation. {@code lastUsed} is kept
 * under a key of its own, written lazily (a read must not cost a write), and only carried here.
 * Encoded with a leading version byte; a record of another version is refused, never guessed at.
 */
record RocksMeta(
    MemoryLimits limits,
    int pages,
    long version,
    int materializedPages,
    Instant createdAt,
    Instant lastUsed,
    String owner) {
  private static final int VERSION = 1;

  RocksMeta with(int pages, long version, int materializedPages) {
    return new RocksMeta(limits, pages, version, materializedPages, createdAt, lastUsed, owner);
  }

  RocksMeta usedAt(Instant when) {
    return new RocksMeta(limits, pages, version, materializedPages, createdAt, when, owner);
  }

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeInt(limits.initialPages());
      out.writeInt(limits.hasMaximum() ? limits.maximumPages() : -1);
      out.writeInt(pages);
      out.writeLong(version);
      out.writeInt(materializedPages);
      out.writeLong(createdAt.toEpochMilli());
      out.writeLong(lastUsed.toEpochMilli());
      out.writeUTF(owner == null ? "" : owner);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The record, or an {@link IllegalArgumentException} saying why it cannot be read. */
  static RocksMeta decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("metadata record of version " + version);
      }
      int initial = in.readInt();
      int maximum = in.readInt();
      MemoryLimits limits = MemoryLimits.of(initial, maximum < 0 ? null : (long) maximum);
      int pages = in.readInt();
      long memoryVersion = in.readLong();
      int materialized = in.readInt();
      Instant created = Instant.ofEpochMilli(in.readLong());
      Instant used = Instant.ofEpochMilli(in.readLong());
      String owner = in.readUTF();
      return new RocksMeta(
          limits,
          pages,
          memoryVersion,
          materialized,
          created,
          used,
          owner.isEmpty() ? null : owner);
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated metadata record", e);
    }
  }
}
