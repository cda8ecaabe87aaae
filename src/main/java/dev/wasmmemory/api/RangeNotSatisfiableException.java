package dev.wasmmemory.api;

/** A {@code Range} header that selects no byte of the representation (416). */
final class RangeNotSatisfiableException extends RuntimeException {
  private final long representationLength;

  RangeNotSatisfiableException(long representationLength, String message) {
    super(message);
    this.representationLength = representationLength;
  }

  long representationLength() {
    return representationLength;
  }
}
