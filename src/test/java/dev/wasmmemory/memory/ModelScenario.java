package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;

import java.util.List;
import java.util.Random;

/**
 * A generated run: the limits of two memories and the actions to apply to them. Offsets and lengths
 * are generated relative to what the memory will be when the action runs (page boundaries, the end,
 * 2^32), so they hit the edges whatever the earlier actions grew.
 */
record ModelScenario(Limits first, Limits second, List<ModelAction> actions) {

  /** A memory's limits; {@code maximum} null means none of its own. */
  record Limits(int initial, Long maximum) {}

  enum Anchor {
    START,
    PAGE,
    END,
    FOUR_GIB,
    ANYWHERE
  }

  /** An offset: {@code delta} from an anchor; for ANYWHERE, {@code delta} per mille of the size. */
  record Position(Anchor anchor, int page, int delta) {
    long resolve(long size) {
      long at =
          switch (anchor) {
            case START -> delta;
            case PAGE -> (long) page * PAGE_SIZE + delta;
            case END -> size + delta;
            case FOUR_GIB -> (1L << 32) + delta;
            case ANYWHERE -> size * delta / 1000;
          };
      return Math.max(0, at);
    }
  }

  enum Extent {
    ZERO,
    SMALL,
    PAGE,
    REST,
    FOUR_GIB,
    ANY
  }

  /** A length: about a page, the rest of the memory from the offset, 2^32, … plus {@code delta}. */
  record Length(Extent extent, int delta) {
    long resolve(long size, long offset) {
      long length =
          switch (extent) {
            case ZERO -> 0;
            case SMALL -> 1 + Math.abs(delta);
            case PAGE -> PAGE_SIZE + delta;
            case REST -> size - offset + delta;
            case FOUR_GIB -> (1L << 32) + delta;
            case ANY -> 3L * PAGE_SIZE * Math.abs(delta) / 1000;
          };
      return Math.max(0, length);
    }

    /** The length of data actually built for a write: big lengths fail their bounds anyway. */
    int resolveForData(long size, long offset) {
      return (int) Math.min(resolve(size, offset), 8L * PAGE_SIZE);
    }
  }

  enum Content {
    ZEROS,
    CONSTANT,
    PATTERN,
    HALF_ZEROS
  }

  /** Bytes to write: zeros matter as much as data, since zero pages are stored as absent. */
  record Data(Content content, long seed) {
    byte[] bytes(int length) {
      byte[] bytes = new byte[length];
      switch (content) {
        case ZEROS -> {}
        case CONSTANT -> java.util.Arrays.fill(bytes, (byte) (seed | 1));
        case PATTERN -> new Random(seed).nextBytes(bytes);
        case HALF_ZEROS -> {
          new Random(seed).nextBytes(bytes);
          java.util.Arrays.fill(bytes, 0, length / 2, (byte) 0);
        }
      }
      return bytes;
    }
  }
}
