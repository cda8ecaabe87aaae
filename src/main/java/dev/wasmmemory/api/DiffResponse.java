package dev.wasmmemory.api;

import dev.wasmmemory.service.snapshot.Diff;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/**
 * The bytes that differ between two instants of a memory: maximal ranges, ascending. Growth shows
 * only where the new bytes are not zero.
 */
record DiffResponse(
    @Schema(description = "The snapshot compared from", requiredMode = RequiredMode.REQUIRED)
        String from,
    @Schema(description = "The snapshot compared to; null for the memory now") String to,
    @Schema(requiredMode = RequiredMode.REQUIRED) Sizes sizeBytes,
    @Schema(requiredMode = RequiredMode.REQUIRED) List<Diff.Range> ranges,
    @Schema(
            description = "Bytes that differ, over all ranges",
            requiredMode = RequiredMode.REQUIRED)
        long changedBytes,
    @Schema(
            description =
                "True when there were more ranges than memory.max-diff-ranges: those listed are"
                    + " the first; changedBytes counts them all",
            requiredMode = RequiredMode.REQUIRED)
        boolean truncated) {

  /** The two sizes compared. */
  record Sizes(
      @Schema(requiredMode = RequiredMode.REQUIRED) long from,
      @Schema(requiredMode = RequiredMode.REQUIRED) long to) {}

  static DiffResponse of(Diff diff) {
    return new DiffResponse(
        diff.from(),
        diff.to(),
        new Sizes(diff.fromSizeBytes(), diff.toSizeBytes()),
        diff.ranges(),
        diff.changedBytes(),
        diff.truncated());
  }
}
