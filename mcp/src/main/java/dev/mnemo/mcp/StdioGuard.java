package dev.mnemo.mcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands between stdin and the SDK's stdio transport: a line that is not a JSON object (or is
 * larger than the limit) gets a JSON-RPC parse error on stdout and is dropped, so one bad message
 * cannot stop the server; good lines pass through unchanged. When stdin ends, {@link #closed()}
 * opens.
 */
public final class StdioGuard {
  static final int MAX_LINE_CHARS = 4 << 20;

  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> lines = new LinkedBlockingQueue<>(64);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final InputStream toTransport = new LineStream();

  public StdioGuard(InputStream in, PrintStream out) {
    JsonMapper json = JsonMapper.builder().build();
    Thread.ofPlatform().daemon().name("mnemo-mcp-stdin").start(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.isBlank()) {
            continue;
          }
          String error = check(json, line);
          if (error != null) {
            synchronized (out) {
              out.println("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + error + "}}");
              out.flush();
            }
            continue;
          }
          lines.put((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
      } catch (IOException | InterruptedException e) {
        // stdin went away: the session is over
      } finally {
        lines.offer(END);
        closed.countDown();
      }
    });
  }

  /** The good lines, one after another, then end of stream. */
  private final class LineStream extends InputStream {
    private byte[] current = new byte[0];
    private int pos;
    private boolean ended;

    private boolean fill() throws IOException {
      while (!ended && pos >= current.length) {
        try {
          current = lines.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException();
        }
        pos = 0;
        ended = current == END;
      }
      return !ended;
    }

    @Override
    public synchronized int read() throws IOException {
      return fill() ? current[pos++] & 0xff : -1;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  /** Null when the line is a JSON-RPC message, else the error's code and message as JSON. */
  static String check(JsonMapper json, String line) {
    if (line.length() > MAX_LINE_CHARS) {
      return "-32600,\"message\":\"Request too large (" + line.length() + " characters; at most " + MAX_LINE_CHARS + ")\"";
    }
    try {
      JsonNode node = json.readTree(line);
      if (node == null || !(node.isObject() || node.isArray())) {
        return "-32600,\"message\":\"Invalid Request: not a JSON-RPC object\"";
      }
      if (node.isObject() && !node.has("method") && !node.has("result") && !node.has("error")) {
        return "-32600,\"message\":\"Invalid Request: no method\"";
      }
      return null;
    } catch (RuntimeException e) {
      return "-32700,\"message\":\"Parse error: not valid JSON\"";
    }
  }

  public InputStream input() {
    return toTransport;
  }

  public void awaitClosed() throws InterruptedException {
    closed.await();
  }
}
