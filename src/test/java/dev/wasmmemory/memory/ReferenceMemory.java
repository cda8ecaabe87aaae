package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;

import java.io.EOFException;
import java.util.Arrays;

/**
 * The memory model at its most obvious: one {@code byte[]} holding every byte, bounds computed with
 * a plain sum in {@code long} (operands stay far below 2^62 here). It throws the engine's exception
 * classes, so results and errors can be compared one to one. Only for small memories.
 */
final class ReferenceMemory {
  private final int maximumPages;
  private byte[] bytes;

  ReferenceMemory(int initialPages, Long maximumPages) {
    this.maximumPages = maximumPages == null ? Pages.MAX_PAGES : maximumPages.intValue();
    this.bytes = new byte[initialPages * PAGE_SIZE];
  }

  long sizeBytes() {
    return bytes.length;
  }

  byte[] bytes() {
    return bytes.clone();
  }

  private void check(long offset, long length) {
    if (offset < 0 || length < 0 || offset + length > bytes.length) {
      throw new OutOfBoundsException(null, "offset", offset, length, bytes.length);
    }
  }

  int grow(long pages) {
    if (pages < 0) {
      throw new IllegalArgumentException("negative");
    }
    int current = bytes.length / PAGE_SIZE;
    if (current + pages > maximumPages) {
      throw new GrowLimitExceededException(null, current, pages, maximumPages);
    }
    bytes = Arrays.copyOf(bytes, (int) ((current + pages) * PAGE_SIZE));
    return current;
  }

  byte[] get(long offset, long length) {
    check(offset, length);
    return Arrays.copyOfRange(bytes, (int) offset, (int) (offset + length));
  }

  void set(long offset, byte[] data) {
    check(offset, data.length);
    System.arraycopy(data, 0, bytes, (int) offset, data.length);
  }

  long getBits(ValueType type, long offset) {
    check(offset, type.width());
    long bits = 0;
    for (int i = 0; i < type.width(); i++) {
      bits |= (bytes[(int) offset + i] & 0xFFL) << (8 * i);
    }
    return bits;
  }

  void setBits(ValueType type, long offset, long bits) {
    check(offset, type.width());
    for (int i = 0; i < type.width(); i++) {
      bytes[(int) offset + i] = (byte) (bits >>> (8 * i));
    }
  }

  void copy(long source, long destination, long length) {
    check(source, length);
    check(destination, length);
    System.arraycopy(bytes, (int) source, bytes, (int) destination, (int) length);
  }

  void copyNonOverlapping(long source, long destination, long length) {
    check(source, length);
    check(destination, length);
    if (length > 0 && Math.abs(source - destination) < length) {
      throw new RegionsOverlapException(null, source, destination, length);
    }
    System.arraycopy(bytes, (int) source, bytes, (int) destination, (int) length);
  }

  static void transfer(
      ReferenceMemory source,
      long sourceOffset,
      ReferenceMemory destination,
      long destinationOffset,
      long length) {
    source.check(sourceOffset, length);
    destination.check(destinationOffset, length);
    System.arraycopy(
        source.bytes, (int) sourceOffset, destination.bytes, (int) destinationOffset, (int) length);
  }

  void clear(long offset, byte value, long length) {
    check(offset, length);
    Arrays.fill(bytes, (int) offset, (int) (offset + length), value);
  }

  void erase() {
    Arrays.fill(bytes, (byte) 0);
  }

  /** {@code writeFrom} of a stream holding {@code content}; {@code length} -1 is unknown. */
  long writeFrom(long offset, long length, byte[] content) throws EOFException {
    check(offset, Math.max(length, 0));
    if (length >= 0) {
      if (content.length < length) {
        throw new EOFException();
      }
      System.arraycopy(content, 0, bytes, (int) offset, (int) length);
      return length;
    }
    long room = bytes.length - offset;
    if (content.length > room) {
      throw new OutOfBoundsException(null, "offset", offset, room + 1, bytes.length);
    }
    System.arraycopy(content, 0, bytes, (int) offset, content.length);
    return content.length;
  }
}
