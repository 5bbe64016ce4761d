package dev.mnemo.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.mnemo.progress.Progress;
import dev.mnemo.search.Hit;
import dev.mnemo.search.SearchQuery;
import dev.mnemo.search.Searcher;
import dev.mnemo.testing.TempVault;
import dev.mnemo.vault.NoteParser;
import dev.mnemo.vault.NoteReader;
import dev.mnemo.vault.UnreadableNoteException;
import dev.mnemo.vault.Vault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incremental indexer against a real Lucene index on disk. */
class IndexerTest {
  @TempDir
  Path tmp;

  private Indexer.Report index(TempVault v, long maxSize) throws Exception {
    Vault vault = Vault.open(v.root());
    try (NoteIndex index = NoteIndex.openForWriting(tmp.resolve("index"), vault.root())) {
      return new Indexer(new NoteReader(new NoteParser()), Indexer.DocumentMaker.KEYWORD_ONLY, 2, maxSize)
          .update(vault, index, Progress.NONE);
    }
  }

  private Indexer.Report index(TempVault v) throws Exception {
    return index(v, Vault.DEFAULT_MAX_FILE_SIZE);
  }

  private List<String> search(String q) throws Exception {
    try (NoteIndex index = NoteIndex.openForReading(tmp.resolve("index"))) {
      return new Searcher().search(index, SearchQuery.parse(q, java.time.LocalDate.now()), Searcher.Options.top(20))
          .hits().stream().map(Hit::path).distinct().toList();
    }
  }

  @Test
  void secondRunReadsNothingAndEditsDeletesRenamesAreFollowed() throws Exception {
    TempVault v = new TempVault(tmp.resolve("vault"));
    v.write("a.md", "# Alpha\nthe aardvark sleeps");
    v.write("b.md", "# Beta\nthe badger digs");
    v.write("c.md", "# Gamma\nthe camel walks");
    Indexer.Report first = index(v);
    assertEquals(List.of(3, 3, 0, 0, 0), List.of(first.files(), first.added(), first.changed(), first.removed(), first.unchanged()));

    Indexer.Report second = index(v);
    assertEquals(3, second.unchanged());
    assertFalse(second.changedAnything());

    v.write("a.md", "# Alpha\nthe anteater sleeps");
    v.delete("b.md");
    v.move("c.md", "sub/c2.md");
    Indexer.Report third = index(v);
    assertEquals(1, third.changed());
    assertEquals(1, third.added());
    assertEquals(2, third.removed());
    assertEquals(List.of("a.md"), search("anteater"));
    assertEquals(List.of(), search("aardvark"), "no ghost of the old text");
    assertEquals(List.of(), search("badger"), "no ghost of a deleted note");
    assertEquals(List.of("sub/c2.md"), search("camel"), "a renamed note is found once, at its new path");
  }

  @Test
  void notesReadByAnotherParserVersionAreReadAgainOnce() throws Exception {
    TempVault v = new TempVault(tmp.resolve("vault"));
    v.write("a.md", "# Alpha\nthe aardvark sleeps");
    v.write("b.md", "## 21.03.2024 Berlin\nrain");
    index(v);
    // An index whose notes an older parser read, as an upgrade of mnemo finds it.
    try (NoteIndex index = NoteIndex.openForWriting(tmp.resolve("index"), Vault.open(v.root()).root())) {
      index.commit(java.util.Map.of(NoteIndex.USER_PARSER, "0"));
    }
    Indexer.Report again = index(v);
    assertTrue(again.notice() != null && again.notice().contains("every note is read again"), String.valueOf(again.notice()));
    assertEquals(List.of(0, 0, 2), List.of(again.added(), again.changed(), again.unchanged()), "same content: read, not changed");
    try (NoteIndex index = NoteIndex.openForReading(tmp.resolve("index"))) {
      assertEquals(Indexer.readerVersion(), index.commitData().get(NoteIndex.USER_PARSER));
    }
    Indexer.Report third = index(v);
    assertEquals(null, third.notice());
    assertEquals(List.of("a.md"), search("aardvark"));
  }

