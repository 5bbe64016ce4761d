package dev.mnemo.vault;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.Block;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.Document;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Turns a note's text into a {@link Note}: title, front matter, headings, links, tags, tasks, dated
 * entries and chunks, each with exact 1-based lines.
 *
 * <p>Block structure comes from commonmark-java with source spans, so code blocks, lists and
 * headings follow the CommonMark spec. Immutable and thread-safe.
 */
public final class NoteParser {
  /**
   * Bumped whenever the parser reads a note differently (dates, entries, chunks, links, tasks): an
   * index made by another version reads every note again, reusing the vectors of unchanged chunks.
   */
  public static final String VERSION = "13";
  private static final Pattern ISO_TIME = Pattern.compile("T\\d{1,2}:\\d{2}");

  private static final Parser MARKDOWN = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
  /**
   * For outliner files (Logseq): nesting is written with tabs, which CommonMark would read as
   * indented code, hiding every link and tag below the first level.
   */
  private static final Parser OUTLINE = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
      .enabledBlockTypes(Set.of(org.commonmark.node.Heading.class, org.commonmark.node.HtmlBlock.class,
          org.commonmark.node.ThematicBreak.class, org.commonmark.node.FencedCodeBlock.class,
          org.commonmark.node.BlockQuote.class, org.commonmark.node.ListBlock.class))
      .build();
  private static final Pattern OUTLINE_LINE = Pattern.compile("^\\t*- ");

  private static final Pattern LIST_MARKER = Pattern.compile("^\\s*(?:[-*+]|\\d{1,9}[.)])(?:\\s+|$)");
  private static final Pattern TASK = Pattern.compile("^\\s*(?:[-*+]|\\d{1,9}[.)])\\s+\\[([ xX])\\]\\s+(.*)$");
  private static final Pattern LOGSEQ_TASK = Pattern.compile("^\\s*[-*+]\\s+(TODO|DOING|NOW|LATER|WAITING|DONE|CANCELED|CANCELLED)\\s+(.*)$");
  private static final Pattern WIKILINK = Pattern.compile("(!?)\\[\\[([^\\[\\]\\n]+?)\\]\\]");
  private static final Pattern TAG = Pattern.compile("(?<![\\p{L}\\p{N}_&#/\\\\'\"=])#([\\p{L}\\p{N}_\\-/]+)");
  private static final Pattern LOGSEQ_TAG = Pattern.compile("(?<![\\p{L}\\p{N}_&#])#\\[\\[([^\\[\\]\\n]+)\\]\\]");
  private static final Pattern BARE_URL = Pattern.compile("(?i)\\b(?:https?|ftp|file)://[^\\s<>()\\[\\]]+|\\bwww\\.[^\\s<>()\\[\\]]+");
  private static final Pattern FENCE_ONLY = Pattern.compile("^\\s{0,3}(`{3,}|~{3,})\\s*$");
  private static final Pattern ATX = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern URL_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
  private static final Pattern PROPERTY = Pattern.compile("^(?:[-*]\\s+)?([A-Za-z][\\w-]*)::\\s*(.*)$");
  private static final Set<String> MARKDOWN_FENCES = Set.of("", "markdown", "md", "text", "txt", "plain");

  private final Chunker chunker;

  public NoteParser() {
    this(Chunker.DEFAULT);
  }

  public NoteParser(Chunker chunker) {
    this.chunker = chunker;
  }

  /** Parses a note; never throws on odd input, reporting what it could not understand in {@link Note#warnings()}. */
  public Note parse(String path, SourceText src) {
    return new Run(path, src).parse();
  }

  /** Everything one parse needs, so the parser itself stays stateless. */
  private final class Run {
    final String path;
    final SourceText src;
    final int lines;
    final List<String> warnings = new ArrayList<>();
    final List<Heading> headings = new ArrayList<>();
    final List<Link> links = new ArrayList<>();
    final List<Task> tasks = new ArrayList<>();
    final Set<String> tags = new LinkedHashSet<>();
    final List<Candidate> candidates = new ArrayList<>();
    /** Whole lines not to scan for links and tags: code, HTML blocks, front matter. */
    final boolean[] codeLine;
    /** Column ranges not to scan for tags, per line (inline code, HTML, link targets). */
    final Map<Integer, List<int[]>> inlineExcluded = new TreeMap<>();
    /** Column ranges of inline code, where wikilinks do not count either. */
    final Map<Integer, List<int[]>> inlineCode = new TreeMap<>();
    /** Start line to end line of each one-line-or-more top-level paragraph. */
    final Map<Integer, Integer> topParagraphs = new TreeMap<>();
    /** Lines where a top-level block starts: good places to cut chunks. */
    final Set<Integer> blockStarts = new LinkedHashSet<>();

