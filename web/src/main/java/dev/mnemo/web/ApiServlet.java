package dev.mnemo.web;

import dev.mnemo.encoder.Encoder;
import dev.mnemo.encoder.EncoderModel;
import dev.mnemo.json.Json;
import dev.mnemo.search.QuerySyntaxException;
import dev.mnemo.search.Searcher;
import dev.mnemo.semantic.Encoders;
import dev.mnemo.service.LiveVault;
import dev.mnemo.service.VaultService;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON API: the same shapes as the CLI's {@code --json}. */
public final class ApiServlet extends HttpServlet {
  /** What the server may write into the vault (jot, today's note). */
  public interface Writes {
    Map<String, Object> jot(String text) throws Exception;

    Map<String, Object> today(String template) throws Exception;
  }

  static final int MAX_BODY = 64 * 1024;

  private final LiveVault live;
  private final Writes writes;

  ApiServlet(LiveVault live, Writes writes) {
    this.live = live;
    this.writes = writes;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    handle(req, res, false);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    handle(req, res, true);
  }

  private void handle(HttpServletRequest req, HttpServletResponse res, boolean post) throws IOException {
    String op = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
    try {
      live.refresh();
      VaultService s = live.service();
      Object answer = post ? post(op, req) : get(op, req, res, s);
      if (answer == NOT_FOUND) {
        Guard.refuse(res, 404, "no such API: " + op);
        return;
      }
      res.setContentType("application/json;charset=utf-8");
      res.setHeader("Cache-Control", "no-store");
      res.getOutputStream().write(Json.write(answer).getBytes(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | QuerySyntaxException | DateTimeParseException e) {
      Guard.refuse(res, e.getMessage() != null && e.getMessage().startsWith("no such note") ? 404 : 400, e.getMessage());
    } catch (IllegalStateException e) {
      Guard.refuse(res, 409, e.getMessage());
    } catch (java.nio.file.FileAlreadyExistsException e) {
      Guard.refuse(res, 409, e.getMessage());
    } catch (Exception e) {
      Guard.refuse(res, 500, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static final Object NOT_FOUND = new Object();

  private Object get(String op, HttpServletRequest req, HttpServletResponse res, VaultService s) throws Exception {
    return switch (op) {
      case "search" -> {
        Searcher.Results r = s.search(req.getParameter("q"), req.getParameter("when"), integer(req, "limit", 20, 1, 200),
            integer(req, "perNote", 2, 1, 50), req.getParameter("mode"));
        res.setHeader("X-Mnemo-Mode", r.mode());
        res.setHeader("X-Mnemo-Matches", String.valueOf(r.matches()));
        res.setHeader("X-Mnemo-Millis", String.valueOf(r.millis()));
        if (!r.notice().isEmpty()) {
          // Headers are Latin-1; the notice may quote Chinese words.
          res.setHeader("X-Mnemo-Notice", java.net.URLEncoder.encode(r.notice(), java.nio.charset.StandardCharsets.UTF_8));
        }
        yield r.hits();
      }
      case "note" -> {
        Map<String, Object> n = s.note(required(req, "path"), integer(req, "from", 0, 0, Integer.MAX_VALUE),
            integer(req, "to", 0, 0, Integer.MAX_VALUE));
        Map<String, Object> out = new LinkedHashMap<>(n);
        var graph = s.graph();
        String whole = Markdown.withoutFrontMatter(s.text((String) n.get("path")).text());
        out.put("html", Markdown.render(whole, target -> graph.find(target).orElse(null)));
        yield out;
      }
      case "related" -> s.related(required(req, "path"), integer(req, "line", 0, 0, Integer.MAX_VALUE),
          integer(req, "limit", 8, 1, 50));
      case "links" -> req.getParameter("path") == null ? s.unresolved() : s.links(req.getParameter("path"));
      case "timeline" -> {
        LocalDate from = date(req, "from", s);
        LocalDate to = date(req, "to", s);
        if (req.getParameter("when") != null) {
          var range = s.period(req.getParameter("when"));
          from = range.from();
          to = range.to() == null ? null : range.to().minusDays(1);
        }
        String per = req.getParameter("per") == null ? "day" : req.getParameter("per");
        yield s.timeline(from, to, per);
      }
      case "on-this-day" -> s.onThisDay(date(req, "date", s));
      case "resurface" -> s.resurface(date(req, "date", s));
      case "week" -> {
        Map<String, Object> w = new LinkedHashMap<>(s.week(req.getParameter("week")));
        var graph = s.graph();
        w.put("html", Markdown.render((String) w.get("markdown"), target -> graph.find(target).orElse(null)));
        yield w;
      }
      case "attention" -> attention(required(req, "text"), req.getParameter("model"));
      case "stats" -> s.stats();
      default -> NOT_FOUND;
    };
  }

  private Object post(String op, HttpServletRequest req) throws Exception {
    if (writes == null) {
      throw new IllegalStateException("this server was started without writes");
    }
    if (req.getContentLengthLong() > MAX_BODY) {
      throw new IllegalArgumentException("request body too large (at most " + MAX_BODY + " bytes)");
    }
    byte[] body = req.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      throw new IllegalArgumentException("request body too large (at most " + MAX_BODY + " bytes)");
    }
    var json = body.length == 0 ? null : Json.tree(new String(body, StandardCharsets.UTF_8));
    return switch (op) {
      case "jot" -> writes.jot(json == null || json.get("text") == null ? "" : json.get("text").asString());
      case "today" -> writes.today(json == null || json.get("template") == null ? null : json.get("template").asString());
      default -> NOT_FOUND;
    };
  }

  static Map<String, Object> attention(String text, String model) {
    if (text.length() > 2000) {
      throw new IllegalArgumentException("text too long for the attention view (at most 2000 characters)");
    }
    EncoderModel m = model == null || model.isBlank() ? EncoderModel.BGE_SMALL_ZH
        : EncoderModel.named(model).orElseThrow(() -> new IllegalArgumentException("unknown model " + model));
    Encoder e = Encoders.get(m);
    Encoder.Attention a = e.attention(text);
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("model", m.name());
    o.put("tokens", a.tokens());
    o.put("layers", a.layers());
    o.put("heads", a.heads());
    o.put("weights", a.weights());
    return o;
  }

  static String required(HttpServletRequest req, String name) {
    String v = req.getParameter(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("missing parameter: " + name);
    }
    return v;
  }

  static int integer(HttpServletRequest req, String name, int fallback, int min, int max) {
    String v = req.getParameter(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n < min || n > max) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number");
    }
  }

  static LocalDate date(HttpServletRequest req, String name, VaultService s) {
    String v = req.getParameter(name);
    return v == null || v.isBlank() ? null : dev.mnemo.search.DateRange.day(v, s.today());
  }
}
