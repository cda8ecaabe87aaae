package dev.wasmmemory.store.redis;

import dev.wasmmemory.memory.GrowLimitExceededException;
import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryClosedException;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.OutOfBoundsException;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.memory.RegionView;
import dev.wasmmemory.memory.RegionsOverlapException;
import dev.wasmmemory.memory.StorageException;
import dev.wasmmemory.memory.ValueType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A linear memory stored in Redis: its pages and meta live under its hash tag on one primary, and
 * each operation is one function call there ({@code wasmmemory.lua}), so it is linearizable and its
 * version exact whichever replica of the service calls. This object holds no state of the memory
 * besides its id and limits: any number of them, in any number of processes, may stand for one
 * memory. Large writes are staged ({@link StagedWrites}), large reads go through a pinned {@link
 * RedisRegionView}, transfers between memories and direct access take leases ({@link Transfers},
 * {@link DirectAccess}).
 */
final class RedisMemory implements LinearMemory {
  /** Writes up to this size go in one call; larger ones are staged. */
  static final int INLINE_WRITE = 1 << 20;

  /** Reads up to this size come in one call; larger ones stream through a view. */
  static final int INLINE_READ = 4 << 20;

  private final StoreContext context;
  private final String id;
  private final MemoryLimits limits;
  private final Mutator mutator;

  RedisMemory(
      StoreContext context, String id, MemoryLimits limits, PageLedger ledger, long expected) {
    this.context = context;
    this.id = Objects.requireNonNull(id);
    this.limits = limits;
    this.mutator = new Mutator(context, id, ledger, expected);
  }

  StoreContext context() {
    return context;
  }

  Mutator mutator() {
    return mutator;
  }

  PageLedger ledger() {
    return mutator.ledger();
  }

  @Override
  public String id() {
    return id;
  }

  /**
   * The same for every memory, so several are leased in id order: transfers need no order (they
   * take both leases at once or neither, never waiting while holding one), an exclusive action on
   * several memories needs one that every such action shares ({@link Exclusive}).
   */
  @Override
  public long lockOrder() {
    return 0;
  }

  @Override
  public MemoryLimits limits() {
    return limits;
  }

  @Override
  public long sizeBytes() {
    return Pages.toBytes(info()[1]);
  }

  @Override
  public int materializedPages() {
    return (int) info()[2];
  }

  @Override
  public long version() {
    return info()[0];
  }

  /** Version, pages and materialised pages, read at one instant (after any fence). */
  private long[] info() {
    Reply reply = context.read("info", id);
    if (!reply.ok()) {
      throw reply.failure(id, Mutator.ANY_VERSION, 0, 0);
    }
    return new long[] {reply.number(1), reply.number(2), reply.number(3)};
  }

  @Override
  public LinearMemory ifVersion(long expected) {
    return new RedisMemory(context, id, limits, mutator.ledger(), expected);
  }

  // ---- reads ----

