package dev.mnemo.vault;

/** A Markdown heading: its level (1 to 6), its plain text and its 1-based line. */
public record Heading(int level, String text, int line) {}
