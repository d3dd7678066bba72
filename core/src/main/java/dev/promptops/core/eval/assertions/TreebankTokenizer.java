package dev.promptops.core.eval.assertions;

import com.google.re2j.Pattern;
import java.util.Arrays;
import java.util.List;

/**
 * Word tokens after the Penn Treebank conventions, the tokenizer promptfoo's ROUGE uses (the
 * js-rouge package): punctuation ({@code , ; ? ! ( ) [ ] { } < >} and {@code @ # $ % &}) stands
 * alone, a final period splits off, {@code "} becomes {@code ``} or {@code ''}, and contractions
 * split ({@code can't} → {@code ca n't}, {@code they'll} → {@code they 'll}, {@code cannot} →
 * {@code can not}). Unlike js-rouge, any run of white space separates tokens (js-rouge splits on
 * spaces only, so a line break glued two words into one token), and every contraction in a text is
 * split, not only the first of each kind.
 */
final class TreebankTokenizer {
  private static final Rewrite[] PUNCTUATION = {
    new Rewrite("^\"", " `` "),
    new Rewrite("([ (\\[{<])\"", "$1 `` "),
    new Rewrite("\\.\\.\\.*", " ... "),
    new Rewrite("[;@#$%&]", " $0 "),
    new Rewrite("([^.])(\\.)([\\])}>\"']*)\\s*$", "$1 $2$3 "),
    new Rewrite("[,?!]", " $0 "),
    new Rewrite("[\\]\\[(){}<>]", " $0 "),
    new Rewrite("---*", " -- "),
  };
  private static final Rewrite[] QUOTES_AND_CONTRACTIONS = {
    new Rewrite("\"", " '' "),
    new Rewrite("([^'])' ", "$1 ' "),
    new Rewrite("'([sSmMdD]) ", " '$1 "),
    new Rewrite("('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", " $1 "),
    new Rewrite("(?i)\\b(can)(not)\\b", " $1 $2 "),
    new Rewrite("(?i)\\b(d)('ye)\\b", " $1 $2 "),
    new Rewrite("(?i)\\b(gim)(me)\\b", " $1 $2 "),
    new Rewrite("(?i)\\b(gon)(na)\\b", " $1 $2 "),
    new Rewrite("(?i)\\b(got)(ta)\\b", " $1 $2 "),
    new Rewrite("(?i)\\b(lem)(me)\\b", " $1 $2 "),
    new Rewrite("(?i)\\b(more)('n)\\b", " $1 $2 "),
    new Rewrite("(?i)\\b(wan)(na) ", " $1 $2 "),
    new Rewrite("(?i) ('t)(is)\\b", " $1 $2 "),
    new Rewrite("(?i) ('t)(was)\\b", " $1 $2 "),
  };
  private static final Pattern SPACES = Pattern.compile(" +");

  private TreebankTokenizer() {}

  private record Rewrite(Pattern pattern, String replacement) {
    Rewrite(String regex, String replacement) {
      this(Pattern.compile(regex), replacement);
    }

    String apply(String text) {
      return pattern.matcher(text).replaceAll(replacement);
    }
  }

  static List<String> tokenize(String text) {
    String s = String.join(" ", Words.split(text));
    if (s.isEmpty()) {
      return List.of();
    }
    for (Rewrite r : PUNCTUATION) {
      s = r.apply(s);
    }
    s = " " + s + " ";
    for (Rewrite r : QUOTES_AND_CONTRACTIONS) {
      s = r.apply(s);
    }
    s = SPACES.matcher(s).replaceAll(" ").strip();
    return s.isEmpty() ? List.of() : Arrays.asList(s.split(" "));
  }
}
