package dev.wasmmemory.service.batch;

import dev.wasmmemory.memory.GrowLimitExceededException;
import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryAccess;
import dev.wasmmemory.memory.MemoryException;
import dev.wasmmemory.memory.OutOfBoundsException;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.memory.RegionsOverlapException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Runs a batch: its operations in order against one memory under one lock ({@link
 * LinearMemory#exclusive}), all of them or none, with one version step.
 *
 * <p>All or nothing without an undo log: before anything changes, a first pass checks every
 * operation against the size the memory will have when it runs (grows included) and pays for the
 * pages the batch may need (pages it writes that hold no storage, and one more for every whole page
 * it may zero and write again). An operation that fails that pass, bounds or limits or budget, is
 * the batch's failure, named by its index; after it the second pass cannot fail on the memory's
 * account. (A store's own failure, a disk or a connection, closes the memory instead: its store
 * holds it as before the batch.)
 */
public final class Batches {
  private Batches() {}

  public static BatchResult apply(LinearMemory memory, List<BatchOperation> operations) {
    return memory.exclusive(
        access -> {
          plan(access, operations);
          Object[] results = new Object[operations.size()];
          for (int i = 0; i < results.length; i++) {
            results[i] = run(access, operations.get(i));
          }
          return new BatchResult(
              Arrays.asList(results), access.version() + (access.wrote() ? 1 : 0), access.change());
        });
  }

  /** The first pass: checks every operation and pays for the pages; changes nothing. */
  private static void plan(MemoryAccess access, List<BatchOperation> operations) {
    int pages = access.currentPages();
    long size = Pages.toBytes(pages);
    BitSet touched = new BitSet();
    int recent = -1; // the page the last operation ended on: counted in touched, if it wrote
    long needed = 0;
    for (int i = 0; i < operations.size(); i++) {
      BatchOperation operation = operations.get(i);
      try {
        if (operation instanceof BatchOperation.SetValue set && onPage(set, size, recent)) {
          continue; // the common case (a struct, a run of values): in bounds, its page paid for
        }
        needed += check(access, operation, pages, touched);
        recent = lastPage(operation);
        if (operation instanceof BatchOperation.Grow grow) {
          pages += (int) grow.pages();
          size = Pages.toBytes(pages);
        }
        if (operation.writes()) {
          access.prepay(needed);
        }
      } catch (MemoryException e) {
        throw new BatchOperationException(i, e);
      }
    }
  }

  /**
   * Whether a typed write lies within {@code size} and on page {@code page} alone, which an earlier
   * operation already counted: then it needs no check beyond this one and no page. False sends it
   * through {@link #check}. (One comparison rather than the BitSet's lookups, which the JIT does
   * not inline here: a batch of adjacent values paid more for them than for its stores.)
   */
  private static boolean onPage(BatchOperation.SetValue set, long size, int page) {
    long offset = set.offset();
    int width = set.type().width();
    return offset >= 0
        && offset <= size - width
        && (offset >>> Pages.PAGE_SHIFT) == page
        && ((offset + width - 1) >>> Pages.PAGE_SHIFT) == page;
  }

  /** The page a typed or byte write ends on, once {@link #check} counted it; -1 for the rest. */
  private static int lastPage(BatchOperation operation) {
    if (operation instanceof BatchOperation.SetValue set) {
      return (int) ((set.offset() + set.type().width() - 1) >>> Pages.PAGE_SHIFT);
    } else if (operation instanceof BatchOperation.Set set && set.data().length > 0) {
      return (int) ((set.offset() + set.data().length - 1) >>> Pages.PAGE_SHIFT);
    }
    return -1;
  }

  /**
   * Checks one operation against a memory of {@code pages} pages; answers the pages it may need
   * beyond those counted for earlier operations.
   */
  private static long check(
      MemoryAccess access, BatchOperation operation, int pages, BitSet touched) {
    String id = access.memoryId();
    long size = Pages.toBytes(pages);
    if (operation instanceof BatchOperation.Grow grow) {
      if (grow.pages() < 0 || grow.pages() > access.maximumPages() - pages) {
        throw new GrowLimitExceededException(id, pages, grow.pages(), access.maximumPages());
      }
      return 0;
    } else if (operation instanceof BatchOperation.SetValue set) {
      check(id, "offset", set.offset(), set.type().width(), size);
      return newPages(access, touched, set.offset(), set.type().width());
    } else if (operation instanceof BatchOperation.Set set) {
      check(id, "offset", set.offset(), set.data().length, size);
      return newPages(access, touched, set.offset(), set.data().length);
    } else if (operation instanceof BatchOperation.GetValue get) {
      check(id, "offset", get.offset(), get.type().width(), size);
      return 0;
    } else if (operation instanceof BatchOperation.Get get) {
      check(id, "offset", get.offset(), get.length(), size);
      if (get.length() > Integer.MAX_VALUE - 8) {
        throw new OutOfBoundsException(id, "length", get.offset(), get.length(), size);
      }
      return 0;
    } else if (operation instanceof BatchOperation.Fill fill) {
      check(id, "offset", fill.offset(), fill.length(), size);
      long zeroed = fill.value() == 0 ? wholePages(fill.offset(), fill.length()) : 0;
      return newPages(access, touched, fill.offset(), fill.length()) + zeroed;
    } else {
      BatchOperation.Copy copy = (BatchOperation.Copy) operation;
      check(id, "sourceOffset", copy.sourceOffset(), copy.length(), size);
      check(id, "destinationOffset", copy.destinationOffset(), copy.length(), size);
      if (copy.nonOverlapping()
          && overlap(copy.sourceOffset(), copy.destinationOffset(), copy.length())) {
        throw new RegionsOverlapException(
            id, copy.sourceOffset(), copy.destinationOffset(), copy.length());
      }
      return newPages(access, touched, copy.destinationOffset(), copy.length())
          + wholePages(copy.destinationOffset(), copy.length());
    }
  }

  private static void check(String id, String field, long offset, long length, long size) {
    if (offset < 0 || length < 0 || offset > size || size - offset < length) {
      throw new OutOfBoundsException(id, field, offset, length, size);
    }
  }

  private static boolean overlap(long a, long b, long length) {
    return length > 0 && (a < b ? b - a < length : a - b < length);
  }

  /**
   * Pages of the region, not touched by an earlier operation of the batch, that hold no storage now
   * (or lie beyond the memory's size now, so are grown by the batch): each may need a page.
   */
  private static long newPages(MemoryAccess access, BitSet touched, long offset, long length) {
    if (length == 0) {
      return 0;
    }
    int first = (int) (offset >>> Pages.PAGE_SHIFT);
    int last = (int) ((offset + length - 1) >>> Pages.PAGE_SHIFT);
    long count = 0;
    for (int page = touched.nextClearBit(first); page <= last; page = touched.nextClearBit(page)) {
      touched.set(page);
      boolean existing = page < access.currentPages();
      if (!existing || access.absentPages(Pages.toBytes(page), 1) == 1) {
        count++;
      }
    }
    return count;
  }

  /** Whole pages the region covers: each may be dropped and then written again by the batch. */
  private static long wholePages(long offset, long length) {
    long first = (offset + Pages.PAGE_SIZE - 1) >>> Pages.PAGE_SHIFT;
    long end = (offset + length) >>> Pages.PAGE_SHIFT;
    return Math.max(0, end - first);
  }

  private static Object run(MemoryAccess access, BatchOperation operation) {
    if (operation instanceof BatchOperation.SetValue set) {
      access.store(set.offset(), set.type().width(), set.bits());
    } else if (operation instanceof BatchOperation.Set set) {
      access.write(set.offset(), set.data(), 0, set.data().length);
    } else if (operation instanceof BatchOperation.GetValue get) {
      return new BatchResult.Value(get.type(), access.load(get.offset(), get.type().width()));
    } else if (operation instanceof BatchOperation.Get get) {
      byte[] data = new byte[(int) get.length()];
      access.read(get.offset(), data, 0, data.length);
      return new BatchResult.Bytes(data);
    } else if (operation instanceof BatchOperation.Fill fill) {
      access.fill(fill.offset(), fill.length(), fill.value());
    } else if (operation instanceof BatchOperation.Copy copy) {
      access.copy(copy.sourceOffset(), copy.destinationOffset(), copy.length());
    } else {
      return new BatchResult.Grown(access.grow(((BatchOperation.Grow) operation).pages()));
    }
    return null;
  }
}