    Run(String path, SourceText src) {
      this.path = path;
      this.src = src;
      this.lines = src.lineCount();
      this.codeLine = new boolean[lines + 2];
    }

    Note parse() {
      FrontMatter fm = FrontMatter.read(src);
      if (fm.error() != null) {
        warnings.add(fm.error() + " (lines 1-" + fm.endLine() + ")");
      }
      int bodyStart = fm.endLine() + 1;
      for (int n = 1; n < bodyStart && n <= lines; n++) {
        codeLine[n] = true;
      }
      Map<String, Object> props = withPageProperties(fm.properties(), bodyStart);
      for (String t : FrontMatter.stringList(props, "tags", "tag")) {
        tags.add(t.startsWith("#") ? t.substring(1) : t);
      }
      Document doc = parseMarkdown(fm.endLine());
      walk(doc);
      scanLines(bodyStart);
      List<String> aliases = FrontMatter.stringList(props, "aliases", "alias");
      String title = FrontMatter.string(props, "title");
      if (title == null) {
        title = headings.stream().filter(h -> h.level() == 1 && !h.text().isBlank()).map(Heading::text).findFirst().orElse(Paths.stem(path));
      }
      LocalDate noteDate = FrontMatter.date(props, "date", "created", "day")
          .or(() -> Dates.inPath(path)).orElse(null);

      List<Entry> entries = entries(bodyStart, noteDate, title);
      List<Chunk> chunks = chunker.chunk(src, bodyStart, headings, entries, blockStarts, noteDate);
      List<String> tagList = new ArrayList<>(tags);
      return new Note(path, title, List.copyOf(aliases), List.copyOf(tagList), noteDate, props,
          List.copyOf(headings), List.copyOf(links), List.copyOf(tasks), entries, chunks, lines, List.copyOf(warnings));
    }

    /** Logseq writes page properties as {@code key:: value} lines at the top; front matter wins over them. */
    private Map<String, Object> withPageProperties(Map<String, Object> frontMatter, int bodyStart) {
      Map<String, Object> props = new java.util.LinkedHashMap<>();
      for (int n = bodyStart; n <= lines && n < bodyStart + 200; n++) {
        String line = src.line(n);
        if (line.isBlank()) {
          continue;
        }
        Matcher m = PROPERTY.matcher(line.strip());
        if (!m.matches()) {
          break;
        }
        String value = m.group(2).strip();
        String key = m.group(1).toLowerCase(Locale.ROOT);
        if (key.equals("tags") || key.equals("alias") || key.equals("aliases")) {
          List<String> items = new ArrayList<>();
          for (String item : value.split(",")) {
            String v = item.strip().replaceAll("^\\[\\[|\\]\\]$", "").replaceFirst("^#", "").strip();
            if (!v.isEmpty()) {
              items.add(v);
            }
          }
          props.put(key, items);
        } else {
          props.put(key, value);
        }
      }
      if (props.isEmpty()) {
        return frontMatter;
      }
      props.putAll(frontMatter);
      return props;
    }

    /** Parses the body with front matter lines blanked, so parser lines are file lines. */
    private Document parseMarkdown(int frontMatterEnd) {
      String text = src.text();
      if (frontMatterEnd > 0) {
        int bodyOffset = frontMatterEnd < lines ? src.lineStart(frontMatterEnd + 1) : text.length();
        text = "\n".repeat(frontMatterEnd) + text.substring(bodyOffset);
      }
      return (Document) (isOutline(text) ? OUTLINE : MARKDOWN).parse(text);
    }

