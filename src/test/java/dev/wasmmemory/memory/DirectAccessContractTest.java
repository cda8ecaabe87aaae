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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Read views ({@code view}) and mutable direct access ({@code withDirectAccessMut}). */
class DirectAccessContractTest {

  private static byte[] contents(RegionView view) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    view.transferTo(out);
    return out.toByteArray();
  }

  @ContractTest
  void viewIsASnapshotThatLaterMutationsDoNotChange(MemoryFactory memories) throws IOException {
    LinearMemory memory = memories.alloc(4);
    LinearMemory other = memories.alloc(1);
    other.set(0, TestBytes.filled(PAGE_SIZE, 0x33));
    byte[] original = pattern(8, 4 * PAGE_SIZE);
    memory.set(0, original);

    try (RegionView view = memory.view(PAGE_SIZE - 100, 2 * PAGE_SIZE + 200)) {
      memory.set(PAGE_SIZE - 50, new byte[] {1, 2, 3});
      memory.set(PAGE_SIZE - 49, new byte[] {4});
      memory.setBits(ValueType.I64, 2L * PAGE_SIZE - 4, -1L);
      memory.clear(2L * PAGE_SIZE, (byte) 9, 10);
      memory.zero(PAGE_SIZE, PAGE_SIZE);
      memory.copy(3L * PAGE_SIZE, 2L * PAGE_SIZE + 50, 30);
      memory.transferFrom(other, 0, 3L * PAGE_SIZE - 100, 60);
      memory.writeFrom(2L * PAGE_SIZE, PAGE_SIZE, new ByteArrayInputStream(new byte[PAGE_SIZE]));
      memory.withDirectAccessMut(PAGE_SIZE - 100, 10, chunk -> chunk.put(0, (byte) 77));
      memory.grow(1);
      memory.erase();

      byte[] expected = new byte[2 * PAGE_SIZE + 200];
      System.arraycopy(original, PAGE_SIZE - 100, expected, 0, expected.length);
      assertSameBytes(contents(view), expected);
      assertSameBytes(contents(view), expected);
    }
    assertAllBytes(snapshot(memory), 0);
  }

  @ContractTest
  void viewsOpenedAtDifferentTimesSeeTheirOwnSnapshots(MemoryFactory memories) throws IOException {
    LinearMemory memory = memories.alloc(1);
    memory.set(0, new byte[] {1});
    try (RegionView first = memory.view(0, 1)) {
      memory.set(0, new byte[] {2});
      try (RegionView second = memory.view(0, 1)) {
        memory.set(0, new byte[] {3});

        assertThat(contents(first)).containsExactly(1);
        assertThat(contents(second)).containsExactly(2);
        assertThat(memory.get(0, 1)).containsExactly(3);
      }
    }
    memory.set(0, new byte[] {4});
    try (RegionView third = memory.view(0, 1)) {
      assertThat(contents(third)).containsExactly(4);
    }
  }

  @ContractTest
  void viewChunksAreReadOnlyLittleEndianAndAtMostAPage(MemoryFactory memories) throws IOException {
    LinearMemory memory = memories.alloc(3);
    memory.setBits(ValueType.I32, PAGE_SIZE - 4, 0x0102_0304L);
    List<ByteBuffer> chunks = new ArrayList<>();

    try (RegionView view = memory.view(PAGE_SIZE - 4, PAGE_SIZE + 8)) {
      assertThat(view.offset()).isEqualTo(PAGE_SIZE - 4);
      assertThat(view.length()).isEqualTo(PAGE_SIZE + 8);
      view.forEachChunk(chunks::add);
    }

    assertThat(chunks).extracting(ByteBuffer::remaining).containsExactly(4, PAGE_SIZE, 4);
    assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.isReadOnly()).isTrue());
    assertThat(chunks.get(0).order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    assertThat(chunks.get(0).getInt(0)).isEqualTo(0x0102_0304);
  }

  @ContractTest
  void viewOfLengthZeroAtTheEndIsEmpty(MemoryFactory memories) throws IOException {
    LinearMemory memory = memories.alloc(1);

    try (RegionView view = memory.view(PAGE_SIZE, 0)) {
      assertThat(contents(view)).isEmpty();
    }
  }

  @ContractTest
  void viewOutOfBoundsIsRefused(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);

    assertThatThrownBy(() -> memory.view(PAGE_SIZE, 1)).isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.view(Pages.MAX_U32, 2))
        .isInstanceOf(OutOfBoundsException.class);
  }

  @ContractTest
  void withDirectAccessMutHandsOutWritablePageSizedLittleEndianChunks(MemoryFactory memories)
      throws IOException {
    LinearMemory memory = memories.alloc(3);
    List<Integer> sizes = new ArrayList<>();

    memory.withDirectAccessMut(
        PAGE_SIZE - 4,
        PAGE_SIZE + 8,
        chunk -> {
          assertThat(chunk.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
          assertThat(chunk.position()).isZero();
          sizes.add(chunk.remaining());
          chunk.putInt(0, 0x0A0B_0C0D);
          chunk.put(chunk.limit() - 1, (byte) 0x7F);
        });

    assertThat(sizes).containsExactly(4, PAGE_SIZE, 4);
    assertThat(memory.getBits(ValueType.U32, PAGE_SIZE - 4)).isEqualTo(0x7F0B_0C0DL);
    assertThat(memory.getBits(ValueType.U32, PAGE_SIZE)).isEqualTo(0x0A0B_0C0DL);
    assertThat(memory.get(2L * PAGE_SIZE - 1, 1)).containsExactly(0x7F);
    assertThat(memory.get(2L * PAGE_SIZE, 4)).containsExactly(0x0D, 0x0C, 0x0B, 0x7F);
    assertThat(memory.get(2L * PAGE_SIZE + 4, 1)).containsExactly(0);
  }

  @ContractTest
  void withDirectAccessMutOutOfBoundsNeverCallsTheVisitor(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);
    List<ByteBuffer> seen = new ArrayList<>();

    assertThatThrownBy(() -> memory.withDirectAccessMut(PAGE_SIZE - 1, 2, seen::add))
        .isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.withDirectAccessMut(Pages.MAX_U32, 2, seen::add))
        .isInstanceOf(OutOfBoundsException.class);

    assertThat(seen).isEmpty();
    assertThat(memory.materializedPages()).isZero();
  }

  @ContractTest
  void withDirectAccessMutKeepsWhatTheVisitorWroteBeforeItThrew(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(2);

    assertThatThrownBy(
            () ->
                memory.withDirectAccessMut(
                    0,
                    2L * PAGE_SIZE,
                    chunk -> {
                      chunk.put(0, (byte) 1);
                      throw new IOException("visitor failed");
                    }))
        .hasMessage("visitor failed");

    assertThat(memory.get(0, 1)).containsExactly(1);
    assertThat(memory.get(PAGE_SIZE, 1)).containsExactly(0);
  }
}
