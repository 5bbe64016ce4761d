package dev.mnemo.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Who may talk to the server. The Host header must name the server itself (no DNS rebinding); an
 * Origin, when sent, must be the server's own (no cross-site page can call the API); cross-site
 * fetches are refused. Writes always need the session token, which only the server's own page
 * receives; when bound beyond loopback, every request needs it.
 */
final class Guard implements Filter {
  static final String TOKEN_HEADER = "X-Mnemo-Token";
  static final String TOKEN_COOKIE = "mnemo_token";

  private final Set<String> hosts;
  private final String token;
  private final boolean tokenForAll;

  Guard(Set<String> hosts, String token, boolean tokenForAll) {
    this.hosts = hosts;
    this.token = token;
    this.tokenForAll = tokenForAll;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest r = (HttpServletRequest) req;
    HttpServletResponse w = (HttpServletResponse) res;
    String host = r.getHeader("Host");
    if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
      refuse(w, 421, "this server answers only to its own address (Host " + host + " refused)");
      return;
    }
    String origin = r.getHeader("Origin");
    if (origin != null && !(origin.startsWith("http://") && hosts.contains(origin.substring(7).toLowerCase(Locale.ROOT)))) {
      refuse(w, 403, "requests from another origin are refused");
      return;
    }
    String site = r.getHeader("Sec-Fetch-Site");
    if ("cross-site".equals(site)) {
      refuse(w, 403, "cross-site requests are refused");
      return;
    }
    boolean write = !"GET".equals(r.getMethod()) && !"HEAD".equals(r.getMethod()) && !"OPTIONS".equals(r.getMethod());
    boolean page = "GET".equals(r.getMethod()) && (r.getRequestURI().equals("/") || r.getRequestURI().startsWith("/assets/"));
    if ((write || tokenForAll && !page) && !hasToken(r)) {
      refuse(w, 401, "this request needs the session token (header " + TOKEN_HEADER + ")");
      return;
    }
    if (tokenForAll && page && r.getRequestURI().equals("/") && !hasToken(r)) {
      refuse(w, 401, "open the address printed by 'mnemo serve', with its ?token=");
      return;
    }
    w.setHeader("X-Content-Type-Options", "nosniff");
    w.setHeader("Referrer-Policy", "no-referrer");
    w.setHeader("X-Frame-Options", "DENY");
    chain.doFilter(req, res);
  }

  boolean hasToken(HttpServletRequest r) {
    String given = r.getHeader(TOKEN_HEADER);
    if (given == null) {
      given = r.getParameter("token");
    }
    if (given == null && r.getCookies() != null) {
      for (Cookie c : r.getCookies()) {
        if (c.getName().equals(TOKEN_COOKIE)) {
          given = c.getValue();
        }
      }
    }
    return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  static void refuse(HttpServletResponse w, int status, String message) throws IOException {
    w.setStatus(status);
    w.setContentType("application/json;charset=utf-8");
    w.getWriter().write("{\"error\":" + dev.mnemo.json.Json.write(message) + "}");
  }
}
