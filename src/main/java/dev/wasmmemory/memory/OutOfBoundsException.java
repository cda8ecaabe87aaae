package dev.wasmmemory.memory;

/** An access to a region that is not within {@code [0, sizeBytes)}. */
public final class OutOfBoundsException extends MemoryException {
  private final String field;
  private final long offset;
  private final long length;
  private final long sizeBytes;

  /**
   * @param field the request's name for the region's start ({@code offset}, {@code sourceOffset},
   *     {@code destinationOffset} …)
   */
  public OutOfBoundsException(
      String memoryId, String field, long offset, long length, long sizeBytes) {
    super(
        memoryId,
        "out of bounds memory access: region ["
            + Long.toUnsignedString(offset)
            + ", +"
            + Long.toUnsignedString(length)
            + ") is not within a memory of "
            + sizeBytes
            + " bytes");
    this.field = field;
    this.offset = offset;
    this.length = length;
    this.sizeBytes = sizeBytes;
  }

  /** Which offset of the operation the region starts at. */
  public String field() {
    return field;
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
