package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A page of search matches and where the next one starts. */
@Schema(example = "{\"matches\":[16,4096],\"next\":4100}")
record SearchResponse(
    @Schema(
            description = "Offsets of the matches, ascending; matches do not overlap",
            requiredMode = Schema.RequiredMode.REQUIRED)
        List<Long> matches,
    @Schema(
            description =
                "The from of the next page (the end of the last match), or null when the region"
                    + " can hold no further match",
            requiredMode = Schema.RequiredMode.REQUIRED,
            nullable = true)
        Long next) {}
