package com.vidugateway.adapter.persistence;

/** The store on the PostgreSQL of this machine ({@link Postgres}), each test in a schema of its own. */
class PostgresVideoTasksContractTest extends JdbcVideoTasksContract {

    PostgresVideoTasksContractTest() {
        super(new PostgresSchema());
    }
}
