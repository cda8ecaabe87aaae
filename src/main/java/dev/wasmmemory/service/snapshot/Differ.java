package dev.wasmmemory.service.snapshot;

import dev.wasmmemory.memory.FrozenPages;
import dev.wasmmemory.memory.Pages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares two instants of one memory page by page. A page both hold as the same page (same
 * identity: never written in between) is skipped unread, so the cost grows with the pages that
 * changed, not with the memory; bytes past the smaller size compare as zeros.
 */
public final class Differ {
  private static final byte[] ZEROS = new byte[Pages.PAGE_SIZE];

  private final List<Diff.Range> ranges = new ArrayList<>();
  private final int maxRanges;
  private long changedBytes;
  private boolean truncated;
  private long runStart = -1;
  private long runEnd = -1;

  private Differ(int maxRanges) {
    this.maxRanges = maxRanges;
  }

  public static Diff between(String from, String to, FrozenPages a, FrozenPages b, int maxRanges) {
    Differ differ = new Differ(maxRanges);
    int pages = Math.max(a.pages(), b.pages());
    for (int i = 0; i < pages; i++) {
      if (i < a.pages() && a.samePage(i, b)) {
        continue;
      }
      byte[] left = i < a.pages() ? a.page(i) : null;
      byte[] right = i < b.pages() ? b.page(i) : null;
      if (left != right) {
        differ.compare(
            Pages.toBytes(i), left == null ? ZEROS : left, right == null ? ZEROS : right);
      }
    }
    differ.flush();
    return new Diff(
        from,
        to,
        a.sizeBytes(),
        b.sizeBytes(),
        List.copyOf(differ.ranges),
        differ.changedBytes,
        differ.truncated);
  }

  private void compare(long base, byte[] left, byte[] right) {
    int at = 0;
    while (at < Pages.PAGE_SIZE) {
      int first = Arrays.mismatch(left, at, Pages.PAGE_SIZE, right, at, Pages.PAGE_SIZE);
      if (first < 0) {
        return;
      }
      int start = at + first;
      int end = start + 1;
      while (end < Pages.PAGE_SIZE && left[end] != right[end]) {
        end++;
      }
      add(base + start, base + end);
      at = end;
    }
  }

  /** Bytes {@code [start, end)} differ; joins the run before when it ends right there. */
  private void add(long start, long end) {
    changedBytes += end - start;
    if (runEnd == start) {
      runEnd = end;
      return;
    }
    flush();
    runStart = start;
    runEnd = end;
  }

  private void flush() {
    if (runStart < 0) {
      return;
    }
    if (ranges.size() < maxRanges) {
      ranges.add(new Diff.Range(runStart, runEnd - runStart));
    } else {
      truncated = true;
    }
    runStart = -1;
  }
}
