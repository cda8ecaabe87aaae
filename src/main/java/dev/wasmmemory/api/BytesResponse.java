package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** A region's bytes in the JSON representation (standard base64). */
@Schema(example = "{\"offset\":0,\"length\":4,\"data\":\"3q2+7w==\"}")
record BytesResponse(
    @Schema(description = "First byte of the region", requiredMode = Schema.RequiredMode.REQUIRED)
        long offset,
    @Schema(description = "Bytes in the region", requiredMode = Schema.RequiredMode.REQUIRED)
        long length,
    @Schema(
            description = "The bytes, standard base64 (RFC 4648 §4)",
            format = "byte",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String data) {}
