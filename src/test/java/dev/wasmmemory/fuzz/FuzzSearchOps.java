package dev.wasmmemory.fuzz;

import static dev.wasmmemory.fuzz.FuzzMemoryOps.JSON;

import dev.wasmmemory.fuzz.FuzzNumbers.Number;
import dev.wasmmemory.testing.MemoryModel;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The builder for {@code GET …/search?pattern=}: a pattern of one to four bytes (often taken from
 * the memory, so that it matches), a region, an alignment and a limit; the answer is checked
 * against a plain scan of the model (matches aligned, within the region, not overlapping, at most
 * {@code limit}, {@code next} after the last when the limit was reached and room is left). A broken
 * case has bad hex or a limit out of range (400) besides what the numbers break.
 */
final class FuzzSearchOps {
  private static final List<String> BAD_PATTERNS = List.of("abc", "zz", "", "0x12", "12 34");

  /** The largest memory whose answer is checked against a scan of its model. */
  private static final long SCANNED = 1 << 24;

  private FuzzSearchOps() {}

  static void searchMemory(FuzzDraft d) {
    FuzzRequest r = d.request;
    FuzzMemoryOps.memoryPath(d, "/search");
    d.acceptJson(true);
    d.strayBody();
    MemoryModel memory = d.sized();
    long size = memory.sizeBytes();
    byte[] pattern = pattern(d, memory);
    if (pattern == null) {
      String bad = BAD_PATTERNS.get(d.random.nextInt(BAD_PATTERNS.size()));
      r.query("pattern", bad.replace(" ", "%20"));
      r.fault(400, "pattern '" + bad + "'");
    } else {
      r.query("pattern", HexFormat.of().formatHex(pattern));
    }
    Number from = FuzzMemoryOps.offset(d, "from", memory, 0, FuzzDraft.MAX_U32, false, true);
    r.query("from", from.query());
    long start = from.value() == null ? 0 : from.value();
    Long to = null;
    if (d.random.nextBoolean()) {
      to = start + d.randomUpTo(Math.max(0, size - start));
      r.query("to", String.valueOf(to));
    }
    long align = 1 + d.randomUpTo(d.random.nextBoolean() ? 0 : 8);
    r.query("align", String.valueOf(align));
    int limit = 1 + (int) d.randomUpTo(4);
    if (!d.clean() && d.random.nextInt(4) == 0) {
      limit = d.random.nextBoolean() ? 0 : 1001;
      r.fault(400, "limit " + limit);
    }
    r.query("limit", String.valueOf(limit));
    if (from.refused() || pattern == null || d.target == null || limit == 0 || limit > 1000) {
      return;
    }
    if (start > size) {
      r.fault(422, "search from past the end");
      return;
    }
    if (size > SCANNED) {
      return; // the status is checked; the model is not scanned at this size
    }
    long end = to == null ? size : to;
    long step = align;
    int most = limit;
    r.check = response -> check(response, scan(memory, pattern, start, end, step, most));
  }

  /** One to four bytes: those at a random offset of the memory, or random ones; null: broken. */
  private static byte[] pattern(FuzzDraft d, MemoryModel memory) {
    if (!d.clean() && d.random.nextInt(6) == 0) {
      return null;
    }
    int length = 1 + (int) d.randomUpTo(3);
    if (memory.sizeBytes() >= length && memory.sizeBytes() <= SCANNED && d.random.nextBoolean()) {
      return memory.read(d.randomUpTo(memory.sizeBytes() - length), length);
    }
    byte[] bytes = new byte[length];
    d.random.nextBytes(bytes);
    return bytes;
  }

  /** What the contract answers: {matches, next}, by a plain scan of the model. */
  private static Result scan(
      MemoryModel memory, byte[] pattern, long from, long to, long align, int limit) {
    byte[] bytes = memory.read(0, (int) memory.sizeBytes());
    List<Long> matches = new ArrayList<>();
    long p = (from + align - 1) / align * align;
    while (p + pattern.length <= to && matches.size() < limit) {
      if (matchesAt(bytes, (int) p, pattern)) {
        matches.add(p);
        p = (p + pattern.length + align - 1) / align * align;
      } else {
        p += align;
      }
    }
    Long next = null;
    if (matches.size() == limit) {
      long after = matches.get(matches.size() - 1) + pattern.length;
      next = to - after >= pattern.length ? after : null;
    }
    return new Result(matches, next);
  }

  private static boolean matchesAt(byte[] bytes, int at, byte[] pattern) {
    for (int k = 0; k < pattern.length; k++) {
      if (bytes[at + k] != pattern[k]) {
        return false;
      }
    }
    return true;
  }

  private record Result(List<Long> matches, Long next) {}

  private static String check(HttpResponse<byte[]> response, Result expected) {
    JsonNode json = JSON.readTree(response.body());
    List<Long> matches = new ArrayList<>();
    json.path("matches").forEach(node -> matches.add(node.asLong()));
    JsonNode next = json.path("next");
    Long gotNext = next.isNull() || next.isMissingNode() ? null : next.asLong();
    if (!matches.equals(expected.matches())
        || (gotNext == null ? expected.next() != null : !gotNext.equals(expected.next()))) {
      return "search answered " + json + ", the model has " + expected;
    }
    return null;
  }
}
