package com.vidugateway.application.port.out;

import com.vidugateway.application.testing.InMemoryVideoTasks;

class InMemoryVideoTasksContractTest extends VideoTasksContract {

    private final InMemoryVideoTasks store = new InMemoryVideoTasks(HOLDER);

    @Override
    protected VideoTasks store() {
        return store;
    }

    @Override
    protected VideoTasks storeOpenedBy(String holder) {
        return store.openedBy(holder);
    }
}
