package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.Instant;

/**
 * A share link as made: {@code token} goes in {@code Authorization: Bearer} or {@code ?share=};
 * {@code url} reads the memory's bytes with it.
 */
record ShareInfo(
    @Schema(
            description = "The link's id, to revoke it with DELETE",
            requiredMode = RequiredMode.REQUIRED)
        String id,
    @Schema(description = "The memory the link reads", requiredMode = RequiredMode.REQUIRED)
        String memoryId,
    @Schema(allowableValues = "read", requiredMode = RequiredMode.REQUIRED) String access,
    @Schema(
            description = "When the link lapses (whole seconds)",
            requiredMode = RequiredMode.REQUIRED)
        Instant expiresAt,
    @Schema(
            description = "The capability: a signed token, good until expiresAt or revocation",
            requiredMode = RequiredMode.REQUIRED)
        String token,
    @Schema(
            description = "The memory's bytes, read with the token",
            requiredMode = RequiredMode.REQUIRED)
        String url) {}
