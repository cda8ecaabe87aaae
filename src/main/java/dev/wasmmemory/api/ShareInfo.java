package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A share link as made: {@code token} goes in {@code Authorization: Bearer} or {@code ?share=};
 * {@code url} reads the memory's bytes with it.
 */
record ShareInfo(
    @Schema(description = "The link's id, to revoke it with DELETE") String id,
    String memoryId,
    @Schema(allowableValues = "read") String access,
    Instant expiresAt,
    @Schema(description = "The capability: a signed token, good until expiresAt or revocation")
        String token,
    @Schema(description = "The memory's bytes, read with the token") String url) {}
