package dev.wasmmemory.service.events;

import dev.wasmmemory.store.ChangeLog;
import dev.wasmmemory.store.MemoryChange;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The live changes of memories, for their subscribers: one {@link Channel} per memory watched, its
 * changes in version order with a bounded history to resume from. Where the store records its own
 * changes ({@link ChangeLog}: Redis, shared by replicas) they are read from it ({@link LogPoller});
 * otherwise the service {@link #publish}es each change it makes, and the channel puts them in
 * order. At most {@link EventSettings#maxSubscribers} subscribers at once.
 */
public final class MemoryEvents implements AutoCloseable {
  private final EventSettings settings;
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();
  private final AtomicInteger subscribers = new AtomicInteger();
  private final ExecutorService delivery;
  private final ScheduledExecutorService timer;
  private final LogPoller poller;

  /**
   * @param log the store's record of changes, or null when the service publishes them
   */
  public MemoryEvents(EventSettings settings, ChangeLog log) {
    this.settings = settings;
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            32, 32, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("memory-events"));
    pool.allowCoreThreadTimeOut(true);
    this.delivery = pool;
    this.timer = new ScheduledThreadPoolExecutor(1, daemon("memory-events-timer"));
    long heartbeat = settings.heartbeat().toMillis();
    timer.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    long sweep = Math.max(10, settings.gapTimeout().toMillis() / 4);
    timer.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
    this.poller = log == null ? null : new LogPoller(log, settings, channels, this::wakeAll);
  }

  /** Whether the store records changes itself (then {@link #publish} only hurries a read). */
  public boolean storeRecords() {
    return poller != null;
  }

  /** A change the service made, published after it succeeded. */
  public void publish(String memoryId, MemoryChange change) {
    if (poller != null) {
      poller.hurry();
      return;
    }
    Channel channel = channels.get(memoryId);
    if (channel == null) {
      return;
    }
    boolean fresh =
        change.kind() == MemoryChange.Kind.DELETE
            ? deleted(channel)
            : channel.offer(change, System.nanoTime());
    if (fresh) {
      wakeAll(channel);
    }
  }

  private static boolean deleted(Channel channel) {
    channel.delete();
    return true;
  }

  /**
   * Subscribes {@code sink} to memory {@code memoryId}'s changes: after {@code lastEventId} when
   * given (a reset first when the history does not reach back to it), else from now on. {@code
   * version} reads the memory's version (and fails when it does not exist); it is called after the
   * channel exists, so no change is lost in between.
   *
   * @throws TooManySubscribersException at the limit
   */
  public Subscription subscribe(
      String memoryId, OptionalLong lastEventId, LongSupplier version, EventSink sink) {
    if (subscribers.incrementAndGet() > settings.maxSubscribers()) {
      subscribers.decrementAndGet();
      throw new TooManySubscribersException(settings.maxSubscribers());
    }
    try {
      while (true) {
        Channel channel =
            channels.computeIfAbsent(
                memoryId, id -> new Channel(id, settings.history(), System.nanoTime()));
        long current = version.getAsLong();
        long start = start(channel, current, lastEventId);
        Subscriber subscriber =
            new Subscriber(channel, sink, lastEventId.orElse(start), delivery, this::ended);
        if (channel.join(subscriber)) {
          if (lastEventId.isPresent() || channel.isDeleted()) {
            subscriber.wake();
          }
          return new Subscription(subscriber);
        }
      }
    } catch (RuntimeException e) {
      subscribers.decrementAndGet();
      throw e;
    }
  }

  /** Starts a new channel; answers the version a subscriber without a position starts at. */
  private long start(Channel channel, long current, OptionalLong lastEventId) {
    long now = System.nanoTime();
    if (poller == null) {
      channel.start(current, now);
    } else if (!channel.started()) {
      poller.start(channel, lastEventId.orElse(-1), now);
    }
    return channel.released();
  }

  private void ended(Subscriber subscriber) {
    subscribers.decrementAndGet();
    subscriber.channel().leave(subscriber, System.nanoTime());
  }

  /** Subscribers now. */
  public int subscribers() {
    return subscribers.get();
  }

  private void wakeAll(Channel channel) {
    for (Subscriber subscriber : channel.subscribers) {
      subscriber.wake();
    }
  }

  private void heartbeat() {
    for (Channel channel : channels.values()) {
      for (Subscriber subscriber : channel.subscribers) {
        subscriber.heartbeat();
      }
    }
  }

  /** Gives up versions that never came and drops channels deleted or idle past retention. */
  private void sweep() {
    long now = System.nanoTime();
    for (Channel channel : channels.values()) {
      if (channel.skipGap(now, settings.gapTimeout().toNanos())) {
        wakeAll(channel);
      }
      channel.removeIfDone(now, settings.retention().toNanos(), channels);
    }
  }

  /**
   * Ends every stream open now (the service stops taking requests, and a graceful shutdown would
   * wait for them); the hub keeps serving new ones.
   */
  public void endStreams() {
    for (Channel channel : channels.values()) {
      for (Subscriber subscriber : channel.subscribers) {
        subscriber.close();
      }
    }
  }

  /** Ends every stream and the hub's threads. */
  @Override
  public void close() {
    if (poller != null) {
      poller.close();
    }
    timer.shutdownNow();
    endStreams();
    delivery.shutdown();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
