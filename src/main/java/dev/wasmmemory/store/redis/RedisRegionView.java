package dev.wasmmemory.store.redis;

import dev.wasmmemory.memory.MemoryClosedException;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.memory.RegionView;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A view of a Redis memory as of the instant it opened, without a lock: it pins the memory ({@code
 * wm4_view_open}), writers copy a pinned page aside before they change it, and the view reads each
 * page's copy when there is one ({@code wm4_view_read}; the protocol is in {@code wasmmemory.lua}).
 * Pages come in batches, a few batches ahead of the consumer, so streaming is not one round trip
 * per page while a slow consumer holds at most {@code BATCH * AHEAD} pages. Every read renews the
 * pin; a view left unread past its TTL, or open past its lifetime, refuses to read on (an {@link
 * IOException}) rather than show bytes of another instant.
 */
final class RedisRegionView implements RegionView {
  private static final int BATCH = 8;
  private static final int AHEAD = 4;

  /** Lent to consumers of absent pages; never written. */
  private static final byte[] ZERO_PAGE = new byte[Pages.PAGE_SIZE];

  private final RedisMemory memory;
  private final String member;
  private final long offset;
  private final long length;
  private final long version;
  private final long memorySize;
  private boolean closed;

  private RedisRegionView(
      RedisMemory memory, String member, long offset, long length, long version, long size) {
    this.memory = memory;
    this.member = member;
    this.offset = offset;
    this.length = length;
    this.version = version;
    this.memorySize = size;
  }

  static RedisRegionView open(RedisMemory memory, long offset, long length) {
    StoreContext context = memory.context();
    RedisStoreSettings settings = context.settings();
    Reply reply =
        context.read(
            "view_open",
            memory.id(),
            context.newToken(),
            settings.viewTtl().toMillis(),
            settings.viewLifetime().toMillis(),
            offset,
            length);
    if (!reply.ok()) {
      throw reply.failure(memory.id(), Mutator.ANY_VERSION, offset, Math.max(length, 0));
    }
    return new RedisRegionView(
        memory, reply.text(3), offset, reply.number(4), reply.number(1), reply.number(2));
  }

  @Override
  public long offset() {
    return offset;
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public long version() {
    return version;
  }

  @Override
  public long memorySize() {
    return memorySize;
  }

  @Override
  public void forEachChunk(ChunkConsumer consumer) throws IOException {
    forEachSlice(
        (page, from, n) ->
            consumer.accept(
                ByteBuffer.wrap(page, from, n)
                    .slice()
                    .asReadOnlyBuffer()
                    .order(ByteOrder.LITTLE_ENDIAN)));
  }

  @Override
  public void transferTo(OutputStream out) throws IOException {
    forEachSlice(out::write);
  }

  @FunctionalInterface
  private interface SliceConsumer {
    void accept(byte[] page, int from, int length) throws IOException;
  }

  private void forEachSlice(SliceConsumer consumer) throws IOException {
    if (length == 0) {
      return;
    }
    int first = (int) (offset >>> Pages.PAGE_SHIFT);
    int last = (int) ((offset + length - 1) >>> Pages.PAGE_SHIFT);
    ArrayDeque<RedisFuture<List<Object>>> pending = new ArrayDeque<>();
    int requested = first;
    long address = offset;
    long remaining = length;
    for (int index = first; index <= last; ) {
      while (pending.size() < AHEAD && requested <= last) {
        int count = Math.min(BATCH, last - requested + 1);
        pending.add(request(requested, count));
        requested += count;
      }
      for (Object page : pages(pending.poll())) {
        byte[] bytes = (byte[]) page;
        int pageOffset = (int) (address & Pages.PAGE_MASK);
        int n = (int) Math.min(Pages.PAGE_SIZE - pageOffset, remaining);
        consumer.accept(bytes.length == 0 ? ZERO_PAGE : bytes, pageOffset, n);
        address += n;
        remaining -= n;
        index++;
      }
    }
  }

  private RedisFuture<List<Object>> request(int first, int count) {
    Object[] args = new Object[count + 2];
    args[0] = member;
    args[1] = memory.context().settings().viewTtl().toMillis();
    for (int i = 0; i < count; i++) {
      args[i + 2] = first + i;
    }
    return memory.context().scripts().send("view_read", Keys.meta(memory.id()), args);
  }

  /** The pages of one batch's reply ('' for zeros), or why the view cannot read on. */
  private List<Object> pages(RedisFuture<List<Object>> future) throws IOException {
    Reply reply;
    try {
      reply = new Reply(memory.context().redis().await(future));
    } catch (RedisException e) {
      throw Scripts.failed(Keys.meta(memory.id()), "view_read", e);
    }
    return switch (reply.status()) {
      case Reply.OK -> reply.values().subList(1, reply.size());
      case Reply.CLOSED -> throw new MemoryClosedException(memory.id());
      case Reply.VIEW ->
          throw new IOException(
              "view of memory " + memory.id() + " expired: unread for too long, or open too long");
      default -> throw new IllegalStateException("unexpected reply " + reply.values());
    };
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (!member.isEmpty()) {
        // Not awaited: later commands of this client on the memory run after it anyway.
        memory.context().scripts().send("view_close", Keys.meta(memory.id()), member);
      }
    }
  }
}
