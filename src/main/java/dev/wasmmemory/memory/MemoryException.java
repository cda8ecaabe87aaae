package dev.wasmmemory.memory;

/**
 * Root of every failure of the engine. A call that throws one has changed no byte. It names the
 * memory it is about, when there is one, so that no caller has to work that out again.
 */
public class MemoryException extends RuntimeException {
  private final String memoryId;

  MemoryException(String memoryId, String message) {
    super(message);
    this.memoryId = memoryId;
  }

  /** The id of the memory the failure is about; null when it is about none (limits, values). */
  public String memoryId() {
    return memoryId;
  }
}
