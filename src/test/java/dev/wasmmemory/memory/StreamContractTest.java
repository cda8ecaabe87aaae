package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static dev.wasmmemory.memory.TestBytes.assertAllBytes;
import static dev.wasmmemory.memory.TestBytes.assertSameBytes;
import static dev.wasmmemory.memory.TestBytes.pattern;
import static dev.wasmmemory.memory.TestBytes.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Streamed writes ({@code writeFrom}) and streamed reads ({@code readTo}). */
class StreamContractTest {

  private static InputStream stream(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }

  @ContractTest
  void writeFromOfAnExactLengthWritesItAcrossPages(MemoryFactory memories) throws IOException {
    LinearMemory memory = memories.alloc(4);
    byte[] bytes = pattern(1, 2 * PAGE_SIZE + 20);

    long written = memory.writeFrom(PAGE_SIZE - 10, bytes.length, stream(bytes)).length();

    assertThat(written).isEqualTo(bytes.length);
    byte[] expected = new byte[4 * PAGE_SIZE];
    System.arraycopy(bytes, 0, expected, PAGE_SIZE - 10, bytes.length);
    assertSameBytes(snapshot(memory), expected);
  }

  @ContractTest
  void writeFromReadsNoMoreThanTheAnnouncedLength(MemoryFactory memories) throws IOException {
    LinearMemory memory = memories.alloc(1);
    ByteArrayInputStream in = new ByteArrayInputStream(new byte[] {1, 2, 3, 4});

    assertThat(memory.writeFrom(10, 2, in).length()).isEqualTo(2);

    assertThat(memory.get(9, 4)).containsExactly(0, 1, 2, 0);
    assertThat(in.available()).isEqualTo(2);
  }

  @ContractTest
  void writeFromOfAShortStreamThrowsEofAndChangesNothing(MemoryFactory memories) {
    CountingPageBudget budget = CountingPageBudget.unlimited();
    LinearMemory memory = memories.alloc(4, null, budget);
    memory.set(PAGE_SIZE, TestBytes.filled(PAGE_SIZE, 5));
    long version = memory.version();
    byte[] before = snapshot(memory);
    byte[] bytes = pattern(2, 3 * PAGE_SIZE - 1);

    assertThatThrownBy(() -> memory.writeFrom(0, 3 * PAGE_SIZE, stream(bytes)))
        .isInstanceOf(EOFException.class);

    assertSameBytes(snapshot(memory), before);
    assertThat(memory.materializedPages()).isEqualTo(1);
    assertThat(budget.held()).isEqualTo(1);
    assertThat(memory.version()).isEqualTo(version);
  }

  @ContractTest
  void writeFromOfUnknownLengthWritesWhatTheStreamHolds(MemoryFactory memories) throws IOException {
    LinearMemory memory = memories.alloc(2);
    byte[] bytes = pattern(3, PAGE_SIZE + 3);

    assertThat(memory.writeFrom(5, -1, stream(bytes)).length()).isEqualTo(bytes.length);

    assertSameBytes(memory.get(5, bytes.length), bytes);
    assertThat(memory.get(4, 1)).containsExactly(0);
    assertThat(memory.get(5 + bytes.length, 1)).containsExactly(0);
  }

  @ContractTest
  void writeFromOfUnknownLengthMayFillUpToTheEnd(MemoryFactory memories) throws IOException {
    LinearMemory memory = memories.alloc(2);
    byte[] bytes = pattern(4, 2 * PAGE_SIZE - 7);

    assertThat(memory.writeFrom(7, -1, stream(bytes)).length()).isEqualTo(bytes.length);

    assertSameBytes(memory.get(7, bytes.length), bytes);
  }

  @ContractTest
  void writeFromOfUnknownLengthTooLongIsOutOfBoundsAndChangesNothing(MemoryFactory memories) {
    CountingPageBudget budget = CountingPageBudget.unlimited();
    LinearMemory memory = memories.alloc(3, null, budget);
    memory.set(0, TestBytes.filled(PAGE_SIZE, 8));
    byte[] bytes = pattern(5, 2 * PAGE_SIZE + 1);

    assertThatThrownBy(() -> memory.writeFrom(PAGE_SIZE, -1, stream(bytes)))
        .isInstanceOf(OutOfBoundsException.class);

    assertAllBytes(memory.get(0, PAGE_SIZE), 8);
    assertAllBytes(memory.get(PAGE_SIZE, 2 * PAGE_SIZE), 0);
    assertThat(memory.materializedPages()).isEqualTo(1);
    assertThat(budget.held()).isEqualTo(1);
  }

