package dev.wasmmemory.api;

import dev.wasmmemory.service.Precondition;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.ETag;

/**
 * Entity tags and the conditional requests on them. A memory's tag is its version, which every
 * mutation changes; the JSON and hex representations of its bytes add a suffix. {@code
 * If-None-Match} compares weakly with the tag of what would be sent (304), {@code If-Range}
 * strongly (else the whole region), {@code If-Match} names versions that a mutation requires,
 * checked by the service atomically with it (412).
 */
final class EntityTags {
  private static final Pattern VERSION = Pattern.compile("([0-9]{1,18})(-json|-hex)?");

  private EntityTags() {}

  /** The memory's tag, also that of the raw bytes and of typed values. */
  static String of(long version) {
    return Representation.RAW.tag(version);
  }

  /** True when {@code If-None-Match} names {@code tag} (weak comparison) or is {@code *}. */
  static boolean notModified(String ifNoneMatch, String tag) {
    if (ifNoneMatch == null) {
      return false;
    }
    ETag current = ETag.create(tag);
    return ETag.parse(ifNoneMatch).stream()
        .anyMatch(candidate -> candidate.isWildcard() || candidate.compare(current, false));
  }

  /**
   * Whether a {@code Range} applies: always without {@code If-Range}; with it only when it is the
   * current {@code tag} by strong comparison. A date never matches (the bytes have no
   * Last-Modified), so a client resuming a download of older bytes gets all of the new ones.
   */
  static boolean rangeApplies(String ifRange, String tag) {
    if (ifRange == null) {
      return true;
    }
    String validator = ifRange.strip();
    if (!validator.startsWith("\"")) {
      return false;
    }
    List<ETag> tags = ETag.parse(validator);
    return tags.size() == 1 && tags.get(0).compare(ETag.create(tag), true);
  }

  /**
   * The versions an {@code If-Match} names: none required without it or with {@code *}; a tag that
   * is weak or not one of ours names none (RFC 9110 §13.1.1: strong comparison).
   */
  static Precondition precondition(String ifMatch) {
    if (ifMatch == null) {
      return Precondition.NONE;
    }
    List<ETag> tags = ETag.parse(ifMatch);
    if (tags.stream().anyMatch(ETag::isWildcard)) {
      return Precondition.NONE;
    }
    Set<Long> versions = new HashSet<>();
    for (ETag tag : tags) {
      Matcher version = VERSION.matcher(tag.tag());
      if (!tag.weak() && version.matches()) {
        versions.add(Long.parseLong(version.group(1)));
      }
    }
    return Precondition.versionIn(versions);
  }
}
