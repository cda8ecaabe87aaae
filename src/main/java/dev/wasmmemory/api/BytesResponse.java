package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** A region's bytes in the JSON representation (standard base64). */
@Schema(example = "{\"offset\":0,\"length\":4,\"data\":\"3q2+7w==\"}")
record BytesResponse(
    long offset, long length, @Schema(description = "Standard base64") String data) {}
