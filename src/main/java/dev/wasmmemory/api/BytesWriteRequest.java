package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** {@code PUT …/bytes} as JSON: the bytes to write, standard base64. */
@Schema(example = "{\"data\":\"3q2+7w==\"}")
record BytesWriteRequest(
    @Schema(description = "Standard base64", example = "3q2+7w==") @NotNull String data) {}
