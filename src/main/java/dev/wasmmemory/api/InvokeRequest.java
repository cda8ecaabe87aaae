package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** {@code POST /instances/{id}/invoke}: an exported function and its arguments. */
@Schema(example = "{\"function\":\"store\",\"args\":[100,42]}")
record InvokeRequest(
    @NotNull @Schema(description = "The exported function") String function,
    @Schema(description = "Typed values: numbers, strings (i64, NaN…), or {\"bits\":\"…\"}")
        List<WasmArgument> args) {}
