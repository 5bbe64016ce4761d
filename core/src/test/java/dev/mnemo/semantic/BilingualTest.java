package dev.mnemo.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dictionary as the build digests it and as a search reads it back. */
class BilingualTest {
  /** A few CC-CEDICT entries, in the build's TSV form: simplified, traditional, glosses. */
  private static final String CEDICT = String.join("\n",
      "搬家\t搬家\tto move house/to relocate/(fig.) to move (sth)",
      "注意力\t注意力\tattention",
      "注意\t注意\tto take note of/to pay attention to",
      "语言\t語言\tlanguage/CL:門|门[men2],種|种[zhong3]",
      "语\t語\tdialect/language/speech",
      "言\t言\twords/speech/to say",
      "门\t門\tgate/door/CL:扇[shan4]",
      "房子\t房子\thouse/building (single- or two-story)/apartment/room",
      "房\t房\thouse/room/surname Fang",
      "变量\t變量\tvariable (math.)",
      "使用\t使用\tto use/to employ/to apply",
      "我们\t我們\twe/us/ourselves/our",
      "替换\t替換\tto exchange/to replace/to substitute for/to switch",
      "x\tx\t",
      "");

  private static Bilingual digest(String tsv) throws IOException {
    return Bilingual.digest(new BufferedReader(new StringReader(tsv)));
  }

  private static byte[] bytes(Bilingual b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataOutputStream d = new DataOutputStream(out)) {
      b.write(d);
    }
    return out.toByteArray();
  }

  @Test
  void whatTheBuildWritesReadsBackToTheSameTranslations() throws IOException {
    Bilingual digested = digest(CEDICT);
    Bilingual read = Bilingual.read(new DataInputStream(new ByteArrayInputStream(bytes(digested))));
    for (Bilingual b : List.of(digested, read)) {
      assertTrue(b.available());
      assertEquals("搬家", b.translate("move house"), "a two-word sense before single words");
      assertEquals("搬家", b.translate("moving house"), "also when its first word is inflected");
      assertEquals("房子", b.translate("houses"), "plural to singular; the two-character word first");
      assertEquals("move house attention", b.translate("搬家的注意力"), "longest words, first senses, stop words skipped");
      assertEquals("变量", b.translate("variables"));
      for (String use : List.of("uses", "used", "using")) {
        assertEquals("使用", b.translate(use), use + " is a form of use, not of us");
      }
      assertEquals("语言的门", b.toSimplified("語言的門"));
      assertEquals("plain text", b.toSimplified("plain text"));
      assertEquals("", b.translate("quantum chromodynamics"), "nothing known, nothing added");
    }
  }

  @Test
  void aDamagedDictionaryIsRefusedNotMisread() throws IOException {
    byte[] whole = bytes(digest(CEDICT));
    assertThrows(IOException.class,
        () -> Bilingual.read(new DataInputStream(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length - 3)))));
    byte[] wrongMagic = whole.clone();
    wrongMagic[0] ^= 1;
    assertThrows(IOException.class, () -> Bilingual.read(new DataInputStream(new ByteArrayInputStream(wrongMagic))));
  }

  @Test
  void anEmptyDictionaryTranslatesNothing() throws IOException {
    Bilingual b = Bilingual.read(new DataInputStream(new ByteArrayInputStream(bytes(digest("")))));
    assertEquals("", b.translate("move house"));
    assertEquals("語言", b.toSimplified("語言"));
  }

  @Test
  void theBuiltDictionaryIsCcCedict() {
    Bilingual b = Bilingual.get();
    assumeTrue(b.available(), "this build has no bilingual dictionary (npm was unavailable)");
    assertTrue(b.translate("move house").contains("搬家"), b.translate("move house"));
    assertTrue(b.translate("注意力").contains("attention"), b.translate("注意力"));
    assertEquals("语言", b.toSimplified("語言"));
  }

  @Test
  void theNotesChooseAmongAChineseWordsSensesWithTheDictionarysOrderAsPrior() throws IOException {
    Bilingual b = digest(CEDICT);
    assertEquals("exchange", b.translate("替换"), "without the notes, the first sense");
    java.util.Map<String, Long> uses = java.util.Map.of("exchange", 1L, "replace", 60L, "switch", 80L);
    assertEquals("replace", b.translate("替换", c -> uses.getOrDefault(c, 0L)),
        "the notes' use weighed against the dictionary's order: replace, not switch, used a little more but listed later");
  }
}
