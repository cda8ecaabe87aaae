package dev.wasmmemory.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The test modules of {@code src/test/resources/wasm} (text beside each; build.sh rebuilds). */
public final class TestModules {
  private TestModules() {}

  public static byte[] bytes(String name) {
    try (InputStream in = TestModules.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
      if (in == null) {
        throw new IllegalArgumentException("no test module " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
