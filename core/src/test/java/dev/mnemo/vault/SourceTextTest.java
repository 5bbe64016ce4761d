package dev.mnemo.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SourceTextTest {
  @Test
  void lineEndingsOfEveryKindCountAsEditorsCountThem() throws Exception {
    SourceText t = SourceText.decode("\uFEFFone\r\ntwo\rthree\nfour\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(4, t.lineCount());
    assertEquals("one", t.line(1));
    assertEquals("three", t.line(3));
    assertEquals("two\nthree", t.lines(2, 3));
  }

  @Test
  void binaryAndInvalidUtf8AreRefusedWithWhere() {
    UnreadableNoteException bin = assertThrows(UnreadableNoteException.class,
        () -> SourceText.decode(new byte[] {'a', 0, 'b'}));
    assertTrue(bin.getMessage().contains("binary"), bin.getMessage());
    UnreadableNoteException bad = assertThrows(UnreadableNoteException.class,
        () -> SourceText.decode(new byte[] {'a', 'b', (byte) 0xC3, (byte) 0x28}));
    assertTrue(bad.getMessage().contains("invalid UTF-8 at byte 2"), bad.getMessage());
  }

  @Test
  void crlfNotesParseWithTheSameLinesAsLf() {
    Note lf = new NoteParser().parse("a.md", SourceText.of("# T\n\n## 2023-01-02 x\nbody\n"));
    Note crlf = new NoteParser().parse("a.md", SourceText.of("# T\r\n\r\n## 2023-01-02 x\r\nbody\r\n"));
    assertEquals(NoteOutline.of(lf), NoteOutline.of(crlf));
  }
}
