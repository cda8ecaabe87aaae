package dev.wasmmemory.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lock-free reads ({@link MemoryInstance#version}, small {@link MemoryInstance#getInto}) while
 * an exclusive action holds the memory: they cannot validate an optimistic read, so they wait for
 * the lock and answer what the action left (its version, its bytes), never what they saw before it
 * ended. Deterministic: the action is released only once the reader is parked on the lock.
 */
class ReadsWaitForAWriterTest {
  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private final MemoryInstance memory =
      MemoryInstance.create("m", MemoryLimits.of(1, 1L), PageBudget.UNLIMITED);

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  /** Runs {@code read} while an exclusive action that stores 7 at byte 3 holds the memory. */
  private <T> T duringAWrite(Supplier<T> read) throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<?> writer =
        threads.submit(
            () ->
                memory.exclusive(
                    access -> {
                      access.storeByte(3, (byte) 7);
                      inside.countDown();
                      await(release);
                      return null;
                    }));
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    AtomicReference<Thread> reader = new AtomicReference<>();
    CompletableFuture<T> result =
        CompletableFuture.supplyAsync(
            () -> {
              reader.set(Thread.currentThread());
              return read.get();
            },
            threads);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!result.isDone()
        && (reader.get() == null || reader.get().getState() != Thread.State.WAITING)
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    release.countDown();
    writer.get(10, TimeUnit.SECONDS);
    return result.get(10, TimeUnit.SECONDS);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void theVersionReadDuringAnActionIsTheOneItLeaves() throws Exception {
    long before = memory.version();

    long seen = duringAWrite(memory::version);

    assertThat(seen).isEqualTo(before + 1).isEqualTo(memory.version());
  }

  @Test
  void bytesReadDuringAnActionAreTheOnesItWrote() throws Exception {
    byte[] seen =
        duringAWrite(
            () -> {
              byte[] target = new byte[4];
              memory.getInto(0, target);
              return target;
            });

    assertThat(seen).containsExactly(0, 0, 0, 7);
  }
}
