package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** {@code GET /modules}: every module, oldest first. */
record ModuleList(
    @Schema(description = "Oldest first", requiredMode = Schema.RequiredMode.REQUIRED)
        List<ModuleInfo> modules) {}
