package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.Clients;
import com.vidugateway.domain.client.ClientLimits;
import com.vidugateway.domain.client.ClientUsage;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Clients and their keys in the task database (migration 11). Every write moves {@code client_change_feed} on in its
 * transaction, so an instance that remembers keys ({@code ClientKeyDirectory}) sees the change on its next look.
 * What a client uses is summed from its tasks' rows ({@link #usage(Connection, String, Instant)}), the same query the
 * task store runs inside an add to check the limits.
 */
public final class JdbcClients implements Clients {

    private static final String BUMP = "UPDATE client_change_feed SET last_change = last_change + 1 WHERE id = 1";

    private static final String USAGE_SQL = "SELECT COALESCE(SUM(CASE WHEN accepted_at >= ? THEN charge_cny END), 0),"
            + " COUNT(CASE WHEN ended_at IS NULL THEN 1 END),"
            + " COALESCE(SUM(CASE WHEN images_removed_at IS NULL THEN image_bytes END), 0)"
            + " + COALESCE(SUM(CASE WHEN video_removed_at IS NULL THEN video_size_bytes END), 0)"
            + " FROM video_task WHERE owner = ?";

    private final Database database;

    /** @param dataSource a migrated database ({@link DatabaseMigrations#migrate}) */
    public JdbcClients(DataSource dataSource) {
        this.database = new Database(dataSource);
    }

    @Override
    public void create(String name, ClientLimits limits, StoredKey key, Instant at) {
        database.transaction("add client " + name, connection -> {
            bump(connection);
            if (limitsOf(connection, name).isPresent()) {
                throw new ClientExists(name);
            }
            refuseTakenKey(connection, key);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO client (name, monthly_budget_cny,"
                    + " max_concurrent_tasks, max_stored_bytes, created_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, name);
                setLimits(insert, 2, limits);
                insert.setLong(5, at.toEpochMilli());
                insert.executeUpdate();
            }
            insertKey(connection, name, key, at);
            return null;
        });
    }

