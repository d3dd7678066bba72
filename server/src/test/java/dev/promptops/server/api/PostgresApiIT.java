package dev.promptops.server.api;

import dev.promptops.server.TestServer;
import dev.promptops.store.TestDatabases;
import java.nio.file.Path;

/** The whole HTTP API suite again, with the server on PostgreSQL instead of SQLite. */
class PostgresApiIT extends ApiIT {
  @Override
  protected TestServer newServer(Path dataDir) {
    return TestServer.on(dataDir, TestDatabases.postgresDatabase());
  }
}
