package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** The size before and after a grow, in pages. */
@Schema(example = "{\"previousPages\":1,\"currentPages\":3}")
record GrowResponse(
    @Schema(
            description = "The size before the grow, in pages",
            requiredMode = Schema.RequiredMode.REQUIRED)
        int previousPages,
    @Schema(
            description = "The size after it, in pages",
            requiredMode = Schema.RequiredMode.REQUIRED)
        int currentPages) {}
