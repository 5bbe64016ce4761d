package dev.mnemo.vault;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IgnoreRulesTest {
  @Test
  void gitignoreSemantics() {
    IgnoreRules r = IgnoreRules.parse("""
        # comment
        drafts/
        *.tmp.md
        /private.md
        archive/**/old-*.md
        secret*
        !secret-ok.md
        """);
    assertTrue(r.isIgnored("drafts", true));
    assertFalse(r.isIgnored("drafts", false), "a trailing slash matches directories only");
    assertTrue(r.isIgnored("notes/drafts", true));
    assertTrue(r.isIgnored("a/b/x.tmp.md", false));
    assertTrue(r.isIgnored("private.md", false));
    assertFalse(r.isIgnored("sub/private.md", false), "a leading slash anchors at the root");
    assertTrue(r.isIgnored("archive/2020/01/old-note.md", false));
    assertTrue(r.isIgnored("archive/old-note.md", false));
    assertFalse(r.isIgnored("archive/new-note.md", false));
    assertTrue(r.isIgnored("secret-plan.md", false));
    assertFalse(r.isIgnored("secret-ok.md", false), "the last matching rule wins");
  }
}
