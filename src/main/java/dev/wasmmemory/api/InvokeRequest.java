package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** {@code POST /instances/{id}/invoke}: an exported function and its arguments. */
@Schema(
    example = "{\"function\":\"store\",\"args\":[100,42]}",
    additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record InvokeRequest(
    @NotNull
        @Schema(description = "The exported function", requiredMode = Schema.RequiredMode.REQUIRED)
        String function,
    @Schema(description = "One typed value per parameter; none when absent")
        List<WasmArgument> args) {}
