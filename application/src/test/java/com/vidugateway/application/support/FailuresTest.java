package com.vidugateway.application.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void finds_the_failure_itself_a_cause_or_a_suppressed_failure_of_a_cause() {
        EOFException eof = new EOFException("cut");
        IOException retried = new IOException("second route");
        retried.addSuppressed(new IOException("first route", eof));

        assertThat(Failures.find(eof, EOFException.class)).containsSame(eof);
        assertThat(Failures.find(new UncheckedIOException(new IOException(eof)), EOFException.class)).containsSame(eof);
        assertThat(Failures.find(new RuntimeException(retried), EOFException.class)).containsSame(eof);
        assertThat(Failures.find(retried, IllegalStateException.class)).isEmpty();
    }

    @Test
    void a_chain_that_loops_ends_the_search() {
        IOException one = new IOException("one");
        IOException two = new IOException("two", one);
        one.addSuppressed(two);

        assertThat(Failures.find(two, EOFException.class)).isEmpty();
    }

    @Test
    void looks_no_deeper_than_eight_levels() {
        Throwable deep = new EOFException("deep");
        for (int i = 0; i < 9; i++) {
            deep = new IOException("level " + i, deep);
        }
        Throwable shallow = new EOFException("shallow");
        for (int i = 0; i < 8; i++) {
            shallow = new IOException("level " + i, shallow);
        }

        assertThat(Failures.find(deep, EOFException.class)).isEmpty();
        assertThat(Failures.find(shallow, EOFException.class)).isPresent();
    }
}
