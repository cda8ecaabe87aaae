package dev.wasmmemory.memory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * A WebAssembly linear memory with the operations of wasmi's {@code MemoryInstance}, whatever holds
 * its bytes: the heap, an embedded store, or a Redis cluster. Every store passes the same contract
 * suite, so the layers above never ask which one they have.
 *
 * <p>The rules every implementation keeps: a memory is zeroed and sized in whole 64 KiB pages;
 * offsets and lengths are unsigned 32-bit values carried in {@code long}s and {@code offset +
 * length} is never computed where it could wrap; an operation that throws a {@link MemoryException}
 * has changed no byte; each memory is linearizable, and its {@link #version()} moves with every
 * successful mutation and never otherwise. Mutations answer the version they left the memory at,
 * reads the version their bytes belong to, so an entity tag always names the bytes it was sent
 * with.
 */
public interface LinearMemory {
  /** What {@link #view} takes as length for "up to the end of the memory". */
  long TO_END = -1;

  /** The id the memory is stored under; exceptions about the memory carry it. */
  String id();

  /**
   * Where the memory stands in the one order in which operations on several memories lock them
   * ({@link #transferFrom}, {@link #exclusive(List, MultiMemoryAction)}): by this number, then by
   * id. Fixed for the memory's life; a store whose transfers need no order answers 0 for all.
   */
  long lockOrder();

  MemoryLimits limits();

  long sizeBytes();

  default int currentPages() {
    return (int) (sizeBytes() >>> Pages.PAGE_SHIFT);
  }

  /** Pages that hold storage; the others read as zeros and cost nothing. */
  int materializedPages();

  /** A number that changes with every successful mutation: the base of the entity tag. */
  long version();

  /**
   * This memory, for mutations that apply only while its version is {@code expected}: checked
   * atomically with the mutation (HTTP's {@code If-Match}). At another version a mutation throws
   * {@link VersionMismatchException} and changes nothing.
   */
  LinearMemory ifVersion(long expected);

  // ---- reads ----

  /** A copy of the bytes of {@code [offset, offset + length)}, with the version they belong to. */
  Versioned<byte[]> read(long offset, long length);

  /** A copy of the bytes of {@code [offset, offset + length)}; length at most 2^31 - 9. */
  default byte[] get(long offset, long length) {
    return read(offset, length).value();
  }

  /** Fills {@code target} with the bytes from {@code offset}. */
  void getInto(long offset, byte[] target);

  /** The raw little-endian bits of the {@code type} value at {@code offset}, zero-extended. */
  default long getBits(ValueType type, long offset) {
    return getValue(type, offset).bits();
  }

  /** The {@code type} value at {@code offset} and the version it was read at. */
  ValueRead getValue(ValueType type, long offset);

  /**
   * Read-only direct access: a consistent view of {@code [offset, offset + length)} ({@link
   * #TO_END}: up to the end) as of one instant, which does not block writers. Close it when done.
   */
  RegionView view(long offset, long length);

  /**
   * Writes {@code [offset, offset + length)} to {@code out} as it was at one instant, without
   * holding the memory while {@code out} blocks; answers the version the bytes belong to.
   */
  default long readTo(long offset, long length, OutputStream out) throws IOException {
    if (length < 0) {
      throw new OutOfBoundsException(id(), "offset", offset, length, sizeBytes());
    }
    try (RegionView view = view(offset, length)) {
      view.transferTo(out);
      return view.version();
    }
  }

  // ---- writes: each answers the version it left the memory at ----

  /** Writes {@code bytes} at {@code offset}. */
  default long set(long offset, byte[] bytes) {
    return set(offset, bytes, 0, bytes.length);
  }

  /** Writes {@code length} bytes of {@code source} from {@code from} at {@code offset}. */
  long set(long offset, byte[] source, int from, int length);

  /** Stores the low bytes of {@code bits} as a {@code type} value at {@code offset}. */
  long setBits(ValueType type, long offset, long bits);

  /**
   * Writes the bytes of {@code in} from {@code offset}: exactly {@code length} of them, or when
   * {@code length} is negative all up to the end of the stream. The bytes are staged before the
   * memory is locked and applied at once; a stream that ends early ({@link java.io.EOFException}),
   * fails, or holds more than fits changes nothing.
   */
  StreamWrite writeFrom(long offset, long length, InputStream in) throws IOException;

  /**
   * Mutable direct access: hands each chunk (at most a page) of {@code [offset, offset + length)}
   * to {@code visitor} as a writable little-endian buffer, the memory locked meanwhile. What the
   * visitor wrote before it threw stays written.
   */
  long withDirectAccessMut(long offset, long length, RegionView.ChunkConsumer visitor)
      throws IOException;

  /**
   * Grows the memory by {@code pages} zeroed pages and returns its previous size in pages. Past the
   * maximum it throws {@link GrowLimitExceededException} and grows nothing. Growing by 0 changes
   * nothing, not even the version.
   */
  int grow(long pages);

  /** memmove within this memory: the regions may overlap. */
  long copy(long sourceOffset, long destinationOffset, long length);

  /** Like {@link #copy}, but refuses regions that overlap with {@link RegionsOverlapException}. */
  long copyNonOverlapping(long sourceOffset, long destinationOffset, long length);

  /**
   * Copies {@code length} bytes from {@code source}, a memory of the same store, into this one; on
   * this memory itself it is {@link #copy}. Opposite transfers cannot deadlock.
   */
  long transferFrom(LinearMemory source, long sourceOffset, long destinationOffset, long length);

  /** memset: {@code length} bytes from {@code offset} set to {@code value}. */
  long clear(long offset, byte value, long length);

  /** Zeroes {@code length} bytes from {@code offset}; whole pages give their storage back. */
  default long zero(long offset, long length) {
    return clear(offset, (byte) 0, length);
  }

  /** Sets every byte to zero and releases every page; the size is kept. */
  long erase();

  /**
   * Runs {@code action} with the memory locked for it alone, handing it a {@link MemoryAccess} that
   * reads and writes without further locking: a WebAssembly call, or a batch of operations, is then
   * one linearizable operation. The version moves once if the action wrote.
   */
  <T> T exclusive(MemoryAction<T> action);

  /**
   * {@link #exclusive} on several memories of one store at once (a WebAssembly call that uses
   * several): all locked for {@code action} alone, taken in the order of {@link #lockOrder} then
   * id, the order transfers use, so that this cannot deadlock with a transfer or with another such
   * action. Others see all of the action's stores or none. A memory named twice is locked once and
   * both places get its one access. {@code action} gets the accesses in the order of {@code
   * memories}; each memory's version moves once if the action wrote to it.
   */
  static <T> T exclusive(List<? extends LinearMemory> memories, MultiMemoryAction<T> action) {
    return ExclusiveAll.run(memories, action);
  }

  /**
   * How this memory's store holds {@code ordered} (distinct memories of this store in the order of
   * {@link #exclusive(List, MultiMemoryAction)}, this one first) for that method, which is the one
   * to call: by default each one's {@link #exclusive} nested inside the previous one's. A store
   * whose memories commit one by one elsewhere overrides it, so that the action shows on all of
   * them at one instant.
   */
  default <T> T exclusiveInOrder(List<LinearMemory> ordered, MultiMemoryAction<T> action) {
    return ExclusiveAll.nested(ordered, action);
  }

  /**
   * Drops the memory: its pages go back to the budget and every later operation fails with {@link
   * MemoryClosedException}. Closing twice is harmless. Through {@link #ifVersion} it closes only at
   * that version, atomically (a conditional delete), or throws {@link VersionMismatchException}.
   */
  void close();

  /** What a streamed write wrote, and the version it left the memory at. */
  record StreamWrite(long length, long version) {}

  /** The raw bits of a value and the version of the memory they were read at. */
  record ValueRead(long bits, long version) {}

  /** A value read from a memory together with the version it belongs to. */
  record Versioned<T>(T value, long version) {}

  /** What runs under {@link #exclusive}. */
  @FunctionalInterface
  interface MemoryAction<T> {
    T run(MemoryAccess access);
  }

  /** What runs under {@link #exclusive(List, MultiMemoryAction)}. */
  @FunctionalInterface
  interface MultiMemoryAction<T> {
    T run(List<MemoryAccess> accesses);
  }
}
