package dev.wasmmemory.memory;

/** A non-overlapping copy was asked for two regions that share bytes. */
public final class RegionsOverlapException extends MemoryException {
  private final long sourceOffset;
  private final long destinationOffset;
  private final long length;

  public RegionsOverlapException(
      String memoryId, long sourceOffset, long destinationOffset, long length) {
    super(
        memoryId,
        "regions overlap: source at "
            + sourceOffset
            + " and destination at "
            + destinationOffset
            + " share bytes within "
            + length
            + " bytes");
    this.sourceOffset = sourceOffset;
    this.destinationOffset = destinationOffset;
    this.length = length;
  }

  public long sourceOffset() {
    return sourceOffset;
  }

  public long destinationOffset() {
    return destinationOffset;
  }

  public long length() {
    return length;
  }
}
