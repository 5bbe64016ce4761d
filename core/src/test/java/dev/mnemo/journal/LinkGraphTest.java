package dev.mnemo.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mnemo.testing.TempVault;
import dev.mnemo.vault.Note;
import dev.mnemo.vault.NoteParser;
import dev.mnemo.vault.NoteReader;
import dev.mnemo.vault.SourceText;
import dev.mnemo.vault.Vault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkGraphTest {
  @TempDir
  Path tmp;

  static List<Note> parse(Path root) throws Exception {
    Vault vault = Vault.open(root);
    NoteReader reader = new NoteReader(new NoteParser());
    List<Note> notes = new ArrayList<>();
    for (Vault.File f : vault.scan(Vault.DEFAULT_MAX_FILE_SIZE).files()) {
      byte[] b = NoteReader.bytes(f);
      notes.add(reader.parse(f, b, "").note());
    }
    return notes;
  }

  @Test
  void resolvesByPathNameTitleAliasAndRelativeMarkdownLinks() throws Exception {
    TempVault v = new TempVault(tmp);
    v.write("study/词向量.md", "---\naliases: [word vectors]\n---\n# 词向量\n");
    v.write("study/attention.md", "# Transformer 注意力机制\nsee [[词向量]] and [[Word Vectors|wv]] and [[Missing note]]\n");
    v.write("journal/2024-03-19.md", "read [[Transformer 注意力机制#多头]] and [notes](../study/attention.md)\n"
        + "and [[study/词向量.md]] and ![[attention]]\n");
    v.write("pages/Whiteboard___Action Bar.md", "title:: Whiteboard/Action Bar\n- about the bar\n");
    v.write("pages/Whiteboard.md", "- see [[whiteboard/action bar]]\n");
    LinkGraph g = new LinkGraph(parse(tmp));
    assertEquals(List.of("study/词向量.md", "study/词向量.md"),
        g.outgoing("study/attention.md").stream().filter(e -> e.to() != null).map(LinkGraph.Edge::to).toList());
    assertEquals(Set.of("Missing note"), g.unresolved().keySet());
    assertEquals(List.of("study/attention.md", "study/attention.md", "study/attention.md"),
        g.outgoing("journal/2024-03-19.md").stream().map(LinkGraph.Edge::to).filter(t -> t != null && t.contains("attention")).toList());
    assertEquals(3, g.backlinks("study/词向量.md").size());
    assertEquals(List.of("pages/Whiteboard.md"), g.backlinks("pages/Whiteboard___Action Bar.md").stream().map(LinkGraph.Edge::from).toList());
    assertTrue(g.linked("study/attention.md", "journal/2024-03-19.md"));
    assertEquals("study/词向量.md", g.find("word vectors").orElseThrow());
  }

  private static final Pattern WIKI = Pattern.compile("\\[\\[([^\\[\\]|#]+)(?:[#|][^\\]]*)?]]");

  /**
   * On the real Logseq documentation graph: for ten pages, the notes our graph says link to a page
   * are exactly the files whose text holds a {@code [[link]]} to one of the page's names.
   */
  @Test
  void backlinksMatchTheLinksWrittenInTheLogseqGraph() throws Exception {
    Path graph = TempVault.shared().resolve("data/vaults/logseq-docs");
    assumeTrue(Files.isDirectory(graph), "../shared/data/vaults/logseq-docs is absent");
    List<Note> notes = parse(graph);
    LinkGraph g = new LinkGraph(notes);
    List<String> pages = List.of("pages/Queries.md", "pages/Whiteboard.md", "pages/templates.md", "pages/Properties.md",
        "pages/Tasks.md", "pages/Journals page.md", "pages/Block Reference.md", "pages/Aliases and external links.md",
        "pages/Advanced Queries.md", "pages/contents.md", "pages/Templates___Docs.md");
    int checked = 0;
    for (String page : pages) {
      Note n = g.note(page).orElse(null);
      if (n == null) {
        continue;
      }
      Set<String> names = new TreeSet<>(LinkGraph.names(n));
      Set<String> expected = new TreeSet<>();
      for (Note other : notes) {
        if (other.path().equals(page)) {
          continue;
        }
        String text = SourceText.decode(Files.readAllBytes(graph.resolve(other.path()))).text();
        Matcher m = WIKI.matcher(text);
        while (m.find()) {
          if (names.contains(LinkGraph.key(m.group(1)))) {
            expected.add(other.path());
          }
        }
      }
      Set<String> actual = new TreeSet<>();
      g.backlinks(page).forEach(e -> actual.add(e.from()));
      actual.remove(page);
      assertEquals(expected, actual, "backlinks of " + page + " (names " + names + ")");
      checked++;
    }
    assertTrue(checked == pages.size(), "checked " + checked + " pages");
    assertTrue(g.unresolved().size() > 0);
    assertTrue(g.unresolved().keySet().stream().noneMatch(t -> g.find(t).isPresent()));
    assertTrue(g.unresolved().keySet().stream().noneMatch(t -> t.startsWith("[[") || t.startsWith("((")),
        g.unresolved().keySet().toString());
    // Journal pages are linked by their Logseq titles.
    assertEquals("journals/2021_07_14.md", g.find("Jul 14th, 2021").orElseThrow());
    assertEquals("journals/2021_07_14.md", g.find("2021-07-14").orElseThrow());
  }
}
