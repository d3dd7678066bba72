package dev.promptops.store;

import dev.promptops.core.provider.SecretBox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * A sealed secret in its three columns ({@code secret_key_id}, and base64 {@code secret_nonce} and
 * {@code secret_ciphertext}), bound as {@code :keyId}, {@code :nonce} and {@code :ciphertext}; all
 * null for no secret. A second secret of a row takes a prefix: columns {@code previous_secret_…},
 * parameters {@code :previousKeyId} ….
 */
final class SecretColumns {
  private SecretColumns() {}

  static <S extends SqlStatement<S>> S bind(S statement, SecretBox.Sealed secret) {
    return bind(statement, "", secret);
  }

  static <S extends SqlStatement<S>> S bind(S statement, String prefix, SecretBox.Sealed secret) {
    Base64.Encoder b64 = Base64.getEncoder();
    return statement
        .bind(param(prefix, "keyId"), secret == null ? null : secret.keyId())
        .bind(param(prefix, "nonce"), secret == null ? null : b64.encodeToString(secret.nonce()))
        .bind(
            param(prefix, "ciphertext"),
            secret == null ? null : b64.encodeToString(secret.ciphertext()));
  }

  static SecretBox.Sealed read(ResultSet rs) throws SQLException {
    return read(rs, "");
  }

  static SecretBox.Sealed read(ResultSet rs, String prefix) throws SQLException {
    String column = prefix.isEmpty() ? "secret_" : prefix + "_secret_";
    String keyId = rs.getString(column + "key_id");
    if (keyId == null) {
      return null;
    }
    Base64.Decoder b64 = Base64.getDecoder();
    return new SecretBox.Sealed(
        keyId,
        b64.decode(rs.getString(column + "nonce")),
        b64.decode(rs.getString(column + "ciphertext")));
  }

  private static String param(String prefix, String name) {
    return prefix.isEmpty()
        ? name
        : prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
