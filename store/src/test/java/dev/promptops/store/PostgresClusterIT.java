package dev.promptops.store;

import java.nio.file.Path;

class PostgresClusterIT extends ClusterContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.postgresDatabase();
  }
}
