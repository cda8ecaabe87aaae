package dev.wasmmemory.api;

import dev.wasmmemory.api.problem.ApiException;
import dev.wasmmemory.api.problem.ProblemType;

/** {@code GET /memories} is switched off in this deployment ({@code memory.list-enabled}). */
final class ListingDisabledException extends ApiException {
  ListingDisabledException() {
    super(ProblemType.NOT_FOUND, "listing memories is disabled in this deployment");
  }
}
