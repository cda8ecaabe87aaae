package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.MAX_BYTES;
import static dev.wasmmemory.memory.Pages.MAX_PAGES;
import static dev.wasmmemory.memory.Pages.MAX_U32;
import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A memory of 65536 pages (4 GiB) is usable on a small heap: only written pages hold storage, which
 * {@code materializedPages()} shows (rather than a timing or a heap measurement).
 */
class FullMemoryContractTest {
  private static final long THREE_GIB = 3L << 30;

  @ContractTest
  void aFullMemoryHoldsOnlyThePagesWritten(MemoryFactory memories) {
    CountingPageBudget budget = CountingPageBudget.unlimited();
    LinearMemory memory = memories.alloc(MAX_PAGES, null, budget);

    memory.set(MAX_U32, new byte[] {0x5A});
    memory.setBits(ValueType.U64, THREE_GIB, 0x0123_4567_89AB_CDEFL);

    assertThat(memory.sizeBytes()).isEqualTo(MAX_BYTES);
    assertThat(memory.get(MAX_U32, 1)).containsExactly(0x5A);
    assertThat(memory.getBits(ValueType.U64, THREE_GIB)).isEqualTo(0x0123_4567_89AB_CDEFL);
    assertThat(memory.get(MAX_U32 - 1, 1)).containsExactly(0);
    assertThat(memory.get(THREE_GIB + 8, 1)).containsExactly(0);
    assertThat(memory.materializedPages()).isEqualTo(2);
    assertThat(budget.held()).isEqualTo(2);
  }

  @ContractTest
  void growingToFourGibCostsNothingUntilWritten(MemoryFactory memories) throws IOException {
    LinearMemory memory = memories.alloc(0);

    memory.grow(MAX_PAGES);
    memory.writeFrom(MAX_BYTES - 3, -1, new ByteArrayInputStream(new byte[] {1, 2, 3}));

    assertThat(memory.get(MAX_BYTES - 4, 4)).containsExactly(0, 1, 2, 3);
    assertThat(memory.materializedPages()).isEqualTo(1);
  }

  @ContractTest
  void aWholeFourGibMemoryStreamsOutAPageAtATime(MemoryFactory memories) throws IOException {
    LinearMemory memory = memories.alloc(MAX_PAGES);
    memory.set(MAX_U32, new byte[] {0x5A});
    memory.set(THREE_GIB, new byte[] {0x3C});
    ProbingStream out = new ProbingStream(THREE_GIB, MAX_U32);

    memory.readTo(0, MAX_BYTES, out);

    assertThat(out.count).isEqualTo(MAX_BYTES);
    assertThat(out.largestWrite).isLessThanOrEqualTo(PAGE_SIZE);
    assertThat(out.probed).containsExactly(0x3C, 0x5A);
    assertThat(memory.materializedPages()).isEqualTo(2);
  }

  @ContractTest
  void copiesAndTransfersReachTheLastPage(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(MAX_PAGES);
    LinearMemory other = memories.alloc(MAX_PAGES);
    memory.set(THREE_GIB, new byte[] {9, 8, 7});

    memory.copy(THREE_GIB, MAX_BYTES - 3, 3);
    other.transferFrom(memory, MAX_BYTES - 3, MAX_BYTES - 3, 3);

    assertThat(other.get(MAX_BYTES - 3, 3)).containsExactly(9, 8, 7);
    assertThat(memory.materializedPages()).isEqualTo(2);
    assertThat(other.materializedPages()).isEqualTo(1);
  }

  /** Counts what it is given and keeps the bytes at some absolute positions. */
  private static final class ProbingStream extends OutputStream {
    private final long[] positions;
    private final int[] probed;
    private long count;
    private int largestWrite;

    ProbingStream(long... positions) {
      this.positions = positions;
      this.probed = new int[positions.length];
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      for (int i = 0; i < positions.length; i++) {
        if (positions[i] >= count && positions[i] < count + len) {
          probed[i] = b[off + (int) (positions[i] - count)];
        }
      }
      count += len;
      largestWrite = Math.max(largestWrite, len);
    }
  }
}
