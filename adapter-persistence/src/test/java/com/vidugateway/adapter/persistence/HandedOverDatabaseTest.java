package com.vidugateway.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.port.out.GatewayInstances;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded file is served by whichever process opened it first (AUTO_SERVER). When that process ends — a CLI
 * command, just as a server starts — work on a connection through it fails with H2's "Database is already closed" while
 * the connection reports itself valid (it reconnects to the next process): the work is done again, not failed.
 */
class HandedOverDatabaseTest {

    @RegisterExtension
    final H2File database = new H2File();

    /** The pool, but the first {@code closedTimes} connections meet a database closed under them. */
    private DataSource closedUnderTheFirst(int closedTimes, AtomicInteger met) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(database.dataSource(), method, args);
                    if (!method.getName().equals("getConnection") || met.get() >= closedTimes) {
                        return result;
                    }
                    Connection real = (Connection) result;
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                            (c, m, a) -> {
                                if (m.getName().startsWith("prepare") && met.get() < closedTimes) {
                                    met.incrementAndGet();
                                    throw new SQLException("Database is already closed", "90121", 90121);
                                }
                                return invoke(real, m, a);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void registering_while_the_file_is_handed_over_is_done_again_and_succeeds() {
        AtomicInteger met = new AtomicInteger();
        JdbcGatewayInstances instances = new JdbcGatewayInstances(closedUnderTheFirst(3, met));
        Instant now = Instant.parse("2026-12-07T10:00:00Z");

        instances.register(new GatewayInstances.Instance("vidu-1", "server", "host", 7, null, null, now, now));

        assertThat(met).hasValue(3);
        assertThat(new JdbcGatewayInstances(database.dataSource()).all()).extracting(GatewayInstances.Instance::id).containsExactly("vidu-1");
    }

    @Test
    void a_database_that_stays_closed_fails_after_a_bounded_number_of_attempts() {
        AtomicInteger met = new AtomicInteger();
        JdbcGatewayInstances instances = new JdbcGatewayInstances(closedUnderTheFirst(1000, met));

        assertThatThrownBy(instances::all).hasMessageContaining("Database is already closed");
        assertThat(met.get()).isBetween(2, 20);
    }
}
