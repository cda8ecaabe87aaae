package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Every memory the service holds, oldest first. */
record MemoryList(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<MemoryInfo> memories) {}
