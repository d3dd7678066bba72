package dev.promptops.store;

import java.nio.file.Path;

class PostgresPoliciesIT extends PoliciesContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.postgresDatabase();
  }
}
