package dev.wasmmemory.module;

import dev.wasmmemory.service.Callers;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs WebAssembly calls on a bounded pool of threads with large stacks, each stopped by {@link
 * Thread#interrupt()} when it runs past the timeout (Endive checks the flag on every call and
 * backward branch). A runaway call costs one thread for at most the timeout; calls beyond the pool
 * and its queue are refused at once ({@link ExecutionBusyException}) rather than piling up.
 */
final class CallExecutor implements AutoCloseable {
  private final ThreadPoolExecutor pool;
  private final ScheduledExecutorService watchdog;
  private final Duration timeout;
  private final int threads;
  private final int queue;
  private final Callers callers;

  CallExecutor(int threads, int queue, Duration timeout, long stackBytes, Callers callers) {
    this.callers = callers;
    this.threads = threads;
    this.queue = queue;
    this.timeout = timeout;
    AtomicInteger count = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queue),
            r -> {
              Thread t = new Thread(null, r, "wasm-call-" + count.incrementAndGet(), stackBytes);
              t.setDaemon(true);
              return t;
            });
    this.pool.allowCoreThreadTimeOut(true);
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "wasm-call-watchdog");
              t.setDaemon(true);
              return t;
            });
  }

  Duration timeout() {
    return timeout;
  }

  /**
   * Runs {@code body} on a worker and waits for it. Past the timeout the worker is interrupted and,
   * once the call has stopped, {@link ExecutionTimeoutException} is thrown; a stack overflow the
   * runtime did not catch becomes the trap {@code call stack exhausted}.
   */
  <T> T run(Supplier<T> body) {
    Call<T> call = new Call<>(callers.carry(body));
    try {
      pool.execute(call);
    } catch (RejectedExecutionException e) {
      throw new ExecutionBusyException(threads, queue);
    }
    return call.await();
  }

  @Override
  public void close() {
    pool.shutdownNow();
    watchdog.shutdownNow();
  }

  /** One call: its worker, whether its deadline passed, and its outcome. */
  private final class Call<T> implements Runnable {
    private final Supplier<T> body;
    private final CountDownLatch done = new CountDownLatch(1);
    private Thread worker;
    private boolean running;
    private boolean expired;
    private T result;
    private Throwable failure;

    Call(Supplier<T> body) {
      this.body = body;
    }

    @Override
    public void run() {
      synchronized (this) {
        worker = Thread.currentThread();
        running = true;
      }
      ScheduledFuture<?> alarm =
          watchdog.schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
      try {
        result = body.get();
      } catch (StackOverflowError e) {
        failure = new WasmTrapException("call stack exhausted", e);
      } catch (RuntimeException | Error e) {
        // Carried to the waiting thread, as FutureTask does; rethrown there unchanged.
        failure = e;
      } finally {
        alarm.cancel(false);
        synchronized (this) {
          running = false;
        }
        // An interrupt that came in as the call ended must not reach the next call on this thread.
        Thread.interrupted();
        done.countDown();
      }
    }

    private synchronized void expire() {
      if (running) {
        expired = true;
        worker.interrupt();
      }
    }

    T await() {
      boolean interrupted = false;
      while (true) {
        try {
          done.await();
          break;
        } catch (InterruptedException e) {
          // The call holds memories: wait for it to end rather than leave them locked.
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      synchronized (this) {
        if (failure != null && expired) {
          throw new ExecutionTimeoutException(timeout);
        }
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      return result;
    }
  }
}
