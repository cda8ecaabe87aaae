package dev.wasmmemory.api;

import dev.wasmmemory.api.problem.ApiException;
import dev.wasmmemory.api.problem.ProblemType;

/** A listing is switched off in this deployment ({@code memory.list-enabled}). */
final class ListingDisabledException extends ApiException {
  ListingDisabledException() {
    this("memories");
  }

  /**
   * @param what what would have been listed: memories, modules
   */
  ListingDisabledException(String what) {
    super(ProblemType.NOT_FOUND, "listing " + what + " is disabled in this deployment");
  }
}