  @ContractTest
  void writeFromAtTheEndWithNothingToWriteIsInBounds(MemoryFactory memories) throws IOException {
    LinearMemory memory = memories.alloc(1);

    assertThat(memory.writeFrom(PAGE_SIZE, -1, stream(new byte[0])).length()).isZero();
    assertThat(memory.writeFrom(PAGE_SIZE, 0, stream(new byte[] {1})).length()).isZero();
    assertThatThrownBy(() -> memory.writeFrom(PAGE_SIZE, -1, stream(new byte[] {1})))
        .isInstanceOf(OutOfBoundsException.class);

    assertAllBytes(snapshot(memory), 0);
  }

  @ContractTest
  void writeFromOutOfBoundsFailsBeforeReadingTheStream(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);
    ByteArrayInputStream in = new ByteArrayInputStream(new byte[32]);

    assertThatThrownBy(() -> memory.writeFrom(PAGE_SIZE - 10, 11, in))
        .isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.writeFrom(PAGE_SIZE + 1, -1, in))
        .isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.writeFrom(Pages.MAX_U32, 2, in))
        .isInstanceOf(OutOfBoundsException.class);

    assertThat(in.available()).isEqualTo(32);
  }

  @ContractTest
  void writeFromOfAFailingStreamChangesNothing(MemoryFactory memories) {
    CountingPageBudget budget = CountingPageBudget.unlimited();
    LinearMemory memory = memories.alloc(3, null, budget);
    InputStream failing = new FailingAfter(2 * PAGE_SIZE + 100);

    assertThatThrownBy(() -> memory.writeFrom(0, 3 * PAGE_SIZE, failing))
        .isInstanceOf(IOException.class)
        .hasMessage("connection reset");

    assertAllBytes(snapshot(memory), 0);
    assertThat(budget.held()).isZero();
    assertThat(memory.materializedPages()).isZero();
  }

  @ContractTest
  void writeFromOfZerosOverDataZeroesItAndReleasesWholePages(MemoryFactory memories)
      throws IOException {
    CountingPageBudget budget = CountingPageBudget.unlimited();
    LinearMemory memory = memories.alloc(3, null, budget);
    memory.set(0, TestBytes.filled(3 * PAGE_SIZE, 7));

    memory.writeFrom(10, 3 * PAGE_SIZE - 20, stream(new byte[3 * PAGE_SIZE - 20]));

    assertThat(memory.get(0, 10)).containsOnly(7);
    assertAllBytes(memory.get(10, 3 * PAGE_SIZE - 20), 0);
    assertThat(memory.get(3L * PAGE_SIZE - 10, 10)).containsOnly(7);
    assertThat(memory.materializedPages()).isEqualTo(2);
    assertThat(budget.held()).isEqualTo(2);
  }

  @ContractTest
  void readToWritesASmallRegion(MemoryFactory memories) throws IOException {
    LinearMemory memory = memories.alloc(2);
    byte[] bytes = pattern(6, 1000);
    memory.set(PAGE_SIZE - 500, bytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    memory.readTo(PAGE_SIZE - 500, 1000, out);

    assertSameBytes(out.toByteArray(), bytes);
  }

  @ContractTest
  void readToWritesARegionLargerThanOneMebibyte(MemoryFactory memories) throws IOException {
    LinearMemory memory = memories.alloc(20);
    byte[] bytes = pattern(7, 18 * PAGE_SIZE + 3);
    memory.set(PAGE_SIZE - 1, bytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    memory.readTo(PAGE_SIZE - 1, bytes.length, out);

    assertSameBytes(out.toByteArray(), bytes);
  }

  @ContractTest
  void readToOutOfBoundsWritesNothing(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(20);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThatThrownBy(() -> memory.readTo(1, 20L * PAGE_SIZE, out))
        .isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.readTo(20L * PAGE_SIZE - 1, 2, out))
        .isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.readTo(Pages.MAX_U32, 2, out))
        .isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.readTo(0, -1, out)).isInstanceOf(OutOfBoundsException.class);

    assertThat(out.size()).isZero();
  }

  /** A stream of {@code 0x5A} bytes that fails, as a dropped connection does, after some. */
  private static final class FailingAfter extends InputStream {
    private int left;

    FailingAfter(int bytes) {
      this.left = bytes;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left == 0) {
        throw new IOException("connection reset");
      }
      int n = Math.min(len, left);
      java.util.Arrays.fill(b, off, off + n, (byte) 0x5A);
      left -= n;
      return n;
    }
  }
}