    /** Whether most non-blank lines are tab-indented bullets, the way Logseq writes every page. */
    private static boolean isOutline(String text) {
      int bullets = 0;
      int tabbed = 0;
      int nonBlank = 0;
      int start = 0;
      while (start < text.length() && nonBlank < 2000) {
        int end = text.indexOf('\n', start);
        if (end < 0) {
          end = text.length();
        }
        String line = text.substring(start, end);
        if (!line.isBlank()) {
          nonBlank++;
          if (OUTLINE_LINE.matcher(line).find()) {
            bullets++;
            tabbed += line.startsWith("\t") ? 1 : 0;
          }
        }
        start = end + 1;
      }
      return tabbed > 0 && bullets * 2 > nonBlank;
    }

    /** Iterative walk (notes may nest lists thousands deep). */
    private void walk(Document doc) {
      Deque<Node> stack = new ArrayDeque<>();
      Deque<Integer> depths = new ArrayDeque<>();
      for (Node child = doc.getLastChild(); child != null; child = child.getPrevious()) {
        stack.push(child);
        depths.push(0);
        int first = firstLine(child);
        if (first > 0) {
          blockStarts.add(first);
        }
      }
      while (!stack.isEmpty()) {
        Node node = stack.pop();
        int listDepth = depths.pop();
        boolean descend = true;
        switch (node) {
          case org.commonmark.node.Heading h -> onHeading(h);
          case FencedCodeBlock f -> {
            onFencedCode(f);
            descend = false;
          }
          case IndentedCodeBlock c -> {
            markCode(c);
            descend = false;
          }
          case HtmlBlock h -> {
            markCode(h);
            descend = false;
          }
          case ListItem item -> {
            listDepth++;
            onListItem(item, listDepth);
            if (listDepth == 1) {
              int first = firstLine(item);
              if (first > 0) {
                blockStarts.add(first);
              }
            }
          }
          case Paragraph p -> onParagraph(p);
          case Code c -> {
            excludeInline(c, inlineExcluded);
            excludeInline(c, inlineCode);
          }
          case HtmlInline h -> excludeInline(h, inlineExcluded);
          case Image img -> {
            int line = firstLine(img);
            if (line > 0) {
              links.add(new Link(Link.Kind.IMAGE, img.getDestination(), null, altText(img), line));
            }
            excludeInline(img, inlineExcluded);
            descend = false;
          }
          case org.commonmark.node.Link link -> onMarkdownLink(link);
          default -> {}
        }
        if (descend) {
          for (Node child = node.getLastChild(); child != null; child = child.getPrevious()) {
            stack.push(child);
            depths.push(listDepth);
          }
        }
      }
    }

    private void onHeading(org.commonmark.node.Heading h) {
      int line = firstLine(h);
      if (line <= 0) {
        return;
      }
      String text = plainText(h).strip();
      headings.add(new Heading(h.getLevel(), text, line));
      addDated(line, h.getLevel(), text, Kind.HEADING);
    }

    /**
     * A candidate entry where {@code text} opens with a full date, or with a month and day whose
     * year the context gives later ({@link #resolveYears}).
     */
    private void addDated(int line, int level, String text, Kind kind) {
      Optional<Dates.Match> full = Dates.atStart(text).or(() -> kind == Kind.HEADING ? Dates.weekAtStart(text) : Optional.empty());
      if (full.isPresent()) {
        LocalDate date = full.get().date();
        String rest = Dates.withoutRangeEnd(date, text.substring(full.get().end()).strip());
        // An ISO time after the date ("2024-03-25T10:00 standup") keeps its time, not its T.
        candidates.add(new Candidate(line, level, date, ISO_TIME.matcher(rest).lookingAt() ? rest.substring(1) : rest, kind));
        return;
      }
      Optional<Dates.MonthDay> monthDay = Dates.monthDayOnly(text);
      if (monthDay.isPresent()) {
        candidates.add(new Candidate(line, level, null, text.substring(monthDay.get().end()).strip(), kind, monthDay.get()));
        return;
      }
      if (kind == Kind.HEADING) {
        // A heading may end with its date instead ("Beta 0.8.16 [[Jan 12th, 2023]]", "组会 2024年3月5日").
        Dates.atEnd(text).ifPresent(m -> candidates.add(new Candidate(line, level, m.date(),
            TITLE_BEFORE_DATE.matcher(text.substring(0, m.end())).replaceAll(""), kind)));
      }
    }