  @Test
  void sameContentWithNewTimestampIsNotCountedAsAChange() throws Exception {
    TempVault v = new TempVault(tmp.resolve("vault"));
    Path a = v.write("a.md", "# Alpha\ntext");
    index(v);
    Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 5000));
    Indexer.Report r = index(v);
    assertEquals(0, r.changed());
    assertEquals(1, r.unchanged());
  }

  @Test
  void uncommittedWorkIsDroppedAndTheNextRunRepairs() throws Exception {
    TempVault v = new TempVault(tmp.resolve("vault"));
    v.write("a.md", "# Alpha\nfirst version");
    index(v);
    // A writer that dies before committing: its changes must not appear, and nothing must break.
    Vault vault = Vault.open(v.root());
    try (NoteIndex index = NoteIndex.openForWriting(tmp.resolve("index"), vault.root())) {
      index.writer().deleteDocuments(new Term(IndexSchema.PATH, "a.md"));
    }
    assertEquals(List.of("a.md"), search("first"));
    v.write("a.md", "# Alpha\nsecond version");
    index(v);
    assertEquals(List.of("a.md"), search("second"));
    assertEquals(List.of(), search("first"));
  }

  @Test
  void badFilesAreReportedAndTheRestIsIndexed() throws Exception {
    TempVault v = new TempVault(tmp.resolve("vault"));
    v.write("good.md", "# Good\nthe quokka smiles");
    v.write("binary.md", new byte[] {1, 2, 0, 3, 4});
    v.write("latin1.md", new byte[] {'c', 'a', 'f', (byte) 0xE9});
    v.write("big.md", "x".repeat(300_000));
    v.write("deep.md", "- a\n".repeat(1) + "  ".repeat(1) + "- ".repeat(10_000) + "deep\n");
    v.write("headings.md", "## h\n".repeat(20_000));
    v.write("bom crlf.md", "\uFEFF# BOM\r\nthe wombat\rsleeps\r\n");
    Indexer.Report r = index(v, 200_000);
    String problems = r.problems().toString();
    assertTrue(problems.contains("binary.md: binary file"), problems);
    assertTrue(problems.contains("latin1.md: invalid UTF-8 at byte 3"), problems);
    assertTrue(problems.contains("big.md: too large"), problems);
    assertEquals(List.of("good.md"), search("quokka"));
    assertEquals(List.of("bom crlf.md"), search("wombat"));
    assertEquals(List.of("deep.md"), search("deep"));
  }

  @Test
  void aFileThatBecomesUnreadableLeavesTheIndex() throws Exception {
    assumeFalse("root".equals(System.getProperty("user.name")), "root reads every file");
    TempVault v = new TempVault(tmp.resolve("vault"));
    Path secret = v.write("secret.md", "# Secret\nthe okapi hides");
    index(v);
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    v.write("other.md", "other");
    Indexer.Report r = index(v);
    assertTrue(r.problems().toString().contains("permission denied"), r.problems().toString());
    assertEquals(List.of(), search("okapi"));
  }

  @Test
  void aFileRemovedBetweenScanAndReadIsAClearProblem() throws Exception {
    TempVault v = new TempVault(tmp.resolve("vault"));
    v.write("gone.md", "x");
    Vault.File f = Vault.open(v.root()).scan(1000).files().get(0);
    v.delete("gone.md");
    UnreadableNoteException e = org.junit.jupiter.api.Assertions.assertThrows(UnreadableNoteException.class,
        () -> NoteReader.bytes(f));
    assertTrue(e.getMessage().contains("removed"), e.getMessage());
  }

  @Test
  void theIndexRefusesToLiveInsideTheVaultOrServeAnotherVault() throws Exception {
    TempVault v = new TempVault(tmp.resolve("vault"));
    v.write("a.md", "a");
    Vault vault = Vault.open(v.root());
    org.junit.jupiter.api.Assertions.assertThrows(dev.mnemo.vault.VaultException.class,
        () -> IndexLocation.check(v.root().resolve(".mnemo-index"), vault.root()));
    index(v);
    TempVault other = new TempVault(tmp.resolve("other"));
    other.write("b.md", "b");
    IndexException e = org.junit.jupiter.api.Assertions.assertThrows(IndexException.class,
        () -> NoteIndex.openForWriting(tmp.resolve("index"), Vault.open(other.root()).root()));
    assertTrue(e.getMessage().contains("belongs to another vault"), e.getMessage());
  }

  @Test
  void defaultLocationIsPerVaultUnderTheDataHome() {
    Path a = IndexLocation.defaultFor(Path.of("/home/x/notes"), Map.of("MNEMO_HOME", "/data/m"));
    Path b = IndexLocation.defaultFor(Path.of("/home/y/notes"), Map.of("MNEMO_HOME", "/data/m"));
    assertTrue(a.startsWith("/data/m/indexes"), a.toString());
    assertTrue(a.getFileName().toString().startsWith("notes-"), a.toString());
    assertFalse(a.equals(b));
  }
}
