package dev.wasmmemory.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies: raw bytes at {@link ApiSettings#maxBodySize()}, anything else at {@link
 * ApiSettings#maxJsonBodySize()}. The body's stream throws {@link PayloadTooLargeException} as soon
 * as a reader asks for it with a larger {@code Content-Length}, or reads past the cap of a body of
 * unknown length; the exception handler turns that into a 413.
 */
@Component
class RequestBodyLimitFilter extends OncePerRequestFilter {
  private final ApiSettings settings;

  RequestBodyLimitFilter(ApiSettings settings) {
    this.settings = settings;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit =
        isRaw(request.getContentType()) ? settings.maxBodySize() : settings.maxJsonBodySize();
    chain.doFilter(new LimitedRequest(request, limit), response);
  }

  /** Raw bytes: no Content-Type (Spring reads it as octet-stream) or application/octet-stream. */
  private static boolean isRaw(String contentType) {
    if (contentType == null) {
      return true;
    }
    try {
      return MediaType.APPLICATION_OCTET_STREAM.includes(MediaType.parseMediaType(contentType));
    } catch (InvalidMediaTypeException e) {
      return false; // Spring MVC answers 415 for it; until then the smaller cap applies
    }
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (getContentLengthLong() > limit) {
        throw new PayloadTooLargeException(limit);
      }
      if (stream == null) {
        stream = new LimitedStream(super.getInputStream(), limit);
      }
      return stream;
    }
  }

  private static final class LimitedStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private long read;

    LimitedStream(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws PayloadTooLargeException {
      read += n;
      if (read > limit) {
        throw new PayloadTooLargeException(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
