package dev.wasmmemory.service.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryInstance;
import dev.wasmmemory.memory.Pages;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * {@link Search} against a naive reference: every aligned offset of the region in turn, leftmost
 * match first, the next one after its end. Memories of up to three pages, some never written
 * (absent), some written with zeros, bytes from a small alphabet so that patterns match often and
 * across page boundaries; the matches are taken a page (limit) at a time by following next.
 */
class SearchPropertyTest {

  @Property(tries = 400)
  void pagingThroughTheMatchesFindsWhatTheNaiveSearchFinds(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 3) int pages,
      @ForAll @IntRange(min = 1, max = 9) int patternLength,
      @ForAll @IntRange(min = 1, max = 8) int align,
      @ForAll @IntRange(min = 1, max = 7) int limit,
      @ForAll @LongRange(min = 0, max = 100) long fromPercent,
      @ForAll @LongRange(min = 0, max = 100) long toPercent) {
    Random random = new Random(seed);
    LinearMemory memory = MemoryInstance.alloc(pages, null);
    byte[] reference = new byte[(int) Pages.toBytes(pages)];
    for (int page = 0; page < pages; page++) {
      int kind = random.nextInt(3); // 0 absent, 1 zeros written, 2 some bytes written
      if (kind == 1) {
        memory.set(Pages.toBytes(page), new byte[Pages.PAGE_SIZE]);
        java.util.Arrays.fill(
            reference, page * Pages.PAGE_SIZE, (page + 1) * Pages.PAGE_SIZE, (byte) 0);
      } else if (kind == 2) {
        for (int w = 0; w < 40; w++) {
          int at = page * Pages.PAGE_SIZE + pick(random, w);
          byte[] bytes = new byte[1 + random.nextInt(12)];
          for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(3);
          }
          int n = Math.min(bytes.length, reference.length - at);
          memory.set(at, bytes, 0, n);
          System.arraycopy(bytes, 0, reference, at, n);
        }
      }
    }
    byte[] pattern = new byte[patternLength];
    boolean allZero = random.nextInt(6) == 0;
    for (int i = 0; i < pattern.length; i++) {
      pattern[i] = allZero ? 0 : (byte) random.nextInt(3);
    }
    long size = reference.length;
    long a = size * Math.min(fromPercent, toPercent) / 100;
    long b = size * Math.max(fromPercent, toPercent) / 100;

    List<Long> expected = naive(reference, pattern, align, a, b, 2000);
    List<Long> found = new ArrayList<>();
    long from = a;
    for (int round = 0; round < 3000; round++) {
      SearchResult page = Search.run(memory, new SearchQuery(pattern, align, from, b, limit));
      assertThat(page.matches().size()).isLessThanOrEqualTo(limit);
      found.addAll(page.matches());
      if (page.next() == null || found.size() >= 2000) {
        break;
      }
      from = page.next();
    }
    List<Long> compared = found.subList(0, Math.min(found.size(), expected.size()));
    assertThat(compared).isEqualTo(expected);
    if (expected.size() < 2000) {
      assertThat(found).isEqualTo(expected);
    }
  }

  /** Offsets near page boundaries half of the time, so that writes cross them. */
  private static int pick(Random random, int w) {
    if (w % 2 == 0) {
      return random.nextBoolean() ? random.nextInt(16) : Pages.PAGE_SIZE - 1 - random.nextInt(16);
    }
    return random.nextInt(Pages.PAGE_SIZE);
  }

  private static List<Long> naive(
      byte[] bytes, byte[] pattern, long align, long from, long to, int cap) {
    List<Long> matches = new ArrayList<>();
    long p = (from + align - 1) / align * align;
    while (p + pattern.length <= to && matches.size() < cap) {
      boolean match = true;
      for (int k = 0; k < pattern.length && match; k++) {
        match = bytes[(int) p + k] == pattern[k];
      }
      if (match) {
        matches.add(p);
        p = (p + pattern.length + align - 1) / align * align;
      } else {
        p += align;
      }
    }
    return matches;
  }
}