    @Override
    public void ensure(String name, StoredKey key, Instant at) {
        database.transaction("adopt the key of client " + name, connection -> {
            bump(connection);
            if (limitsOf(connection, name).isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO client (name, created_at) VALUES (?, ?)")) {
                    insert.setString(1, name);
                    insert.setLong(2, at.toEpochMilli());
                    insert.executeUpdate();
                }
            }
            if (ownerOfAnyKey(connection, key.hash()).isEmpty()) {
                insertKey(connection, name, key, at);
            }
            return null;
        });
    }

    @Override
    public Optional<Client> find(String name) {
        return read(name).stream().findFirst();
    }

    @Override
    public List<Client> list() {
        return read(null);
    }

    private List<Client> read(String name) {
        return database.transaction("read clients", connection -> {
            Map<String, List<KeyInfo>> keys = new LinkedHashMap<>();
            Database.rows(connection, "SELECT client_name, prefix, created_at, revoked_at FROM client_key"
                            + (name == null ? "" : " WHERE client_name = ?") + " ORDER BY created_at, prefix",
                    statement -> {
                        if (name != null) {
                            statement.setString(1, name);
                        }
                    },
                    row -> keys.computeIfAbsent(row.getString(1), client -> new ArrayList<>())
                            .add(new KeyInfo(row.getString(2), Instant.ofEpochMilli(row.getLong(3)),
                                    Database.millis(row, "revoked_at"))));
            return Database.rows(connection, "SELECT name, monthly_budget_cny, max_concurrent_tasks, max_stored_bytes,"
                            + " created_at FROM client" + (name == null ? "" : " WHERE name = ?") + " ORDER BY name",
                    statement -> {
                        if (name != null) {
                            statement.setString(1, name);
                        }
                    },
                    row -> new Client(row.getString(1), limits(row), keys.getOrDefault(row.getString(1), List.of()),
                            Instant.ofEpochMilli(row.getLong(5))));
        });
    }

    @Override
    public void setLimits(String name, ClientLimits limits) {
        database.transaction("set the limits of client " + name, connection -> {
            bump(connection);
            try (PreparedStatement update = connection.prepareStatement("UPDATE client SET monthly_budget_cny = ?,"
                    + " max_concurrent_tasks = ?, max_stored_bytes = ? WHERE name = ?")) {
                setLimits(update, 1, limits);
                update.setString(4, name);
                if (update.executeUpdate() != 1) {
                    throw new UnknownClient(name);
                }
            }
            return null;
        });
    }

    @Override
    public void addKey(String name, StoredKey key, Instant at) {
        database.transaction("add a key to client " + name, connection -> {
            bump(connection);
            if (limitsOf(connection, name).isEmpty()) {
                throw new UnknownClient(name);
            }
            refuseTakenKey(connection, key);
            insertKey(connection, name, key, at);
            return null;
        });
    }

    /**
     * The active key whose shown prefix starts with {@code prefix} — or, given a whole key, that key (its hash matches).
     */
    @Override
    public RevokedKey revoke(String prefix, Instant at) {
        String hashOfWhole = com.vidugateway.domain.client.ApiKeys.hash(prefix);
        return database.transaction("revoke key " + prefix, connection -> {
            bump(connection);
            List<String[]> matches = Database.rows(connection, "SELECT key_sha256, client_name, prefix FROM client_key"
                            + " WHERE revoked_at IS NULL ORDER BY created_at", statement -> { },
                    row -> new String[] {row.getString(1), row.getString(2), row.getString(3)})
                    .stream().filter(key -> key[2].startsWith(prefix) || key[0].equals(hashOfWhole)).toList();
            if (matches.isEmpty()) {
                throw new UnknownKey(prefix);
            }
            if (matches.size() > 1) {
                throw new AmbiguousKey(prefix, matches.size());
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE client_key SET revoked_at = ? WHERE key_sha256 = ?")) {
                update.setLong(1, at.toEpochMilli());
                update.setString(2, matches.get(0)[0]);
                update.executeUpdate();
            }
            return new RevokedKey(matches.get(0)[1], matches.get(0)[2]);
        });
    }

    @Override
    public Optional<String> clientOfKey(String keyHash) {
        return database.query("look up a client key", "SELECT client_name FROM client_key"
                        + " WHERE key_sha256 = ? AND revoked_at IS NULL",
                statement -> statement.setString(1, keyHash), row -> row.getString(1)).stream().findFirst();
    }

    @Override
    public boolean anyActiveKey() {
        return !database.query("look for an active client key",
                "SELECT key_sha256 FROM client_key WHERE revoked_at IS NULL LIMIT 1", statement -> { },
                row -> row.getString(1)).isEmpty();
    }

    @Override
    public long changeNumber() {
        return database.query("read the client change feed", "SELECT last_change FROM client_change_feed WHERE id = 1",
                statement -> { }, row -> row.getLong(1)).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("the client change feed's row is missing (migration 11)"));
    }

    @Override
    public ClientUsage usage(String name, Instant monthStart) {
        return database.transaction("measure the usage of client " + name,
                connection -> usage(connection, name, monthStart));
    }

    /** A client's own limits; empty when it has no row (an owner from before clients, or the CLI's on a new database). */
    static Optional<ClientLimits> limitsOf(Connection connection, String name) throws SQLException {
        return Database.rows(connection, "SELECT monthly_budget_cny, max_concurrent_tasks, max_stored_bytes FROM client"
                + " WHERE name = ?", statement -> statement.setString(1, name), JdbcClients::limits).stream().findFirst();
    }

    static ClientUsage usage(Connection connection, String owner, Instant monthStart) throws SQLException {
        return Database.rows(connection, USAGE_SQL, statement -> {
            statement.setLong(1, monthStart.toEpochMilli());
            statement.setString(2, owner);
        }, row -> new ClientUsage(row.getBigDecimal(1), row.getLong(2), row.getLong(3))).get(0);
    }

    /** The start of the calendar month (UTC) that {@code at} is in. */
    static Instant monthStart(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static ClientLimits limits(ResultSet row) throws SQLException {
        BigDecimal budget = row.getBigDecimal("monthly_budget_cny");
        int tasks = row.getInt("max_concurrent_tasks");
        Integer concurrency = row.wasNull() ? null : tasks;
        long bytes = row.getLong("max_stored_bytes");
        Long storage = row.wasNull() ? null : bytes;
        return new ClientLimits(budget == null ? null : budget.stripTrailingZeros(), concurrency, storage);
    }

    private static void setLimits(PreparedStatement statement, int first, ClientLimits limits) throws SQLException {
        ClientLimits given = limits == null ? ClientLimits.NONE : limits;
        statement.setBigDecimal(first, given.monthlyBudgetCny());
        if (given.concurrentTasks() == null) {
            statement.setNull(first + 1, Types.INTEGER);
        } else {
            statement.setInt(first + 1, given.concurrentTasks());
        }
        if (given.storedBytes() == null) {
            statement.setNull(first + 2, Types.BIGINT);
        } else {
            statement.setLong(first + 2, given.storedBytes());
        }
    }

    private static void bump(Connection connection) throws SQLException {
        try (PreparedStatement bump = connection.prepareStatement(BUMP)) {
            if (bump.executeUpdate() != 1) {
                throw new SQLException("the client change feed's row is missing (client_change_feed, migration 11)");
            }
        }
    }

    private static Optional<String> ownerOfAnyKey(Connection connection, String hash) throws SQLException {
        return Database.rows(connection, "SELECT client_name FROM client_key WHERE key_sha256 = ?",
                statement -> statement.setString(1, hash), row -> row.getString(1)).stream().findFirst();
    }

    private static void refuseTakenKey(Connection connection, StoredKey key) throws SQLException {
        Optional<String> owner = ownerOfAnyKey(connection, key.hash());
        if (owner.isPresent()) {
            throw new KeyTaken(owner.get());
        }
    }

    private static void insertKey(Connection connection, String name, StoredKey key, Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO client_key (key_sha256, client_name, prefix, created_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, key.hash());
            insert.setString(2, name);
            insert.setString(3, key.prefix());
            insert.setLong(4, at.toEpochMilli());
            insert.executeUpdate();
        }
    }
}
