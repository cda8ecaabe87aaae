package dev.wasmmemory.service;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.RegionView;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The bytes of a region and the version they belong to, read at one instant: a small region is
 * copied, a large one (or one that runs to the end of the memory) is a consistent {@link
 * RegionView} that streams without holding the memory's lock. Close it when done.
 */
public final class BytesRegion implements AutoCloseable {
  /** Regions up to this size are copied at once; larger ones are read through a view. */
  static final int COPY_LIMIT = 1 << 20;

  private static final int CHUNK = 64 * 1024;

  private final long offset;
  private final long length;
  private final long version;
  private final byte[] copy;
  private final RegionView view;

  private BytesRegion(long offset, long length, long version, byte[] copy, RegionView view) {
    this.offset = offset;
    this.length = length;
    this.version = version;
    this.copy = copy;
    this.view = view;
  }

  /** {@code [offset, offset + length)}, or to the end of the memory when {@code length} is null. */
  static BytesRegion read(LinearMemory memory, long offset, Long length) {
    if (length != null && length <= COPY_LIMIT) {
      LinearMemory.Versioned<byte[]> read = memory.read(offset, length);
      return new BytesRegion(offset, length, read.version(), read.value(), null);
    }
    RegionView view = memory.view(offset, length == null ? LinearMemory.TO_END : length);
    return new BytesRegion(offset, view.length(), view.version(), null, view);
  }

  /** The bytes of a view that needs no lock (a snapshot's): streamed from it. */
  public static BytesRegion of(RegionView view) {
    return new BytesRegion(view.offset(), view.length(), view.version(), null, view);
  }

  public long offset() {
    return offset;
  }

  public long length() {
    return length;
  }

  /** The memory's version the bytes belong to: the base of their entity tag. */
  public long version() {
    return version;
  }

  /** The whole region in one array; for regions that fit one (the encoded representations). */
  public byte[] bytes() throws IOException {
    if (copy != null) {
      return copy;
    }
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("region too large for one array: " + length);
    }
    ByteArrayOut out = new ByteArrayOut((int) length);
    view.transferTo(out);
    return out.bytes();
  }

  /** Writes {@code count} bytes from {@code from} (relative to the region) to {@code out}. */
  public void writeTo(OutputStream out, long from, long count) throws IOException {
    Objects.checkFromIndexSize(from, count, length);
    if (copy != null) {
      out.write(copy, (int) from, (int) count);
    } else if (from == 0 && count == length) {
      view.transferTo(out);
    } else {
      writeSlice(out, from, count);
    }
  }

  /** A part of the view: its chunks are read-only, so what is sent is copied through a buffer. */
  private void writeSlice(OutputStream out, long from, long count) throws IOException {
    byte[] buffer = new byte[CHUNK];
    long[] skip = {from};
    long[] left = {count};
    view.forEachChunk(
        chunk -> {
          if (skip[0] >= chunk.remaining()) {
            skip[0] -= chunk.remaining();
            return;
          }
          chunk.position((int) skip[0]);
          skip[0] = 0;
          while (left[0] > 0 && chunk.hasRemaining()) {
            int n = (int) Math.min(Math.min(buffer.length, chunk.remaining()), left[0]);
            chunk.get(buffer, 0, n);
            out.write(buffer, 0, n);
            left[0] -= n;
          }
        });
  }

  @Override
  public void close() {
    if (view != null) {
      view.close();
    }
  }

  /** A {@link java.io.ByteArrayOutputStream} of a known size that hands its array over. */
  private static final class ByteArrayOut extends OutputStream {
    private final byte[] bytes;
    private int size;

    ByteArrayOut(int capacity) {
      bytes = new byte[capacity];
    }

    @Override
    public void write(int b) {
      bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int from, int n) {
      System.arraycopy(source, from, bytes, size, n);
      size += n;
    }

    byte[] bytes() {
      return bytes;
    }
  }
}
