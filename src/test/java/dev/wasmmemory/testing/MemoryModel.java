package dev.wasmmemory.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The reference model of one memory for the HTTP suites (fuzz, load): what its bytes and size must
 * be after the mutations the service acknowledged, and nothing else. Sparse like the service (a
 * missing page is zeros), so a 4 GiB memory costs only the pages written; page numbers are {@code
 * int}s.
 */
public final class MemoryModel {
  public static final int PAGE = 65536;
  public static final int MAX_PAGES = 65536;

  public final String id;
  public final long initialPages;
  public final Long maximumPages;
  private long pages;
  private final NavigableMap<Integer, byte[]> data = new TreeMap<>();

  public MemoryModel(String id, long initialPages, Long maximumPages) {
    this.id = id;
    this.initialPages = initialPages;
    this.maximumPages = maximumPages;
    this.pages = initialPages;
  }

  public long pages() {
    return pages;
  }

  public long sizeBytes() {
    return pages * PAGE;
  }

  /** The most pages the memory may grow to: its own maximum, or 65536. */
  public long limitPages() {
    return maximumPages == null ? MAX_PAGES : maximumPages;
  }

  /** Pages that may hold a non-zero byte; an upper bound of what the service materialised. */
  public int dataPages() {
    return data.size();
  }

  public List<Integer> dataPageIndexes() {
    return new ArrayList<>(data.keySet());
  }

  public boolean inBounds(long offset, long length) {
    return offset >= 0 && length >= 0 && offset <= sizeBytes() && sizeBytes() - offset >= length;
  }

  public byte[] read(long offset, int length) {
    byte[] out = new byte[length];
    for (int done = 0; done < length; ) {
      long at = offset + done;
      int within = (int) (at % PAGE);
      int n = Math.min(PAGE - within, length - done);
      byte[] page = data.get((int) (at / PAGE));
      if (page != null) {
        System.arraycopy(page, within, out, done, n);
      }
      done += n;
    }
    return out;
  }

  public void write(long offset, byte[] bytes) {
    for (int done = 0; done < bytes.length; ) {
      long at = offset + done;
      int within = (int) (at % PAGE);
      int n = Math.min(PAGE - within, bytes.length - done);
      System.arraycopy(
          bytes, done, data.computeIfAbsent((int) (at / PAGE), i -> new byte[PAGE]), within, n);
      done += n;
    }
  }

  public void fill(long offset, long length, byte value) {
    if (value == 0) {
      zero(offset, length);
      return;
    }
    for (long done = 0; done < length; ) {
      long at = offset + done;
      int within = (int) (at % PAGE);
      int n = (int) Math.min(PAGE - within, length - done);
      Arrays.fill(
          data.computeIfAbsent((int) (at / PAGE), i -> new byte[PAGE]), within, within + n, value);
      done += n;
    }
  }

  /** memmove from {@code source} (possibly this model): reads everything before it writes. */
  public void copyFrom(MemoryModel source, long from, long to, long length) {
    if (length == 0) {
      return;
    }
    List<Long> positions = new ArrayList<>();
    List<byte[]> chunks = new ArrayList<>();
    int first = (int) (from / PAGE);
    int last = (int) ((from + length - 1) / PAGE);
    for (Map.Entry<Integer, byte[]> page : source.data.subMap(first, true, last, true).entrySet()) {
      long pageStart = (long) page.getKey() * PAGE;
      long lo = Math.max(from, pageStart);
      long hi = Math.min(from + length, pageStart + PAGE);
      chunks.add(
          Arrays.copyOfRange(page.getValue(), (int) (lo - pageStart), (int) (hi - pageStart)));
      positions.add(to + (lo - from));
    }
    zero(to, length);
    for (int i = 0; i < chunks.size(); i++) {
      write(positions.get(i), chunks.get(i));
    }
  }

  /** A model of its own with the same size and bytes (to plan operations on). */
  public MemoryModel copy() {
    MemoryModel copy = new MemoryModel(id, initialPages, maximumPages);
    copy.pages = pages;
    data.forEach((page, bytes) -> copy.data.put(page, bytes.clone()));
    return copy;
  }

  /** Takes {@code snapshot}'s size and bytes (a restore). */
  public void restore(MemoryModel snapshot) {
    pages = snapshot.pages;
    data.clear();
    snapshot.data.forEach((page, bytes) -> data.put(page, bytes.clone()));
  }

  public void grow(long added) {
    pages += added;
  }

  public void erase() {
    data.clear();
  }

  private void zero(long offset, long length) {
    if (length == 0) {
      return;
    }
    int first = (int) (offset / PAGE);
    int last = (int) ((offset + length - 1) / PAGE);
    for (Integer index : new ArrayList<>(data.subMap(first, true, last, true).keySet())) {
      long pageStart = (long) index * PAGE;
      long lo = Math.max(offset, pageStart);
      long hi = Math.min(offset + length, pageStart + PAGE);
      if (lo == pageStart && hi == pageStart + PAGE) {
        data.remove(index);
      } else {
        Arrays.fill(data.get(index), (int) (lo - pageStart), (int) (hi - pageStart), (byte) 0);
      }
    }
  }
}
