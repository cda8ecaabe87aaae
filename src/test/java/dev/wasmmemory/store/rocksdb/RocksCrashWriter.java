package dev.wasmmemory.store.rocksdb;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.PageBudget;
import dev.wasmmemory.memory.PageCache;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.store.Durability;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The child JVM of {@link RocksCrashTest}: writes the region of {@link #OFFSET} and {@link #LENGTH}
 * of one memory over and over, the k-th time with bytes all {@code k}, alternately streamed
 * (staged, slowly, so that a kill lands mid-stream) and in one call, and prints {@code ACK k} once
 * each write returned. It runs until it is killed.
 */
public final class RocksCrashWriter {
  static final long OFFSET = Pages.PAGE_SIZE - 50;
  static final int LENGTH = 3 * Pages.PAGE_SIZE + 100;

  private RocksCrashWriter() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    String id = args[1];
    int first = Integer.parseInt(args[2]);
    RocksMemoryStore store =
        RocksMemoryStore.open(
            dir, Durability.PROCESS, PageBudget.UNLIMITED, new PageCache(1 << 20));
    LinearMemory memory = store.find(id).orElseThrow();
    System.out.println("READY");
    System.out.flush();
    for (int k = first; ; k++) {
      byte value = (byte) k;
      if (k % 2 == 0) {
        memory.writeFrom(OFFSET, LENGTH, new SlowStream(value, LENGTH));
      } else {
        byte[] bytes = new byte[LENGTH];
        Arrays.fill(bytes, value);
        memory.set(OFFSET, bytes);
      }
      System.out.println("ACK " + k);
      System.out.flush();
    }
  }

  /** {@code length} bytes of {@code value}, with a pause every 16 KiB. */
  private static final class SlowStream extends InputStream {
    private final byte value;
    private long remaining;

    SlowStream(byte value, long length) {
      this.value = value;
      this.remaining = length;
    }

    @Override
    public int read() {
      if (remaining == 0) {
        return -1;
      }
      remaining--;
      return value & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (remaining == 0) {
        return -1;
      }
      int n = (int) Math.min(Math.min(length, 16 * 1024), remaining);
      Arrays.fill(buffer, offset, offset + n, value);
      remaining -= n;
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return n;
    }
  }
}
