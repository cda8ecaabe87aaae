package dev.wasmmemory.api;

import dev.wasmmemory.memory.MemoryInstance;
import dev.wasmmemory.service.StoredMemory;
import java.util.List;
import org.springframework.http.ETag;

/**
 * A memory's entity tag (its version, changed by every mutation) and the conditional requests on
 * it: {@code If-None-Match} on reads, {@code If-Match} on mutations.
 */
final class EntityTags {
  private EntityTags() {}

  static ETag of(long version) {
    return new ETag(Long.toString(version), false);
  }

  static String header(long version) {
    return of(version).formattedTag();
  }

  /** True when {@code If-None-Match} names {@code version} (weak comparison) or is {@code *}. */
  static boolean notModified(String ifNoneMatch, long version) {
    if (ifNoneMatch == null) {
      return false;
    }
    ETag current = of(version);
    return ETag.parse(ifNoneMatch).stream()
        .anyMatch(tag -> tag.isWildcard() || tag.compare(current, false));
  }

  /**
   * The memory to mutate under {@code If-Match}: when the header names its current tag (strong
   * comparison), a view that applies the mutation only if no other write came in between.
   */
  static MemoryInstance forMutation(StoredMemory stored, String ifMatch) {
    MemoryInstance memory = stored.memory();
    if (ifMatch == null) {
      return memory;
    }
    long version = memory.version();
    ETag current = of(version);
    List<ETag> tags = ETag.parse(ifMatch);
    if (tags.stream().anyMatch(tag -> tag.isWildcard() || tag.compare(current, true))) {
      return tags.stream().anyMatch(ETag::isWildcard) ? memory : memory.ifVersion(version);
    }
    throw new PreconditionFailedException(stored.id(), ifMatch, current.formattedTag());
  }
}
