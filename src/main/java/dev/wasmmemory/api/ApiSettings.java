package dev.wasmmemory.api;

/**
 * The limits the HTTP layer enforces, taken from the service's configuration.
 *
 * @param maxBodySize largest raw request body, in bytes
 * @param maxJsonBodySize largest request body of any other media type, in bytes
 * @param maxEncodedRegion largest region served or taken as JSON (base64) or hex dump, in bytes
 * @param listEnabled whether {@code GET /memories} lists the memories
 * @param maxBatchOperations most operations in one batch
 */
public record ApiSettings(
    long maxBodySize,
    long maxJsonBodySize,
    long maxEncodedRegion,
    boolean listEnabled,
    int maxBatchOperations) {}
