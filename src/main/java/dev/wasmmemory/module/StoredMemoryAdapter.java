package dev.wasmmemory.module;

import java.util.BitSet;
import run.endive.runtime.ConstantEvaluators;
import run.endive.runtime.Instance;
import run.endive.wasm.UninstantiableException;
import run.endive.wasm.types.ActiveDataSegment;
import run.endive.wasm.types.DataSegment;
import run.endive.wasm.types.PassiveDataSegment;

/**
 * Endive's {@code Memory} over one stored memory, for the whole life of an instance: data segments,
 * {@code memory.init}/{@code data.drop}, and the atomics. Bound to the call's access by {@link
 * AccessMemory#bind}.
 *
 * <p>Our memories are never shared: one call holds the memory alone, so each atomic operation is
 * the plain load and store it stands for, and a wait on it traps as the threads proposal says for
 * unshared memories. Segment state is the instance's: Endive hands every memory the instance's own
 * array, so a {@code data.drop} through the instance or through this memory is seen by both.
 */
final class StoredMemoryAdapter extends AtomicOperations {
  private final String memoryId;
  private final int initialPages;

  /** The instance's data segments (shared with it); null until {@link #initialize}. */
  private DataSegment[] segments;

  /** Segments a restored instance had dropped before: dropped again at {@link #initialize}. */
  private final BitSet dropped;

  /**
   * True while a persisted instance is re-created: its memory already holds what the data segments
   * and the start function wrote, so neither zeroing nor active segments may touch it.
   */
  private boolean restoring;

  StoredMemoryAdapter(String memoryId, int initialPages, BitSet dropped) {
    this.memoryId = memoryId;
    this.initialPages = initialPages;
    this.dropped = (BitSet) dropped.clone();
  }

  String memoryId() {
    return memoryId;
  }

  void restoring(boolean restoring) {
    this.restoring = restoring;
  }

  /**
   * Which segments are dropped now (by {@code data.drop} through the instance or this memory, or
   * active ones once applied), for the instance's record.
   */
  BitSet dropped() {
    BitSet now = new BitSet();
    for (int i = 0; segments != null && i < segments.length; i++) {
      if (segments[i] == PassiveDataSegment.EMPTY) {
        now.set(i);
      }
    }
    return now;
  }

  @Override
  public int initialPages() {
    return initialPages;
  }

  @Override
  public boolean shared() {
    return false;
  }

  @Override
  public void zero() {
    if (!restoring) {
      super.zero();
    }
  }

  @Override
  public void initialize(Instance instance, DataSegment[] dataSegments) {
    initialize(instance, dataSegments, 0);
  }

  /**
   * Applies the active segments of memory {@code memoryIndex} in order; one out of bounds fails the
   * instantiation, the segments before it staying written (the spec since bulk memory). An applied
   * active segment counts as dropped, as the spec's instantiation does.
   */
  @Override
  public void initialize(Instance instance, DataSegment[] dataSegments, int memoryIndex) {
    this.segments = dataSegments;
    if (dataSegments == null) {
      return;
    }
    for (int i = dropped.nextSetBit(0);
        i >= 0 && i < dataSegments.length;
        i = dropped.nextSetBit(i + 1)) {
      dataSegments[i] = PassiveDataSegment.EMPTY;
    }
    if (restoring) {
      return;
    }
    for (int i = 0; i < dataSegments.length; i++) {
      if (dataSegments[i] instanceof ActiveDataSegment segment && segment.index() == memoryIndex) {
        long offset =
            Integer.toUnsignedLong(
                (int)
                    ConstantEvaluators.computeConstantValue(instance, segment.offsetInstructions())[
                        0]);
        byte[] data = segment.data();
        if (offset > access().sizeBytes() - data.length) {
          throw new UninstantiableException("out of bounds memory access");
        }
        access().write(offset, data, 0, data.length);
        drop(i);
      }
    }
  }

  /**
   * {@code memory.init}: both the segment's slice and the target are checked before a byte moves.
   */
  @Override
  public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
    byte[] data = segments[segmentId].data();
    if (offset < 0 || size < 0 || offset > data.length - size) {
      throw outOfBounds();
    }
    write(dest, data, offset, size);
  }

  @Override
  public void drop(int segment) {
    segments[segment] = PassiveDataSegment.EMPTY;
  }
}
