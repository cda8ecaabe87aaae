package dev.wasmmemory.api;

import java.util.List;
import org.springframework.http.HttpRange;

/**
 * The part of a representation of {@code length} bytes that a {@code Range} header selects: all of
 * it when there is no header, or exactly one satisfiable range (RFC 9110 §14).
 */
record ByteRange(long first, long length, boolean partial) {

  static ByteRange select(String header, long total) {
    if (header == null) {
      return new ByteRange(0, total, false);
    }
    List<HttpRange> ranges;
    try {
      ranges = HttpRange.parseRanges(header);
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

  String contentRange(long total) {
    return "bytes " + first + "-" + (first + length - 1) + "/" + total;
  }
}
