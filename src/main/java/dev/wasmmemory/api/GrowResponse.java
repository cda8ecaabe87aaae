package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** The size before and after a grow, in pages. */
@Schema(example = "{\"previousPages\":1,\"currentPages\":3}")
record GrowResponse(int previousPages, int currentPages) {}
