package dev.mnemo.web;

import dev.mnemo.mcp.MnemoMcp;
import dev.mnemo.service.LiveVault;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code mnemo serve}: the JSON API under {@code /api}, the UI at {@code /}, MCP (streamable HTTP)
 * at {@code /mcp}; on 127.0.0.1 unless told otherwise, and then only with a token.
 */
public final class WebServer implements AutoCloseable {
  private final Server jetty;
  private final McpSyncServer mcp;
  private final String token;
  private final String host;

  private WebServer(Server jetty, McpSyncServer mcp, String token, String host) {
    this.jetty = jetty;
    this.mcp = mcp;
    this.token = token;
    this.host = host;
  }

  /**
   * Starts the server. {@code bind} null means 127.0.0.1; another address requires {@code token}
   * (else it refuses to start). {@code port} 0 picks a free port.
   */
  public static WebServer start(LiveVault live, String bind, int port, String token, ApiServlet.Writes writes)
      throws Exception {
    String address = bind == null ? "127.0.0.1" : bind;
    boolean loopback = InetAddress.getByName(address).isLoopbackAddress();
    if (!loopback && (token == null || token.length() < 16)) {
      throw new IllegalArgumentException("binding to " + address + " exposes your notes to the network: it needs "
          + "--token with at least 16 characters");
    }
    String session = token != null ? token : HexFormat.of().formatHex(SecureRandom.getInstanceStrong().generateSeed(24));
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("mnemo-http");
    Server jetty = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(16 * 1024);
    http.setSendServerVersion(false);
    http.setSendDateHeader(false);
    ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    connector.setHost(address);
    connector.setPort(port);
    jetty.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.setMaxFormContentSize(64 * 1024);
    jetty.setHandler(context);
    jetty.start();
    int actual = connector.getLocalPort();
    Set<String> hosts = new LinkedHashSet<>();
    hosts.add("127.0.0.1:" + actual);
    hosts.add("localhost:" + actual);
    hosts.add("[::1]:" + actual);
    if (!loopback) {
      hosts.add(address.toLowerCase(Locale.ROOT) + ":" + actual);
    }
    jetty.stop();

    HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
        .jsonMapper(McpJsonDefaults.getMapper()).mcpEndpoint("/mcp").maxRequestSize(1 << 20).build();
    McpSyncServer mcp = new MnemoMcp(live.service(), null, live::refresh).serve(transport);

    context.addFilter(new FilterHolder(new Guard(hosts, session, !loopback)), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder("api", new ApiServlet(live, writes)), "/api/*");
    context.addServlet(new ServletHolder("mcp", transport), "/mcp");
    context.addServlet(new ServletHolder("ui", new StaticServlet(session)), "/");
    connector.setPort(actual);
    jetty.start();
    return new WebServer(jetty, mcp, session, address.contains(":") ? "[" + address + "]" : address);
  }

  public int port() {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  public String url() {
    return "http://" + host + ":" + port() + "/";
  }

  public String token() {
    return token;
  }

  public void join() throws InterruptedException {
    jetty.join();
  }

  @Override
  public void close() throws Exception {
    try {
      mcp.closeGracefully();
    } finally {
      jetty.stop();
    }
  }
}
