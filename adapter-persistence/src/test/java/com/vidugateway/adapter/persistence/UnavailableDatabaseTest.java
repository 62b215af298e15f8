package com.vidugateway.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.task.TaskId;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** A database that cannot be reached is told apart from other failures: the caller may try again later. */
class UnavailableDatabaseTest {

    @Test
    void a_refused_connection_is_unavailable_not_a_generic_failure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setServerNames(new String[] {"127.0.0.1"});
        nowhere.setPortNumbers(new int[] {closedPort});
        nowhere.setDatabaseName("test");
        nowhere.setUser("postgres");
        nowhere.setConnectTimeout(2);

        JdbcVideoTasks store = new JdbcVideoTasks(nowhere, "a");

        assertThatThrownBy(() -> store.find(new TaskId("t-1")))
                .isInstanceOf(VideoTasks.Unavailable.class)
                .hasMessageContaining("the task store could not read task t-1");
        assertThatThrownBy(() -> new JdbcGatewayInstances(nowhere).all()).isInstanceOf(VideoTasks.Unavailable.class);
    }
}
