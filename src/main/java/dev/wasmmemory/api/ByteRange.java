package dev.wasmmemory.api;

import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpRange;

/**
 * The part of a representation of {@code length} bytes that a {@code Range} header selects: all of
 * it when there is no header, or exactly one satisfiable range (RFC 9110 §14).
 */
record ByteRange(long first, long length, boolean partial) {
  private static final Pattern BIG_NUMBER = Pattern.compile("[0-9]{19,}");

  static ByteRange select(String header, long total) {
    if (header == null || !header.regionMatches(true, 0, "bytes=", 0, 6)) {
      // RFC 9110 §14.2: a range unit the server does not understand is ignored.
      return new ByteRange(0, total, false);
    }
    List<HttpRange> ranges;
    try {
      ranges = HttpRange.parseRanges(clampPositions(header));
    } catch (IllegalArgumentException e) {
      throw new RangeNotSatisfiableException(total, "malformed Range header: " + header);
    }
    if (ranges.size() != 1) {
      throw new RangeNotSatisfiableException(total, "only a single byte range is supported");
    }
    HttpRange range = ranges.get(0);
    try {
      long start = range.getRangeStart(total);
      long end = range.getRangeEnd(total);
      if (total == 0 || start > end) {
        throw new IllegalArgumentException("empty range");
      }
      return new ByteRange(start, end - start + 1, true);
    } catch (IllegalArgumentException e) {
      throw new RangeNotSatisfiableException(
          total, "range " + header + " selects no byte of a representation of " + total + " bytes");
    }
  }

  /**
   * Positions past {@code Long.MAX_VALUE} are valid and mean "past the end"; they are clamped so
   * that Spring's parser, which reads them as longs, takes them.
   */
  private static String clampPositions(String header) {
    return BIG_NUMBER
        .matcher(header)
        .replaceAll(
            match ->
                new BigInteger(match.group()).compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0
                    ? Long.toString(Long.MAX_VALUE)
                    : match.group());
  }

  String contentRange(long total) {
    return "bytes " + first + "-" + (first + length - 1) + "/" + total;
  }
}
