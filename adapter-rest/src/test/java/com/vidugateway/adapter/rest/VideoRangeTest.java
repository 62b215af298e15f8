package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VideoRangeTest {

    @ParameterizedTest(name = "{0} of 1000 bytes → {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL              | whole",
            "bytes=0-0         | 0-0",
            "bytes=0-999       | 0-999",
            "bytes=0-          | 0-999",
            "bytes=500-        | 500-999",
            "bytes=990-5000    | 990-999",
            "bytes=-10         | 990-999",
            "bytes=-5000       | 0-999",
            "BYTES = 1-2       | 1-2",
            "bytes=0007-0008   | 7-8",
            "bytes=1000-       | unsatisfiable",
            "bytes=99999999999999999999999- | unsatisfiable",
            "bytes=5-99999999999999999999999 | 5-999",
            "bytes=-0          | unsatisfiable",
            "bytes=5-4         | whole",
            "bytes=0-1,3-4     | whole",
            "items=0-1         | whole",
            "bytes=a-b         | whole",
            "bytes=-           | whole",
            "bytes=1           | whole",
            "bytes=+1-2        | whole",
            "bytes=-1-2        | whole"})
    void parses(String header, String expected) {
        VideoRange range = VideoRange.of(header, 1000);
        String shown = range instanceof VideoRange.Part part ? part.first() + "-" + part.last()
                : range instanceof VideoRange.Unsatisfiable ? "unsatisfiable" : "whole";
        assertThat(shown).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"bytes=0-", "bytes=-1"})
    void nothing_of_an_empty_resource_is_satisfiable(String header) {
        assertThat(VideoRange.of(header, 0)).isInstanceOf(VideoRange.Unsatisfiable.class);
    }
}