  @Override
  public Versioned<byte[]> read(long offset, long length) {
    if (length < 0) {
      throw new OutOfBoundsException(id, "offset", offset, length, sizeBytes());
    }
    if (length <= INLINE_READ) {
      Reply reply = context.read("read", id, offset, length);
      if (!reply.ok()) {
        throw reply.failure(id, Mutator.ANY_VERSION, offset, length);
      }
      return new Versioned<>(reply.bytes(2), reply.number(1));
    }
    try (RegionView view = view(offset, length)) {
      if (length > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("region too large for one array: " + length);
      }
      ByteBuffer bytes = ByteBuffer.allocate((int) length);
      view.forEachChunk(bytes::put);
      return new Versioned<>(bytes.array(), view.version());
    } catch (IOException e) {
      throw new StorageException(id, "reading memory " + id + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void getInto(long offset, byte[] target) {
    byte[] bytes = read(offset, target.length).value();
    System.arraycopy(bytes, 0, target, 0, bytes.length);
  }

  @Override
  public ValueRead getValue(ValueType type, long offset) {
    Versioned<byte[]> bytes = read(offset, type.width());
    long bits = 0;
    for (int i = type.width() - 1; i >= 0; i--) {
      bits = (bits << 8) | (bytes.value()[i] & 0xFF);
    }
    return new ValueRead(bits, bytes.version());
  }

  @Override
  public RegionView view(long offset, long length) {
    return RedisRegionView.open(this, offset, length);
  }

  @Override
  public long readTo(long offset, long length, OutputStream out) throws IOException {
    if (length < 0) {
      throw new OutOfBoundsException(id, "offset", offset, length, sizeBytes());
    }
    if (length <= INLINE_WRITE) {
      Versioned<byte[]> bytes = read(offset, length);
      out.write(bytes.value());
      return bytes.version();
    }
    try (RegionView view = view(offset, length)) {
      view.transferTo(out);
      return view.version();
    }
  }

  // ---- writes ----

  @Override
  public long set(long offset, byte[] source, int from, int length) {
    Objects.checkFromIndexSize(from, length, source.length);
    if (length > INLINE_WRITE) {
      return StagedWrites.ofArray(this, offset, source, from, length);
    }
    byte[] data =
        from == 0 && length == source.length
            ? source
            : Arrays.copyOfRange(source, from, from + length);
    return write(offset, data, StagedWrites.MODE_SET, "").version();
  }

  /**
   * Writes {@code data} at {@code offset} in one call, under {@code token}'s lease if not empty.
   */
  Reply write(long offset, byte[] data, int mode, String token) {
    return mutator.run(
        "set",
        token,
        r -> r.failure(id, mutator.expected(), offset, data.length),
        offset,
        mode,
        data,
        !token.isEmpty());
  }

  @Override
  public long setBits(ValueType type, long offset, long bits) {
    byte[] bytes = new byte[type.width()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (bits >>> (8 * i));
    }
    return write(offset, bytes, StagedWrites.MODE_SET, "").version();
  }

  @Override
  public StreamWrite writeFrom(long offset, long length, InputStream in) throws IOException {
    return StagedWrites.ofStream(this, offset, length, in);
  }

  @Override
  public long withDirectAccessMut(long offset, long length, RegionView.ChunkConsumer visitor)
      throws IOException {
    return DirectAccess.withDirectAccessMut(this, offset, length, visitor);
  }

  @Override
  public int grow(long pages) {
    if (pages < 0) {
      throw new IllegalArgumentException("pages must not be negative: " + pages);
    }
    Reply reply =
        mutator.run(
            "grow",
            "",
            r ->
                r.status() == Reply.GROW
                    ? new GrowLimitExceededException(
                        id, (int) r.number(1), pages, (int) r.number(2))
                    : null,
            pages);
    return (int) reply.number(4);
  }

  @Override
  public long copy(long sourceOffset, long destinationOffset, long length) {
    return copy(sourceOffset, destinationOffset, length, false);
  }

  @Override
  public long copyNonOverlapping(long sourceOffset, long destinationOffset, long length) {
    return copy(sourceOffset, destinationOffset, length, true);
  }

  private long copy(long source, long destination, long length, boolean nonOverlapping) {
    return mutator
        .run(
            "copy",
            "",
            r -> {
              if (r.status() == Reply.OVERLAP) {
                return new RegionsOverlapException(id, source, destination, length);
              }
              if (r.status() == Reply.BOUNDS) {
                boolean src = r.text(1).equals("sourceOffset");
                return new OutOfBoundsException(
                    id, r.text(1), src ? source : destination, length, r.number(2));
              }
              return null;
            },
            source,
            destination,
            length,
            nonOverlapping)
        .version();
  }

  @Override
  public long transferFrom(
      LinearMemory source, long sourceOffset, long destinationOffset, long length) {
    if (!(source instanceof RedisMemory from) || from.context != context) {
      throw new IllegalArgumentException("not a memory of this store: " + source.id());
    }
    if (from.id.equals(id)) {
      return copy(sourceOffset, destinationOffset, length);
    }
    return Transfers.transfer(from, sourceOffset, this, destinationOffset, length);
  }

  @Override
  public long clear(long offset, byte value, long length) {
    return mutator
        .run(
            "fill",
            "",
            r -> r.failure(id, mutator.expected(), offset, length),
            offset,
            length,
            value & 0xFF)
        .version();
  }

  @Override
  public long erase() {
    return mutator.run("erase", "", null).version();
  }

  @Override
  public <T> T exclusive(MemoryAction<T> action) {
    return Exclusive.run(this, action);
  }

  /**
   * Leased in id order, committed so that all the changes show at one instant ({@link Exclusive}).
   */
  @Override
  public <T> T exclusiveInOrder(List<LinearMemory> ordered, MultiMemoryAction<T> action) {
    List<RedisMemory> memories = new ArrayList<>(ordered.size());
    for (LinearMemory memory : ordered) {
      if (!(memory instanceof RedisMemory redis) || redis.context != context) {
        throw new IllegalArgumentException("not a memory of this store: " + memory.id());
      }
      memories.add(redis);
    }
    return Exclusive.run(memories, action);
  }

  @Override
  public void close() {
    drop();
  }

  /**
   * Drops the memory and its snapshots; false when it was gone already (closing twice is harmless).
   */
  boolean drop() {
    try {
      Reply reply = mutator.run("drop", "", null);
      List<String> snapshots = new ArrayList<>();
      for (int i = 4; i < reply.size(); i++) {
        snapshots.add(reply.text(i));
      }
      RedisSnapshots.forget(context, snapshots);
      return true;
    } catch (MemoryClosedException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "RedisMemory[" + id + "]";
  }
}
