package dev.wasmmemory.module;

import dev.wasmmemory.memory.MemoryAccess;
import dev.wasmmemory.memory.OutOfBoundsException;
import run.endive.runtime.Memory;
import run.endive.runtime.WasmRuntimeException;

/**
 * The loads, stores and bulk operations of Endive's {@link Memory} over one of our memories,
 * through the {@link MemoryAccess} that {@code LinearMemory.exclusive} hands to the running call:
 * the memory's lock is taken once per call, not per access.
 *
 * <p>Endive passes addresses as {@code int}; a memory is at most {@link Memory#RUNTIME_MAX_PAGES}
 * pages (under 2^31 bytes), so a negative address, length or size is an unsigned value past every
 * memory's end: each traps with the spec's {@code out of bounds memory access}, as the access's own
 * bounds check does for the rest. A trap changes nothing of the access that trapped.
 */
abstract class AccessMemory implements Memory {
  /** The access of the running call; set only between {@link #bind} and {@link #unbind}. */
  private MemoryAccess access;

  /** Lends the memory to a call: every operation until {@link #unbind} goes through it. */
  final void bind(MemoryAccess access) {
    this.access = access;
  }

  final void unbind() {
    this.access = null;
  }

  final MemoryAccess access() {
    return access;
  }

  /** The trap of every access outside the memory, negative addresses included. */
  static WasmRuntimeException outOfBounds() {
    return new WasmRuntimeException("out of bounds memory access");
  }

  // ---- size ----

  @Override
  public int pages() {
    return access.currentPages();
  }

  @Override
  public int maximumPages() {
    return Math.min(access.maximumPages(), RUNTIME_MAX_PAGES);
  }

  /** {@code memory.grow}: the previous size, or -1 past the maximum or Endive's 32,767 pages. */
  @Override
  public int grow(int size) {
    long pages = Integer.toUnsignedLong(size);
    if (pages > maximumPages() - access.currentPages()) {
      return -1;
    }
    return access.grow(pages);
  }

  // ---- loads ----

  /**
   * The {@code width} bytes at {@code addr}, sign-extended, through the access's cursor: inlined
   * with a constant width, the switch folds away and a load is the cursor's fast path.
   */
  private long load(int addr, int width) {
    try {
      return switch (width) {
        case 1 -> access.loadByte(addr);
        case 2 -> access.loadShort(addr);
        case 4 -> access.loadInt(addr);
        default -> access.loadLong(addr);
      };
    } catch (OutOfBoundsException e) {
      throw outOfBounds();
    }
  }

  @Override
  public byte read(int addr) {
    return (byte) load(addr, 1);
  }

  @Override
  public short readShort(int addr) {
    return (short) load(addr, 2);
  }

  @Override
  public long readU16(int addr) {
    return load(addr, 2) & 0xFFFF;
  }

  @Override
  public int readInt(int addr) {
    return (int) load(addr, 4);
  }

  @Override
  public long readLong(int addr) {
    return load(addr, 8);
  }

  @Override
  public float readFloat(int addr) {
    return Float.intBitsToFloat((int) load(addr, 4));
  }

  /** The bits of an f32, sign-extended as Endive's own memories answer them. */
  @Override
  public long readF32(int addr) {
    return load(addr, 4);
  }

  @Override
  public double readDouble(int addr) {
    return Double.longBitsToDouble(load(addr, 8));
  }

  @Override
  public long readF64(int addr) {
    return load(addr, 8);
  }

  @Override
  public byte[] readBytes(int addr, int len) {
    if (len < 0) {
      throw outOfBounds();
    }
    byte[] bytes = new byte[len];
    try {
      access.read(addr, bytes, 0, len);
    } catch (OutOfBoundsException e) {
      throw outOfBounds();
    }
    return bytes;
  }

  // ---- stores ----

  /** Stores the low {@code width} bytes of {@code bits}, through the cursor as {@link #load}. */
  final void store(int addr, int width, long bits) {
    try {
      switch (width) {
        case 1 -> access.storeByte(addr, (byte) bits);
        case 2 -> access.storeShort(addr, (short) bits);
        case 4 -> access.storeInt(addr, (int) bits);
        default -> access.storeLong(addr, bits);
      }
    } catch (OutOfBoundsException e) {
      throw outOfBounds();
    }
  }

  @Override
  public void writeByte(int addr, byte data) {
    store(addr, 1, data);
  }

  @Override
  public void writeShort(int addr, short data) {
    store(addr, 2, data);
  }

  @Override
  public void writeI32(int addr, int data) {
    store(addr, 4, data);
  }

  @Override
  public void writeLong(int addr, long data) {
    store(addr, 8, data);
  }

  /** The float's raw bits, so a NaN keeps its payload. */
  @Override
  public void writeF32(int addr, float data) {
    store(addr, 4, Float.floatToRawIntBits(data));
  }

  @Override
  public void writeF64(int addr, double data) {
    store(addr, 8, Double.doubleToRawLongBits(data));
  }

  @Override
  public void write(int addr, byte[] data, int offset, int size) {
    if (offset < 0 || size < 0 || offset > data.length - size) {
      throw outOfBounds();
    }
    try {
      access.write(addr, data, offset, size);
    } catch (OutOfBoundsException e) {
      throw outOfBounds();
    }
  }

  // ---- bulk ----

  /** {@code memory.fill}: Endive passes the end as {@code offset + size}, wrapped to an int. */
  @Override
  public void fill(byte value, int fromIndex, int toIndex) {
    int size = toIndex - fromIndex;
    if (size < 0) {
      throw outOfBounds();
    }
    try {
      access.fill(fromIndex, size, value);
    } catch (OutOfBoundsException e) {
      throw outOfBounds();
    }
  }

  /** {@code memory.copy} within this memory: memmove, both regions checked before a byte moves. */
  @Override
  public void copy(int dest, int src, int size) {
    if (size < 0) {
      throw outOfBounds();
    }
    try {
      access.copy(src, dest, size);
    } catch (OutOfBoundsException e) {
      throw outOfBounds();
    }
  }

  @Override
  public void zero() {
    access.fill(0, access.sizeBytes(), (byte) 0);
  }
}
