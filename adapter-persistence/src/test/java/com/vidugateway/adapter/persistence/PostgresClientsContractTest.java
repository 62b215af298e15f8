package com.vidugateway.adapter.persistence;

/** Clients and limits on the PostgreSQL of this machine ({@link Postgres}), each test in a schema of its own. */
class PostgresClientsContractTest extends JdbcClientsContract {

    PostgresClientsContractTest() {
        super(new PostgresSchema());
    }
}
