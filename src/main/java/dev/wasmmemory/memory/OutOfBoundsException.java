package dev.wasmmemory.memory;

/** An access to a region that is not within {@code [0, sizeBytes)}. */
public final class OutOfBoundsException extends MemoryException {
  private final long offset;
  private final long length;
  private final long sizeBytes;

  public OutOfBoundsException(long offset, long length, long sizeBytes) {
    super(
        "out of bounds memory access: region ["
            + Long.toUnsignedString(offset)
            + ", +"
            + Long.toUnsignedString(length)
            + ") is not within a memory of "
            + sizeBytes
            + " bytes");
    this.offset = offset;
    this.length = length;
    this.sizeBytes = sizeBytes;
  }

  public long offset() {
    return offset;
  }

  public long length() {
    return length;
  }

  public long sizeBytes() {
    return sizeBytes;
  }
}
