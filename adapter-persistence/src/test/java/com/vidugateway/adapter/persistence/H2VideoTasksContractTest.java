package com.vidugateway.adapter.persistence;

/** The store on an H2 file database, as the gateway runs it by default; a fresh file per test. */
class H2VideoTasksContractTest extends JdbcVideoTasksContract {

    H2VideoTasksContractTest() {
        super(new H2File());
    }
}
