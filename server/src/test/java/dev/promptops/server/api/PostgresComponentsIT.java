package dev.promptops.server.api;

import dev.promptops.server.TestServer;
import dev.promptops.store.TestDatabases;
import java.nio.file.Path;

/** The components suite again, with the server on PostgreSQL instead of SQLite. */
class PostgresComponentsIT extends ComponentsIT {
  @Override
  protected TestServer newServer(Path dataDir) {
    return TestServer.on(dataDir, TestDatabases.postgresDatabase());
  }
}
