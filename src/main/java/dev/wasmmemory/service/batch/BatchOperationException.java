package dev.wasmmemory.service.batch;

import dev.wasmmemory.memory.MemoryException;

/**
 * Operation {@link #index()} of a batch fails: nothing of the batch was applied. The cause is the
 * engine's own failure (out of bounds, limits, budget, overlap), which says why.
 */
public final class BatchOperationException extends RuntimeException {
  private final int index;

  public BatchOperationException(int index, MemoryException cause) {
    super("operation " + index + " of the batch: " + cause.getMessage(), cause);
    this.index = index;
  }

  public int index() {
    return index;
  }

  @Override
  public synchronized MemoryException getCause() {
    return (MemoryException) super.getCause();
  }
}
