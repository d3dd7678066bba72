package dev.promptops.store;

import java.nio.file.Path;

class PostgresEvalResultsIT extends EvalResultsContract {
  @Override
  TestDatabases.Database newDatabase(Path tmp) {
    return TestDatabases.postgresDatabase();
  }
}
