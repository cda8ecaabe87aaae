package dev.wasmmemory.api;

/** An {@code If-Match} that names no current entity tag of the memory (412). */
final class PreconditionFailedException extends RuntimeException {
  private final String memoryId;

  PreconditionFailedException(String memoryId, String ifMatch, String currentTag) {
    super("If-Match " + ifMatch + " does not match the memory's current entity tag " + currentTag);
    this.memoryId = memoryId;
  }

  String memoryId() {
    return memoryId;
  }
}
