package dev.wasmmemory.module;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import run.endive.runtime.HostFunction;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;

/**
 * WASI preview 1 for one instance: arguments, environment and stdin from its {@link WasiConfig};
 * stdout and stderr captured per call, so each invoke answers what it printed. No directory is
 * pre-opened and sockets are refused, so the program reaches no file and no network.
 */
final class WasiSession {
  /** Each stream keeps at most this much of one call's output; writes past it fail with EIO. */
  static final int MAX_OUTPUT = 1 << 20;

  private final Capture stdout = new Capture();
  private final Capture stderr = new Capture();
  private final WasiPreview1 wasi;

  WasiSession(WasiConfig config) {
    WasiOptions.Builder options =
        WasiOptions.builder()
            .withArguments(config.args())
            .withStdin(new ByteArrayInputStream(config.stdin()), false)
            .withStdout(stdout, false)
            .withStderr(stderr, false)
            .withRandom(new SecureRandom());
    config.env().forEach(options::withEnvironment);
    this.wasi = WasiPreview1.builder().withOptions(options.build()).build();
  }

  HostFunction[] functions() {
    return wasi.toHostFunctions();
  }

  /** Forgets what earlier calls printed. */
  void beginCall() {
    stdout.reset();
    stderr.reset();
  }

  byte[] stdout() {
    return stdout.toByteArray();
  }

  byte[] stderr() {
    return stderr.toByteArray();
  }

  /** One call's output of one stream, bounded by {@link #MAX_OUTPUT}. */
  private static final class Capture extends OutputStream {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > MAX_OUTPUT - buffer.size()) {
        throw new IOException("output of one call is limited to " + MAX_OUTPUT + " bytes");
      }
      buffer.write(b, off, len);
    }

    void reset() {
      buffer.reset();
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buffer.toByteArray(), buffer.size());
    }
  }
}
