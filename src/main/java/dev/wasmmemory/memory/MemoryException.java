package dev.wasmmemory.memory;

/** Root of every failure of the engine. A call that throws one has changed no byte. */
public class MemoryException extends RuntimeException {
  MemoryException(String message) {
    super(message);
  }
}
