package dev.mnemo.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mnemo.search.Hit;
import dev.mnemo.search.SearchQuery;
import dev.mnemo.search.Searcher;
import dev.mnemo.testing.TempVault;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables of contents rank below the notes they list. */
class NavigationTest {
  @TempDir
  Path tmp;

  @Test
  void theShareOfLinksIsMeasuredOnVisibleCharacters() {
    assertEquals(0, Navigation.permille("Press D to delete to the end of the line."));
    assertEquals(1000, Navigation.permille("- [Delete to the end](vim/a.md)\n- [[Other note]]\n- https://example.com/x"));
    int mixed = Navigation.permille("Some words of my own here, then [a link](x.md).");
    assertTrue(mixed > 200 && mixed < 400, String.valueOf(mixed));
    assertEquals(1.0, Navigation.factor(mixed));
    assertEquals(Navigation.FLOOR, Navigation.factor(1000));
    assertTrue(Navigation.factor(700) < 1.0 && Navigation.factor(700) > Navigation.FLOOR);
  }

  @Test
  void aListOfLinksRanksBelowTheSameWordsWrittenOut() throws Exception {
    String[] titles = {"Delete To The End Of The Line", "Delete Every Other Line", "Go To The End Of The Line",
        "Set End Of Line Markers", "Delete Lines That Match A Pattern", "Delete Blank Lines At The End Of A File"};
    StringBuilder links = new StringBuilder("# Vim tips\n\n");
    StringBuilder prose = new StringBuilder("# Vim notes\n\n");
    for (String t : titles) {
      links.append("- [").append(t).append("](vim/").append(t.toLowerCase(java.util.Locale.ROOT).replace(' ', '-')).append(".md)\n");
      prose.append("- ").append(t).append(": worth a try\n");
    }
    TempVault v = new TempVault(tmp.resolve("vault"));
    v.write("contents.md", links.toString());
    v.write("tips.md", prose.toString());
    v.write("cooking.md", "# Soup\n\nOnions, then stock, then an hour on a low flame.\n");
    TempVault.indexKeywordOnly(v.root(), tmp.resolve("index"));
    try (NoteIndex index = NoteIndex.openForReading(tmp.resolve("index"))) {
      List<String> paths = new Searcher().search(index, SearchQuery.parse("delete end of line", LocalDate.now()),
          Searcher.Options.top(10)).hits().stream().map(Hit::path).toList();
      // The links' targets repeat the words, so without the discount the list would come first.
      assertEquals(List.of("tips.md", "contents.md"), paths, "the list is still found, second");
    }
  }
}
