package com.vidugateway.application.port.out;

import com.vidugateway.application.testing.InMemoryVideoTasks;

class InMemoryVideoTasksContractTest extends VideoTasksContract {

    private final InMemoryVideoTasks store = new InMemoryVideoTasks();

    @Override
    protected VideoTasks store() {
        return store;
    }
}