    /** What separates a heading's title from a date after it: "Release 1.2 - ", "Notes (", "组会：". */
    private static final Pattern TITLE_BEFORE_DATE = Pattern.compile("[\\s:：\\-–—|,，(（\\[【@]+$");

    private void onFencedCode(FencedCodeBlock f) {
      markCode(f);
      String info = f.getInfo() == null ? "" : f.getInfo().strip().toLowerCase(Locale.ROOT);
      int space = info.indexOf(' ');
      if (space > 0) {
        info = info.substring(0, space);
      }
      if (!MARKDOWN_FENCES.contains(info)) {
        return;
      }
      // Journals pasted inside ``` or ```markdown (often by a fence left open) still hold real entries.
      int first = firstLine(f);
      int last = lastLine(f);
      for (int n = first + 1; n <= last && n <= lines; n++) {
        String raw = src.line(n);
        if (n == last && FENCE_ONLY.matcher(raw).matches()) {
          break;
        }
        Matcher atx = ATX.matcher(raw);
        if (atx.matches()) {
          String text = atx.group(2);
          int level = atx.group(1).length();
          int line = n;
          Optional<Dates.Match> m = Dates.atStart(text);
          m.ifPresent(d -> candidates.add(new Candidate(line, level, d.date(), text.substring(d.end()).strip(), Kind.HEADING)));
          continue;
        }
        Matcher marker = LIST_MARKER.matcher(raw);
        if (marker.lookingAt()) {
          String rest = raw.substring(marker.end());
          int indent = raw.length() - raw.stripLeading().length();
          int depth = 1 + indent / 3;
          int line = n;
          Dates.atStart(rest).ifPresent(d -> candidates.add(
              new Candidate(line, 6 + depth, d.date(), rest.substring(d.end()).strip(), Kind.LIST)));
        }
      }
    }

    private void onListItem(ListItem item, int depth) {
      int line = firstLine(item);
      if (line <= 0 || line > lines) {
        return;
      }
      String raw = src.line(line);
      Matcher task = TASK.matcher(raw);
      if (task.matches()) {
        tasks.add(new Task(!task.group(1).equals(" "), task.group(2).strip(), line));
      } else {
        Matcher logseq = LOGSEQ_TASK.matcher(raw);
        if (logseq.matches()) {
          String state = logseq.group(1);
          boolean done = state.equals("DONE") || state.startsWith("CANCEL");
          tasks.add(new Task(done, logseq.group(2).strip(), line));
        }
      }
      Matcher marker = LIST_MARKER.matcher(raw);
      if (!marker.lookingAt()) {
        return;
      }
      addDated(line, 6 + depth, raw.substring(marker.end()), Kind.LIST);
    }

    private void onParagraph(Paragraph p) {
      Block parent = p.getParent();
      if (!(parent instanceof Document) && !(parent instanceof BlockQuote && parent.getParent() instanceof Document)) {
        return;
      }
      int first = firstLine(p);
      int last = lastLine(p);
      if (first <= 0) {
        return;
      }
      if (parent instanceof Document) {
        topParagraphs.put(first, last);
      }
      String raw = src.line(first);
      String text = parent instanceof BlockQuote ? raw.replaceFirst("^\\s*>\\s?", "") : raw;
      Dates.atStart(text).ifPresent(m -> candidates.add(
          new Candidate(first, 7, m.date(), text.substring(m.end()).strip(), Kind.PARAGRAPH)));
    }

    private void onMarkdownLink(org.commonmark.node.Link link) {
      int line = firstLine(link);
      excludeInline(link, inlineExcluded);
      if (line <= 0) {
        return;
      }
      String dest = link.getDestination() == null ? "" : link.getDestination().strip();
      String text = plainText(link).strip();
      if (dest.isEmpty()) {
        return;
      }
      if (URL_SCHEME.matcher(dest).find() && !dest.regionMatches(true, 0, "file:", 0, 5)) {
        links.add(new Link(Link.Kind.URL, dest, null, text, line));
        return;
      }
      String target = dest;
      String sub = null;
      int hash = target.indexOf('#');
      if (hash >= 0) {
        sub = target.substring(hash + 1);
        target = target.substring(0, hash);
      }
      target = percentDecode(target);
      if (target.isEmpty() || Paths.isNoteFile(target) || !target.contains(".")) {
        links.add(new Link(Link.Kind.MARKDOWN, target, sub == null ? null : percentDecode(sub), text, line));
      } else {
        links.add(new Link(Link.Kind.IMAGE, target, sub, text, line));
      }
    }

