package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** {@code POST /memories/{id}/shares}: what the link allows and how long it lives. */
@Schema(
    example = "{\"access\":\"read\",\"expiresIn\":\"PT1H\"}",
    additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record ShareRequest(
    @Schema(allowableValues = "read", description = "read: the link reads the memory, nothing more")
        @NotNull
        String access,
    @Schema(
            example = "PT1H",
            description = "ISO-8601 duration, 1 second to 30 days (P30D)",
            format = "duration")
        @NotNull
        String expiresIn) {}
