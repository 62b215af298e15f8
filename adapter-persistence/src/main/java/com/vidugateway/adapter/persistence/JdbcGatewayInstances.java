package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.GatewayInstances;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The gateway instances on one database, in {@code gateway_instance}. Heartbeats are written and judged by the
 * database's clock ({@link Database#nowMicros}).
 */
public final class JdbcGatewayInstances implements GatewayInstances {

    private static final String COLUMNS = "id, kind, host, pid, process_started_at, pid_namespace, started_at, heartbeat_at";

    private final Database database;

    /** @param dataSource a migrated database ({@link DatabaseMigrations#migrate}) */
    public JdbcGatewayInstances(DataSource dataSource) {
        this.database = new Database(dataSource);
    }

    @Override
    public Instant now() {
        return database.now("read the database's clock");
    }

    @Override
    public void register(Instance instance) {
        database.transaction("register instance " + instance.id(), connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM gateway_instance WHERE id = ?")) {
                delete.setString(1, instance.id());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO gateway_instance (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, instance.id());
                insert.setString(2, instance.kind());
                insert.setString(3, instance.host());
                insert.setLong(4, instance.pid());
                if (instance.processStartedAt() == null) {
                    insert.setNull(5, Types.BIGINT);
                } else {
                    insert.setLong(5, instance.processStartedAt().toEpochMilli());
                }
                insert.setString(6, instance.pidNamespace());
                insert.setLong(7, instance.startedAt().toEpochMilli());
                insert.setLong(8, instance.heartbeatAt().toEpochMilli());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean beat(String id, Instant at) {
        return database.update("record the heartbeat of instance " + id,
                "UPDATE gateway_instance SET heartbeat_at = ? WHERE id = ?", statement -> {
                    statement.setLong(1, at.toEpochMilli());
                    statement.setString(2, id);
                }) == 1;
    }

    @Override
    public List<Instance> all() {
        return database.query("list the gateway instances",
                "SELECT " + COLUMNS + " FROM gateway_instance ORDER BY started_at, id", statement -> { },
                JdbcGatewayInstances::instance);
    }

    @Override
    public void remove(String id) {
        database.update("remove instance " + id, "DELETE FROM gateway_instance WHERE id = ?",
                statement -> statement.setString(1, id));
    }

    private static Instance instance(ResultSet row) throws SQLException {
        long processStarted = row.getLong("process_started_at");
        Instant processStartedAt = row.wasNull() ? null : Instant.ofEpochMilli(processStarted);
        return new Instance(row.getString("id"), row.getString("kind"), row.getString("host"), row.getLong("pid"),
                processStartedAt, row.getString("pid_namespace"), Instant.ofEpochMilli(row.getLong("started_at")),
                Instant.ofEpochMilli(row.getLong("heartbeat_at")));
    }
}
