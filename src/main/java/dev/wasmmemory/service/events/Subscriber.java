package dev.wasmmemory.service.events;

import dev.wasmmemory.store.MemoryChange;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One stream: its position (the last version sent) and its sink. Sends run on the hub's delivery
 * threads, one drain at a time per subscriber, so a slow client delays only itself; it reads from
 * the channel's history rather than a queue of its own, and one that falls behind the history is
 * reset.
 */
final class Subscriber {
  private final Channel channel;
  private final EventSink sink;
  private final Executor executor;
  private final Consumer<Subscriber> ended;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean heartbeatDue;
  private final AtomicBoolean closed = new AtomicBoolean();
  private long position;

  Subscriber(
      Channel channel,
      EventSink sink,
      long position,
      Executor executor,
      Consumer<Subscriber> ended) {
    this.channel = channel;
    this.sink = sink;
    this.position = position;
    this.executor = executor;
    this.ended = ended;
  }

  Channel channel() {
    return channel;
  }

  /** Something may be new for it: a drain is scheduled unless one is. */
  void wake() {
    if (!closed.get() && scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException hubClosed) {
        // The hub is closing: no more deliveries; a writer's publish must not fail for it.
        close();
      }
    }
  }

  void heartbeat() {
    heartbeatDue = true;
    wake();
  }

  /** Ends the stream (the subscription was cancelled, or the hub closes). */
  void close() {
    if (closed.compareAndSet(false, true)) {
      ended.accept(this);
      sink.end();
    }
  }

  private synchronized void drain() {
    scheduled.set(false);
    if (closed.get()) {
      return;
    }
    try {
      Channel.Delivery delivery = channel.after(position);
      if (delivery.reset()) {
        sink.reset(delivery.resetVersion());
        position = delivery.resetVersion();
      }
      for (MemoryChange change : delivery.changes()) {
        sink.change(change);
        position = Math.max(position, change.version());
      }
      if (heartbeatDue) {
        heartbeatDue = false;
        if (delivery.changes().isEmpty() && !delivery.reset()) {
          sink.heartbeat();
        }
      }
      if (delivery.end()) {
        close();
      }
    } catch (IOException | IllegalStateException e) {
      // The client went away (or its stream failed): the subscription ends.
      close();
    }
  }
}
