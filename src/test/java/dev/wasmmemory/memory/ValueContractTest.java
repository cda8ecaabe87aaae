package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static dev.wasmmemory.memory.TestBytes.assertAllBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code setBits} and {@code getBits} for every {@link ValueType}: little-endian, exact bits. */
class ValueContractTest {
  private static final long BITS = 0x8877_6655_4433_2211L;

  @ContractTest
  void everyTypeRoundTripsAcrossAPageBoundary(MemoryFactory memories) {
    for (ValueType type : ValueType.values()) {
      for (long offset = PAGE_SIZE - 7; offset <= PAGE_SIZE - 1; offset++) {
        LinearMemory memory = memories.alloc(2);
        long bits = BITS & type.mask();

        memory.setBits(type, offset, bits);

        assertThat(memory.getBits(type, offset)).as("%s at %d", type, offset).isEqualTo(bits);
        assertThat(memory.get(offset, type.width()))
            .as("%s at %d", type, offset)
            .isEqualTo(littleEndian(bits, type.width()));
        assertThat(memory.get(offset - 1, 1)).containsExactly(0);
        assertThat(memory.get(offset + type.width(), 1)).containsExactly(0);
      }
    }
  }

  @ContractTest
  void valuesAreLittleEndian(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);

    memory.setBits(ValueType.I32, 8, 0x0102_0304L);
    memory.set(16, new byte[] {(byte) 0xEF, (byte) 0xBE, (byte) 0xAD, (byte) 0xDE});

    assertThat(memory.get(8, 4)).containsExactly(4, 3, 2, 1);
    assertThat(memory.getBits(ValueType.U32, 16)).isEqualTo(0xDEAD_BEEFL);
  }

  @ContractTest
  void setBitsStoresOnlyTheWidthOfTheType(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);

    memory.setBits(ValueType.U8, 0, 0x1FF);
    memory.setBits(ValueType.I16, 4, -1L);

    assertThat(memory.get(0, 8)).containsExactly(0xFF, 0, 0, 0, 0xFF, 0xFF, 0, 0);
  }

  @ContractTest
  void getBitsIsZeroExtendedForSignedTypes(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);
    memory.set(0, TestBytes.filled(8, 0xFF));

    assertThat(memory.getBits(ValueType.I8, 0)).isEqualTo(0xFFL);
    assertThat(memory.getBits(ValueType.I16, 0)).isEqualTo(0xFFFFL);
    assertThat(memory.getBits(ValueType.I32, 0)).isEqualTo(0xFFFF_FFFFL);
    assertThat(memory.getBits(ValueType.I64, 0)).isEqualTo(-1L);
    assertThat(ValueType.I32.toInteger(memory.getBits(ValueType.I32, 0))).isEqualTo(-1);
  }

  @ContractTest
  void f32KeepsItsExactBitsIncludingNanPayloads(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(2);
    long[] bits = {0x7FC0_0001L, 0xFF80_0001L, 0x7F80_0001L, 0x7FFF_FFFFL, 0x8000_0000L};

    for (long b : bits) {
      memory.setBits(ValueType.F32, PAGE_SIZE - 2, b);
      assertThat(memory.getBits(ValueType.F32, PAGE_SIZE - 2)).isEqualTo(b);
      memory.setBits(ValueType.F32, 100, b);
      assertThat(memory.getBits(ValueType.F32, 100)).isEqualTo(b);
    }
  }

  @ContractTest
  void f64KeepsItsExactBitsIncludingNanPayloads(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(2);
    long[] bits = {
      0x7FF0_0000_0000_0001L, 0xFFF8_0000_0000_0123L, 0x7FF7_FFFF_FFFF_FFFFL, 0x8000_0000_0000_0000L
    };

    for (long b : bits) {
      memory.setBits(ValueType.F64, PAGE_SIZE - 3, b);
      assertThat(memory.getBits(ValueType.F64, PAGE_SIZE - 3)).isEqualTo(b);
      memory.setBits(ValueType.F64, 64, b);
      assertThat(memory.getBits(ValueType.F64, 64)).isEqualTo(b);
    }
  }

  @ContractTest
  void valueInTheLastBytesIsInBoundsAndOneFurtherIsNot(MemoryFactory memories) {
    for (ValueType type : ValueType.values()) {
      LinearMemory memory = memories.alloc(1);
      long last = PAGE_SIZE - type.width();

      memory.setBits(type, last, type.mask());

      assertThat(memory.getBits(type, last)).isEqualTo(type.mask());
      assertThatThrownBy(() -> memory.getBits(type, last + 1))
          .isInstanceOf(OutOfBoundsException.class);
      assertThatThrownBy(() -> memory.setBits(type, last + 1, 1))
          .isInstanceOf(OutOfBoundsException.class);
    }
  }

  @ContractTest
  void valueStraddlingTheEndChangesNoByte(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);

    assertThatThrownBy(() -> memory.setBits(ValueType.I64, PAGE_SIZE - 3, -1L))
        .isInstanceOf(OutOfBoundsException.class);

    assertAllBytes(memory.get(PAGE_SIZE - 8, 8), 0);
  }

  @ContractTest
  void valuesAtOffsetsThatOverflow32BitsAreOutOfBounds(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(Pages.MAX_PAGES);

    memory.setBits(ValueType.U64, Pages.MAX_BYTES - 8, -1L);

    assertThat(memory.getBits(ValueType.U64, Pages.MAX_BYTES - 8)).isEqualTo(-1L);
    assertThatThrownBy(() -> memory.getBits(ValueType.U16, Pages.MAX_U32))
        .isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.getBits(ValueType.U8, Pages.MAX_BYTES))
        .isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.getBits(ValueType.U8, -1))
        .isInstanceOf(OutOfBoundsException.class);
  }

  @ContractTest
  void valuesOfAnEmptyMemoryAreOutOfBounds(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(0);

    assertThatThrownBy(() -> memory.getBits(ValueType.U8, 0))
        .isInstanceOf(OutOfBoundsException.class);
    assertThatThrownBy(() -> memory.setBits(ValueType.U8, 0, 1))
        .isInstanceOf(OutOfBoundsException.class);
  }

  private static byte[] littleEndian(long bits, int width) {
    byte[] bytes = new byte[width];
    for (int i = 0; i < width; i++) {
      bytes[i] = (byte) (bits >>> (8 * i));
    }
    return bytes;
  }
}
