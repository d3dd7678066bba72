package dev.promptops.store;

import java.nio.file.Path;

class PostgresDeploymentsIT extends DeploymentsContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.postgresDatabase();
  }
}
