package dev.wasmmemory.service.batch;

import dev.wasmmemory.memory.AccessChange;
import dev.wasmmemory.memory.ValueType;
import java.util.List;

/**
 * What a batch answered: one result per operation (null for those that answer nothing) and the
 * version the memory was left at (one step for the whole batch, none when it only read), with the
 * change its watchers are told of (null when it only read).
 */
public record BatchResult(List<Object> results, long version, AccessChange change) {
  /** What {@code getValue} answers. */
  public record Value(ValueType type, long bits) {}

  /** What {@code get} answers. */
  public record Bytes(byte[] data) {}

  /** What {@code grow} answers. */
  public record Grown(int previousPages) {}
}
