package dev.promptops.core.eval;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Ids of evaluation runs: {@code ev_20261202T081530_3fa2c8}, sortable by start, hard to guess. */
public final class EvalIds {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern ID = Pattern.compile("ev_[0-9A-Za-z_]{1,64}");

  private EvalIds() {}

  public static String newId(Instant now) {
    byte[] b = new byte[3];
    RANDOM.nextBytes(b);
    return "ev_" + STAMP.format(now) + "_" + HexFormat.of().formatHex(b);
  }

  /** Whether {@code id} has the form of a run id (it may still name no run). */
  public static boolean valid(String id) {
    return id != null && ID.matcher(id).matches();
  }
}
