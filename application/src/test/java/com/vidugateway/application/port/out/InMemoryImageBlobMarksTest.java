package com.vidugateway.application.port.out;

import com.vidugateway.application.testing.InMemoryImageBlobMarks;
import com.vidugateway.application.testing.InMemoryImageBlobs;
import com.vidugateway.application.testing.InMemoryVideoTasks;
import java.time.Clock;
import java.time.Duration;

/** The marks the service tests use behave as the database's do. */
class InMemoryImageBlobMarksTest extends ImageBlobMarksContract {

    private final InMemoryVideoTasks tasks = new InMemoryVideoTasks();
    private final InMemoryImageBlobMarks marks = new InMemoryImageBlobMarks(Clock.systemUTC(), tasks::refersToImage);
    private final InMemoryImageBlobs blobs = new InMemoryImageBlobs();

    @Override
    protected VideoTasks tasks() {
        return tasks;
    }

    @Override
    protected ImageBlobMarks marks() {
        return marks;
    }

    @Override
    protected ImageBlobs blobs() {
        return blobs;
    }

    @Override
    protected void age(Duration by) {
        marks.age(by);
    }

    @Override
    protected boolean markWaiting() {
        return marks.markWaiting();
    }
}
