package dev.promptops.store;

import java.nio.file.Path;

class PostgresChangeRequestsIT extends ChangeRequestsContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.postgresDatabase();
  }
}
