package dev.wasmmemory.service.events;

import dev.wasmmemory.store.ChangeLog;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a shared store's {@link ChangeLog} for every memory with subscribers, every poll interval,
 * or at once when this process made a change ({@link #hurry}): one thread, one pipelined read per
 * round whatever the number of memories.
 */
final class LogPoller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LogPoller.class);

  /** Changes read per memory and round; more wait for the next round, which follows at once. */
  private static final int READ_LIMIT = 500;

  private final ChangeLog changeLog;
  private final EventSettings settings;
  private final Map<String, Channel> channels;
  private final Consumer<Channel> fresh;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition hurried = lock.newCondition();
  private final Thread thread;
  private boolean hurry;
  private volatile boolean running = true;

  LogPoller(
      ChangeLog changeLog,
      EventSettings settings,
      Map<String, Channel> channels,
      Consumer<Channel> fresh) {
    this.changeLog = changeLog;
    this.settings = settings;
    this.channels = channels;
    this.fresh = fresh;
    this.thread = new Thread(this::run, "memory-events-log");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts {@code channel} from the log, after {@code after} (negative: from now on). */
  void start(Channel channel, long after, long now) {
    long from = after >= 0 ? after : Long.MAX_VALUE / 4;
    ChangeLog.Changes found =
        changeLog
            .read(Map.of(channel.memoryId, from), READ_LIMIT, settings.history(), retention())
            .get(channel.memoryId);
    if (found == null) {
      throw new IllegalStateException("the store answered no changes for " + channel.memoryId);
    }
    channel.start(after, found, now);
  }

  /** A change was made here: read now rather than at the next interval. */
  void hurry() {
    lock.lock();
    try {
      hurry = true;
      hurried.signal();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    while (running) {
      boolean more = false;
      try {
        more = round();
      } catch (RuntimeException e) {
        log.warn("reading the store's changes failed, retried: {}", e.toString());
      }
      if (!more) {
        await();
      }
    }
  }

  /** One read for every watched memory; answers whether a memory has more to read. */
  private boolean round() {
    Map<String, Long> positions = new HashMap<>();
    Map<String, Channel> watched = new HashMap<>();
    for (Channel channel : channels.values()) {
      if (!channel.subscribers.isEmpty() && channel.started() && !channel.isDeleted()) {
        positions.put(channel.memoryId, channel.released());
        watched.put(channel.memoryId, channel);
      }
    }
    if (positions.isEmpty()) {
      return false;
    }
    boolean more = false;
    long now = System.nanoTime();
    for (Map.Entry<String, ChangeLog.Changes> entry :
        changeLog.read(positions, READ_LIMIT, settings.history(), retention()).entrySet()) {
      Channel channel = watched.get(entry.getKey());
      if (channel.append(entry.getValue(), now)) {
        fresh.accept(channel);
      }
      more |= entry.getValue().changes().size() == READ_LIMIT;
    }
    return more;
  }

  private java.time.Duration retention() {
    return settings.retention();
  }

  private void await() {
    lock.lock();
    try {
      if (!hurry && running) {
        hurried.await(settings.pollInterval().toNanos(), TimeUnit.NANOSECONDS);
      }
      hurry = false;
    } catch (InterruptedException e) {
      running = false;
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
