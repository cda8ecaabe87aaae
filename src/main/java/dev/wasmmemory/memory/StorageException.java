package dev.wasmmemory.memory;

/**
 * The store under a memory failed (a disk error, a lost connection): the operation did not happen,
 * and what the store held before it is intact.
 */
public final class StorageException extends MemoryException {
  public StorageException(String memoryId, String message, Throwable cause) {
    super(memoryId, message);
    initCause(cause);
  }
}
