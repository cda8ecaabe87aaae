package dev.wasmmemory.service.search;

import java.util.List;

/**
 * The matches found, ascending, and where to go on ({@code from} of the next page), or null when no
 * match can follow; with the version of the bytes searched, all of one instant.
 */
public record SearchResult(List<Long> matches, Long next, long version) {}
