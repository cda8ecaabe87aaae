package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code POST /memories/{id}/grow}: how many pages to add (0 is allowed). */
@Schema(example = "{\"pages\":2}", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record GrowRequest(@Schema(example = "2") @NotNull @Min(0) @Max(65536) Long pages) {}
