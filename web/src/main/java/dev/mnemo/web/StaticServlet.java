package dev.mnemo.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The UI's few files, from the class path only (no path from a request touches the file system). */
final class StaticServlet extends HttpServlet {
  private static final Map<String, String> FILES = Map.of(
      "/", "index.html",
      "/assets/app.js", "app.js",
      "/assets/app.css", "app.css",
      "/assets/icon.svg", "icon.svg");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html;charset=utf-8", "js", "text/javascript;charset=utf-8", "css", "text/css;charset=utf-8",
      "svg", "image/svg+xml");
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final String token;

  StaticServlet(String token) {
    this.token = token;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String file = FILES.get(req.getRequestURI());
    if (file == null) {
      Guard.refuse(res, 404, "not found");
      return;
    }
    byte[] body;
    try (InputStream in = StaticServlet.class.getResourceAsStream("/web/" + file)) {
      if (in == null) {
        Guard.refuse(res, 404, "not found");
        return;
      }
      body = in.readAllBytes();
    }
    String ext = file.substring(file.lastIndexOf('.') + 1);
    if (ext.equals("html")) {
      body = new String(body, StandardCharsets.UTF_8).replace("{{TOKEN}}", token).getBytes(StandardCharsets.UTF_8);
      Cookie c = new Cookie(Guard.TOKEN_COOKIE, token);
      c.setHttpOnly(true);
      c.setPath("/");
      c.setAttribute("SameSite", "Strict");
      res.addCookie(c);
    }
    res.setContentType(TYPES.get(ext));
    res.setHeader("Content-Security-Policy", CSP);
    res.setHeader("Cache-Control", "no-cache");
    res.getOutputStream().write(body);
  }
}
