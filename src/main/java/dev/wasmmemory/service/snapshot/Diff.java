package dev.wasmmemory.service.snapshot;

import java.util.List;

/**
 * The bytes that differ between two instants of one memory: maximal ranges, ascending; bytes past
 * the smaller size count as zeros there. {@code to} is null for the memory now.
 */
public record Diff(
    String from,
    String to,
    long fromSizeBytes,
    long toSizeBytes,
    List<Range> ranges,
    long changedBytes,
    boolean truncated) {

  /** {@code length} bytes from {@code offset}. */
  public record Range(long offset, long length) {}
}
