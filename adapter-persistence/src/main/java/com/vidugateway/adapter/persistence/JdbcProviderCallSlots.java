package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.ProviderCallSlots;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * The provider-call timetable in {@code provider_call_slot}, shared by every instance on the database: a reservation
 * locks the one row, reads the database's clock, moves the row on by a slot and commits — one short transaction per
 * provider call. Times are the database's ({@link Database#nowMicros}), so instances whose clocks disagree still
 * space their calls by one timetable.
 */
public final class JdbcProviderCallSlots implements ProviderCallSlots {

    private final Database database;

    /** @param dataSource a migrated database ({@link DatabaseMigrations#migrate}) */
    public JdbcProviderCallSlots(DataSource dataSource) {
        this.database = new Database(dataSource);
    }

    @Override
    public Reservation reserve(Duration slot, Duration horizon) {
        Taken taken = take(slot, horizon);
        long wait = taken.reserved() ? taken.start() - taken.now() : taken.start() - taken.now() - horizon.toNanos() / 1000;
        return new Reservation(taken.reserved(), Duration.ofNanos(Math.max(0, wait) * 1000));
    }

    /**
     * One reservation, in the database's epoch microseconds.
     *
     * @param start    the first free slot (the caller's when reserved)
     * @param now      the database's clock when the row was locked
     * @param reserved whether the slot was taken (it starts within the horizon)
     */
    record Taken(long start, long now, boolean reserved) {}

    Taken take(Duration slot, Duration horizon) {
        long slotMicros = Math.max(1, slot.toNanos() / 1000);
        long horizonMicros = horizon.toNanos() / 1000;
        return database.transaction("reserve a provider call", connection -> {
            List<Long> next = Database.rows(connection,
                    "SELECT next_free_at FROM provider_call_slot WHERE id = 1 FOR UPDATE", statement -> { },
                    row -> row.getLong(1));
            // Read once the row is locked: a reservation that waited for another's is timed from when it got it.
            long now = database.nowMicros(connection);
            long first = Math.max(next.isEmpty() ? 0 : next.get(0), now);
            if (first - now > horizonMicros) {
                return new Taken(first, now, false);
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE provider_call_slot SET next_free_at = ? WHERE id = 1")) {
                update.setLong(1, first + slotMicros);
                update.executeUpdate();
            }
            return new Taken(first, now, true);
        });
    }
}
