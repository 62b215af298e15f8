package com.vidugateway.application.service;

import com.vidugateway.application.port.in.ObserveGateway;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.task.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

record ObserveGatewayService(VideoTasks tasks, ObservedVideoGenerator generator, Clock clock, InstanceRegistry instances)
        implements ObserveGateway {

    @Override
    public Observation observe() {
        Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            byStatus.put(status, 0L);
        }
        byStatus.putAll(tasks.countByStatus());
        Instant now = clock.instant();
        // A claimed check is moved to the end of its lease, so only checks nobody is working on count as late.
        List<VideoTasks.Check> mostOverdue = tasks.due(now, 1);
        Duration lag = mostOverdue.isEmpty() ? Duration.ZERO : Duration.between(mostOverdue.get(0).dueAt(), now);
        return new Observation(byStatus, lag.isNegative() ? Duration.ZERO : lag, generator.calls(),
                generator.reachability());
    }

    @Override
    public ProviderReachability provider() {
        return generator.reachability();
    }

    @Override
    public Cluster cluster() {
        return new Cluster(instances.selfId(), instances.live());
    }
}
