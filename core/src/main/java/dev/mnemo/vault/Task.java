package dev.mnemo.vault;

/** A task list item ({@code - [ ] x}, {@code - [x] x}, or Logseq's {@code TODO}/{@code DONE}) and its 1-based line. */
public record Task(boolean done, String text, int line) {}
