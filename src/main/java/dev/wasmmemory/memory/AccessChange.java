package dev.wasmmemory.memory;

/**
 * What an action under {@link LinearMemory#exclusive} changed in one memory, for those who watch it
 * (a batch's or a WebAssembly call's one event): the version it leaves and the smallest region
 * covering every byte stored (a typed store through the cursor counts its 4 KiB chunk), or an empty
 * region when it only grew.
 *
 * @param memoryId the memory changed
 * @param version the version the action leaves it at
 * @param offset the region's first byte (0 when empty)
 * @param length the region's length, 0 when nothing was stored
 * @param previousPages the size before the action, in pages
 * @param currentPages the size after it
 */
public record AccessChange(
    String memoryId, long version, long offset, long length, int previousPages, int currentPages) {

  /** Whether the action grew the memory. */
  public boolean grew() {
    return currentPages > previousPages;
  }
}