    /** Wikilinks and tags are not CommonMark: find them in the raw lines, outside code. */
    private void scanLines(int bodyStart) {
      for (int n = bodyStart; n <= lines; n++) {
        if (codeLine[n]) {
          continue;
        }
        String line = src.line(n);
        if (line.length() > 100_000) {
          line = line.substring(0, 100_000);
        }
        if (line.indexOf("[[") >= 0) {
          Matcher m = WIKILINK.matcher(line);
          while (m.find()) {
            if (!excluded(inlineCode, n, m.start())) {
              addWikilink(m.group(1).equals("!"), m.group(2), n);
            }
          }
        }
        if (line.indexOf('#') >= 0) {
          scanTags(line, n);
        }
      }
    }

    private void scanTags(String line, int n) {
      List<int[]> urls = new ArrayList<>();
      Matcher u = BARE_URL.matcher(line);
      while (u.find()) {
        urls.add(new int[] {u.start(), u.end()});
      }
      Matcher lt = LOGSEQ_TAG.matcher(line);
      while (lt.find()) {
        if (!excluded(inlineExcluded, n, lt.start()) && !inside(urls, lt.start())) {
          tags.add(lt.group(1).strip());
        }
      }
      Matcher m = TAG.matcher(line);
      while (m.find()) {
        String tag = m.group(1);
        while (tag.endsWith("/") || tag.endsWith("-")) {
          tag = tag.substring(0, tag.length() - 1);
        }
        if (tag.isEmpty() || tag.chars().allMatch(Character::isDigit)) {
          continue;
        }
        if (excluded(inlineExcluded, n, m.start()) || inside(urls, m.start())) {
          continue;
        }
        tags.add(tag);
      }
    }

    private void addWikilink(boolean embed, String inner, int line) {
      String target = inner;
      String display = null;
      int bar = target.indexOf('|');
      if (bar >= 0) {
        display = target.substring(bar + 1).strip();
        target = target.substring(0, bar);
      }
      String sub = null;
      int hash = target.indexOf('#');
      if (hash >= 0) {
        sub = target.substring(hash + 1).strip();
        target = target.substring(0, hash);
      }
      target = target.strip();
      if (target.isEmpty() && sub == null) {
        return;
      }
      links.add(new Link(embed ? Link.Kind.EMBED : Link.Kind.WIKI, target, sub, display, line));
    }

    private List<Entry> entries(int bodyStart, LocalDate noteDate, String title) {
      List<Entry> out = new ArrayList<>();
      resolveYears(noteDate);
      if (candidates.isEmpty()) {
        if (noteDate != null && lines >= bodyStart) {
          int end = trimEnd(bodyStart, lines);
          out.add(new Entry(noteDate, title, bodyStart, Math.max(bodyStart, end), 0, List.of()));
        }
        return List.copyOf(out);
      }
      candidates.sort(Comparator.comparingInt(Candidate::line));
      List<Candidate> cands = dedupe(candidates);
      HeadingIndex index = new HeadingIndex(headings);
      int[] starts = new int[cands.size()];
      String[] titles = new String[cands.size()];
      for (int i = 0; i < cands.size(); i++) {
        Candidate c = cands.get(i);
        starts[i] = c.line();
        titles[i] = c.rest();
        if (c.kind() == Kind.PARAGRAPH) {
          int floor = i > 0 ? cands.get(i - 1).line() : bodyStart - 1;
          int t = titleLineAbove(c.line(), floor);
          if (t > 0) {
            starts[i] = t;
            titles[i] = src.line(t).strip();
          }
        }
      }
      for (int i = 0; i < cands.size(); i++) {
        Candidate c = cands.get(i);
        int end = lines;
        for (int j = i + 1; j < cands.size(); j++) {
          if (cands.get(j).level() <= c.level()) {
            end = starts[j] - 1;
            break;
          }
        }
        for (int k = index.firstAfter(c.line()); k < index.size() && index.get(k).line() <= end; k++) {
          Heading h = index.get(k);
          if (c.kind() != Kind.HEADING || h.level() <= c.level()) {
            end = h.line() - 1;
            break;
          }
        }
        end = trimEnd(starts[i], end);
        String entryTitle = titles[i] == null ? "" : truncate(cleanTitle(titles[i]), 120);
        out.add(new Entry(c.date(), entryTitle, starts[i], end, c.level(), index.pathAt(starts[i], false)));
      }
      return List.copyOf(out);
    }

