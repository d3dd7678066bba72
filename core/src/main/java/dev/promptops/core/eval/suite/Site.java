package dev.promptops.core.eval.suite;

/**
 * Where a case is written, for messages.
 *
 * @param where the full location, the prefix of every error about the case: {@code
 *     evals/support.yaml: case 3 ("refund")} or {@code evals/cases/support.csv:17}
 * @param group how lists of places group it: {@code cases}, {@code tests}, {@code defaultTest},
 *     {@code evals/cases/support.csv lines}
 * @param item its number within the group ({@code 3}, {@code 17}); null when the group is one place
 */
record Site(String where, String group, String item) {}
