package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.ProviderCallSlots;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;

/**
 * The provider-call timetable in {@code provider_call_slot}, shared by every instance on the database: a reservation
 * locks the one row, moves it on by a slot and commits — one short transaction per provider call.
 */
public final class JdbcProviderCallSlots implements ProviderCallSlots {

    private final Database database;

    /** @param dataSource a migrated database ({@link DatabaseMigrations#migrate}) */
    public JdbcProviderCallSlots(DataSource dataSource) {
        this.database = new Database(dataSource);
    }

    @Override
    public Instant reserve(Instant now, Duration slot) {
        long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        long slotMicros = Math.max(1, slot.toNanos() / 1000);
        long mine = database.transaction("reserve a provider call", connection -> {
            List<Long> next = Database.rows(connection,
                    "SELECT next_free_at FROM provider_call_slot WHERE id = 1 FOR UPDATE", statement -> { },
                    row -> row.getLong(1));
            long start = Math.max(next.isEmpty() ? 0 : next.get(0), nowMicros);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE provider_call_slot SET next_free_at = ? WHERE id = 1")) {
                update.setLong(1, start + slotMicros);
                update.executeUpdate();
            }
            return start;
        });
        return Instant.EPOCH.plus(mine, ChronoUnit.MICROS);
    }
}
