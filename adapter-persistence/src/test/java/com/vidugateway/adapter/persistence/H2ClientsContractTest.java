package com.vidugateway.adapter.persistence;

/** Clients and limits on an H2 file, as the gateway opens it; a fresh file per test. */
class H2ClientsContractTest extends JdbcClientsContract {

    H2ClientsContractTest() {
        super(new H2File());
    }
}
