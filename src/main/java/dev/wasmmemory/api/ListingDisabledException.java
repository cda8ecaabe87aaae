package dev.wasmmemory.api;

/** {@code GET /memories} is switched off in this deployment ({@code memory.list-enabled}). */
final class ListingDisabledException extends RuntimeException {
  ListingDisabledException() {
    super("listing memories is disabled in this deployment");
  }
}
