package dev.wasmmemory.store.redis;

import dev.wasmmemory.memory.MemoryClosedException;
import dev.wasmmemory.memory.OutOfBoundsException;
import dev.wasmmemory.memory.StorageException;
import dev.wasmmemory.memory.VersionMismatchException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A function's reply: an array whose first element is a status ({@code wasmmemory.lua} lists them),
 * then the status's values.
 */
record Reply(List<Object> values) {
  static final int OK = 0;
  static final int CLOSED = 1;
  static final int VERSION = 2;
  static final int BOUNDS = 3;
  static final int NEED = 4;
  static final int LOCKED = 5;
  static final int GROW = 6;
  static final int OVERLAP = 7;
  static final int STAGING = 8;
  static final int VIEW = 9;
  static final int EXISTS = 10;
  static final int LEASE_LOST = 11;
  static final int QUOTA = 12;
  static final int RATE = 13;

  int status() {
    return (int) number(0);
  }

  boolean ok() {
    return status() == OK;
  }

  long number(int index) {
    return (Long) values.get(index);
  }

  /**
   * The bytes at {@code index}; a nil element is null (Lua drops trailing nils: so is one past the
   * end).
   */
  byte[] bytes(int index) {
    return index < values.size() ? (byte[]) values.get(index) : null;
  }

  String text(int index) {
    return new String(bytes(index), StandardCharsets.UTF_8);
  }

  int size() {
    return values.size();
  }

  /** The version a successful mutation left the memory at. */
  long version() {
    return number(1);
  }

  /** Pages the mutation materialised (at most what it was granted). */
  long added() {
    return number(2);
  }

  /** Pages the mutation dropped. */
  long freed() {
    return number(3);
  }

  /**
   * The exception for a refusal every memory function may answer: the memory is gone, is at another
   * version, or a region is out of bounds ({@code offset} and {@code length} are the caller's, the
   * field and the size the function's).
   */
  RuntimeException failure(String memoryId, long expected, long offset, long length) {
    return switch (status()) {
      case CLOSED -> new MemoryClosedException(memoryId);
      case VERSION -> new VersionMismatchException(memoryId, expected, number(1));
      case BOUNDS -> new OutOfBoundsException(memoryId, text(1), offset, length, number(2));
      case STAGING ->
          new StorageException(
              memoryId, "staged pages expired before the commit: nothing written", null);
      default -> new IllegalStateException("unexpected reply " + values + " for " + memoryId);
    };
  }
}