    /**
     * Gives month-and-day candidates ({@code ## 3月25日}) their year from what comes before them:
     * the nearer of the last dated entry (the year that puts the day closest to it, so a journal
     * crossing New Year in either direction stays in order) and the last heading that opens with a
     * year ({@code # 2024年3月}, {@code # March 2024}); failing both, the year in the file name, or
     * the one that puts the day closest to the note's date (front matter). Without any year they are
     * not dates: mnemo does not guess one.
     */
    private void resolveYears(LocalDate noteDate) {
      if (candidates.stream().noneMatch(c -> c.partial() != null)) {
        return;
      }
      candidates.sort(Comparator.comparingInt(Candidate::line));
      // The year the file name gives (2024-03.md), else its folders (journal/2024/03.md).
      int named = Dates.yearIn(Paths.stem(path));
      int fileYear = named > 0 ? named : folderYear(path);
      List<Heading> byLine = new ArrayList<>(headings);
      byLine.sort(Comparator.comparingInt(Heading::line));
      List<Candidate> resolved = new ArrayList<>(candidates.size());
      LocalDate previous = null;
      int previousLine = 0;
      int h = 0;
      int headingYear = 0;
      int headingLine = 0;
      for (Candidate c : candidates) {
        for (; h < byLine.size() && byLine.get(h).line() < c.line(); h++) {
          int y = Dates.yearAtStart(byLine.get(h).text());
          if (y > 0) {
            headingYear = y;
            headingLine = byLine.get(h).line();
          }
        }
        LocalDate date = c.date();
        if (c.partial() != null) {
          if (previous != null && previousLine >= headingLine) {
            date = closest(c.partial(), previous);
          } else if (headingYear > 0) {
            date = c.partial().in(headingYear).orElse(null);
          } else if (fileYear > 0) {
            date = c.partial().in(fileYear).orElse(null);
          } else if (noteDate != null) {
            date = closest(c.partial(), noteDate);
          }
          if (date == null) {
            continue;
          }
          c = new Candidate(c.line(), c.level(), date, c.rest(), c.kind());
        }
        resolved.add(c);
        previous = date;
        previousLine = c.line();
      }
      candidates.clear();
      candidates.addAll(resolved);
    }

    /** The year of the nearest folder named by one ({@code archive/2019/2024/03.md}: 2024), or 0. */
    private static int folderYear(String path) {
      String[] parts = path.replace('\\', '/').split("/");
      for (int i = parts.length - 2; i >= 0; i--) {
        int y = Dates.yearIn(parts[i]);
        if (y > 0) {
          return y;
        }
      }
      return 0;
    }

    /** The day in the year before, of or after {@code near} that lies closest to it. */
    private static LocalDate closest(Dates.MonthDay md, LocalDate near) {
      LocalDate best = null;
      for (int y = near.getYear() - 1; y <= near.getYear() + 1; y++) {
        LocalDate d = md.in(y).orElse(null);
        if (d != null && (best == null
            || Math.abs(d.toEpochDay() - near.toEpochDay()) < Math.abs(best.toEpochDay() - near.toEpochDay()))) {
          best = d;
        }
      }
      return best;
    }

