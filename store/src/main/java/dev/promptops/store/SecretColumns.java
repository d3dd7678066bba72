package dev.promptops.store;

import dev.promptops.core.provider.SecretBox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * A sealed secret in its three columns ({@code secret_key_id}, and base64 {@code secret_nonce} and
 * {@code secret_ciphertext}), bound as {@code :keyId}, {@code :nonce} and {@code :ciphertext}; all
 * null for no secret.
 */
final class SecretColumns {
  private SecretColumns() {}

  static <S extends SqlStatement<S>> S bind(S statement, SecretBox.Sealed secret) {
    Base64.Encoder b64 = Base64.getEncoder();
    return statement
        .bind("keyId", secret == null ? null : secret.keyId())
        .bind("nonce", secret == null ? null : b64.encodeToString(secret.nonce()))
        .bind("ciphertext", secret == null ? null : b64.encodeToString(secret.ciphertext()));
  }

  static SecretBox.Sealed read(ResultSet rs) throws SQLException {
    String keyId = rs.getString("secret_key_id");
    if (keyId == null) {
      return null;
    }
    Base64.Decoder b64 = Base64.getDecoder();
    return new SecretBox.Sealed(
        keyId,
        b64.decode(rs.getString("secret_nonce")),
        b64.decode(rs.getString("secret_ciphertext")));
  }
}
