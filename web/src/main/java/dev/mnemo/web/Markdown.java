package dev.mnemo.web;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Block;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A note as safe HTML. Raw HTML in a note is shown as text (never run), link URLs are sanitized
 * (no {@code javascript:}), and every block carries {@code data-line}, its first source line, so the
 * UI can scroll to and highlight a hit's lines. Wikilinks become links to the note they resolve to.
 */
public final class Markdown {
  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), StrikethroughExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS)
      .includeSourceSpans(IncludeSourceSpans.BLOCKS).build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS)
      .escapeHtml(true).sanitizeUrls(true)
      .attributeProviderFactory(ctx -> Markdown::lines)
      .build();
  /** {@code [[target#sub|alias]]} as it appears in rendered (escaped) text. */
  private static final Pattern WIKI = Pattern.compile("(!?)\\[\\[([^\\[\\]|#<>]+)(#[^\\[\\]|<>]*)?(?:\\|([^\\[\\]<>]+))?]]");

  private Markdown() {}

  private static void lines(Node node, String tag, Map<String, String> attrs) {
    if (node instanceof Block && !node.getSourceSpans().isEmpty()) {
      SourceSpan first = node.getSourceSpans().get(0);
      SourceSpan last = node.getSourceSpans().get(node.getSourceSpans().size() - 1);
      attrs.put("data-line", String.valueOf(first.getLineIndex() + 1));
      attrs.put("data-end", String.valueOf(last.getLineIndex() + 1));
    }
  }

  /**
   * Renders Markdown; {@code resolve} turns a wikilink target into a vault path, or null when the
   * note does not exist yet (shown as an unresolved link).
   */
  public static String render(String markdown, Function<String, String> resolve) {
    String html = RENDERER.render(PARSER.parse(markdown));
    Matcher m = WIKI.matcher(html);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      // The text was escaped by the renderer; unescape the target to resolve it, escape again for the attribute.
      String target = unescape(m.group(2)).strip();
      String label = m.group(4) != null ? m.group(4) : m.group(2);
      String path = resolve.apply(target);
      String link = path == null
          ? "<span class=\"wikilink unresolved\" title=\"not written yet\">" + label + "</span>"
          : "<a class=\"wikilink\" href=\"#/note/" + escape(encode(path)) + "\" data-note=\"" + escape(path) + "\">" + label + "</a>";
      m.appendReplacement(sb, Matcher.quoteReplacement(link));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The note with its YAML front matter blanked (lines kept, so block line numbers stay the file's). */
  public static String withoutFrontMatter(String text) {
    if (!text.startsWith("---\n") && !text.startsWith("---\r\n")) {
      return text;
    }
    String[] lines = text.split("\n", -1);
    for (int i = 1; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.equals("---") || l.equals("...")) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n".repeat(i + 1));
        for (int j = i + 1; j < lines.length; j++) {
          sb.append(lines[j]);
          if (j < lines.length - 1) {
            sb.append('\n');
          }
        }
        return sb.toString();
      }
    }
    return text;
  }

  static String unescape(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }

  static String encode(String path) {
    return java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