    /** A short one-line paragraph just above a dated paragraph is that entry's title (a blog post's name). */
    private int titleLineAbove(int dateLine, int floor) {
      int n = dateLine - 1;
      int blanks = 0;
      while (n > floor && src.isBlank(n) && blanks < 3) {
        n--;
        blanks++;
      }
      if (n <= floor || src.isBlank(n)) {
        return 0;
      }
      Integer end = topParagraphs.get(n);
      if (end == null || end != n) {
        return 0;
      }
      String t = src.line(n).strip();
      if (t.codePointCount(0, t.length()) > 80 || t.chars().noneMatch(Character::isLetter)) {
        return 0;
      }
      char last = t.charAt(t.length() - 1);
      if ("。．.!?！？:：;；,，、".indexOf(last) >= 0) {
        return 0;
      }
      return n;
    }

    private int trimEnd(int start, int end) {
      while (end > start && (src.isBlank(end) || FENCE_ONLY.matcher(src.line(end)).matches())) {
        end--;
      }
      return end;
    }

    private void markCode(Node block) {
      int first = firstLine(block);
      int last = lastLine(block);
      for (int n = Math.max(1, first); n <= last && n <= lines; n++) {
        codeLine[n] = true;
      }
    }

    private void excludeInline(Node node, Map<Integer, List<int[]>> into) {
      for (SourceSpan span : node.getSourceSpans()) {
        into.computeIfAbsent(span.getLineIndex() + 1, k -> new ArrayList<>())
            .add(new int[] {span.getColumnIndex(), span.getColumnIndex() + span.getLength()});
      }
    }

    private boolean excluded(Map<Integer, List<int[]>> ranges, int line, int column) {
      List<int[]> list = ranges.get(line);
      return list != null && inside(list, column);
    }
  }

  private enum Kind { HEADING, LIST, PARAGRAPH }

  /**
   * A line that opens with a date, before its extent is known; {@code partial} holds a month and day
   * whose year the context gives ({@code date} null until then).
   */
  private record Candidate(int line, int level, LocalDate date, String rest, Kind kind, Dates.MonthDay partial) {
    Candidate(int line, int level, LocalDate date, String rest, Kind kind) {
      this(line, level, date, rest, kind, null);
    }
  }

  private static List<Candidate> dedupe(List<Candidate> sorted) {
    List<Candidate> out = new ArrayList<>();
    int last = -1;
    for (Candidate c : sorted) {
      if (c.line() != last) {
        out.add(c);
        last = c.line();
      }
    }
    return out;
  }

  private static boolean inside(List<int[]> ranges, int column) {
    for (int[] r : ranges) {
      if (column >= r[0] && column < r[1]) {
        return true;
      }
    }
    return false;
  }

  static String cleanTitle(String s) {
    String t = s.strip();
    t = t.replaceFirst("^[\\s:：\\-–—|,，.。)）\\]】]+", "");
    t = t.replaceFirst("[\\s:：\\-–—|,，]+$", "");
    return t.strip();
  }

  static String truncate(String s, int max) {
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
  }

  private static int firstLine(Node node) {
    List<SourceSpan> spans = node.getSourceSpans();
    return spans.isEmpty() ? -1 : spans.get(0).getLineIndex() + 1;
  }

  private static int lastLine(Node node) {
    List<SourceSpan> spans = node.getSourceSpans();
    return spans.isEmpty() ? -1 : spans.get(spans.size() - 1).getLineIndex() + 1;
  }

  /** The literal text under a node, without markup. */
  static String plainText(Node node) {
    StringBuilder sb = new StringBuilder();
    Deque<Node> stack = new ArrayDeque<>();
    for (Node c = node.getLastChild(); c != null; c = c.getPrevious()) {
      stack.push(c);
    }
    while (!stack.isEmpty()) {
      Node n = stack.pop();
      if (n instanceof Text t) {
        sb.append(t.getLiteral());
      } else if (n instanceof Code c) {
        sb.append(c.getLiteral());
      } else if (n instanceof org.commonmark.node.SoftLineBreak || n instanceof org.commonmark.node.HardLineBreak) {
        sb.append(' ');
      }
      for (Node c = n.getLastChild(); c != null; c = c.getPrevious()) {
        stack.push(c);
      }
    }
    return sb.toString();
  }

  private static String altText(Image img) {
    String alt = plainText(img).strip();
    return alt.isEmpty() ? null : alt;
  }

  private static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    try {
      return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
