package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** {@code PUT …/bytes} as JSON: the bytes to write, standard base64. */
@Schema(
    example = "{\"data\":\"3q2+7w==\"}",
    additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record BytesWriteRequest(
    @Schema(
            description = "The bytes, standard base64 (RFC 4648 §4)",
            format = "byte",
            pattern = Base64Text.PATTERN,
            example = "3q2+7w==")
        @NotNull
        String data) {}
