package dev.promptops.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a server.
 *
 * @param host the address to listen on ({@code 127.0.0.1} by default)
 * @param port the port; 0 picks a free one
 * @param dataDir where the embedded SQLite database lives when {@code jdbcUrl} is null
 * @param jdbcUrl a {@code jdbc:postgresql:} or {@code jdbc:sqlite:} URL, or null for the embedded
 *     database under {@code dataDir}
 * @param maxBodyBytes request bodies larger than this get 413
 * @param adminKey the first admin key to create on an empty database, or null to generate one
 * @param environment the process environment: {@code PROMPTOPS_MASTER_KEY} (else the key file
 *     {@code master.key} in {@code dataDir} encrypts provider secrets), {@code
 *     PROMPTOPS_AUDIT_KEY_FILE} (else {@code audit-signing.key} in {@code dataDir} signs audit
 *     checkpoints) and {@code PROMPTOPS_AUDIT_CHECKPOINT_ENTRIES} / {@code _MINUTES}, and the
 *     provider variables ({@code OPENAI_API_KEY}, {@code PROMPTOPS_PROVIDER_<NAME>_API_KEY} …)
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    String jdbcUrl,
    String dbUser,
    String dbPassword,
    long maxBodyBytes,
    String adminKey,
    Map<String, String> environment) {

  public static final int DEFAULT_PORT = 7070;
  public static final long DEFAULT_MAX_BODY = 4L * 1024 * 1024;

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("not a port: " + port);
    }
    if (jdbcUrl == null) {
      Objects.requireNonNull(dataDir, "dataDir is needed when no JDBC URL is given");
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("max body must be at least 1024 bytes: " + maxBodyBytes);
    }
    environment = environment == null ? Map.of() : Map.copyOf(environment);
  }

  /** A configuration with an empty environment (no master key variable, no provider variables). */
  public ServerConfig(
      String host,
      int port,
      Path dataDir,
      String jdbcUrl,
      String dbUser,
      String dbPassword,
      long maxBodyBytes,
      String adminKey) {
    this(host, port, dataDir, jdbcUrl, dbUser, dbPassword, maxBodyBytes, adminKey, Map.of());
  }

  /** The defaults: 127.0.0.1:7070, embedded SQLite under {@code dataDir}. */
  public static ServerConfig embedded(Path dataDir) {
    return new ServerConfig(
        "127.0.0.1", DEFAULT_PORT, dataDir, null, null, null, DEFAULT_MAX_BODY, null);
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(
        host, newPort, dataDir, jdbcUrl, dbUser, dbPassword, maxBodyBytes, adminKey, environment);
  }

  public ServerConfig withAdminKey(String key) {
    return new ServerConfig(
        host, port, dataDir, jdbcUrl, dbUser, dbPassword, maxBodyBytes, key, environment);
  }

  public ServerConfig withMaxBody(long bytes) {
    return new ServerConfig(
        host, port, dataDir, jdbcUrl, dbUser, dbPassword, bytes, adminKey, environment);
  }

  public ServerConfig withEnvironment(Map<String, String> env) {
    return new ServerConfig(
        host, port, dataDir, jdbcUrl, dbUser, dbPassword, maxBodyBytes, adminKey, env);
  }

  /** Never the password, the admin key or the environment, which hold secrets. */
  @Override
  public String toString() {
    int query = jdbcUrl == null ? -1 : jdbcUrl.indexOf('?');
    return "ServerConfig["
        + host
        + ":"
        + port
        + ", data "
        + dataDir
        + ", database "
        + (jdbcUrl == null ? "embedded" : query < 0 ? jdbcUrl : jdbcUrl.substring(0, query))
        + "]";
  }
}
