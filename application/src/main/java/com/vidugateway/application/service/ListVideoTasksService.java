package com.vidugateway.application.service;

import com.vidugateway.application.port.in.ListVideoTasks;
import com.vidugateway.application.port.out.TaskLists;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.TaskSummary;
import com.vidugateway.domain.text.Sentence;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

public final class ListVideoTasksService implements ListVideoTasks {

    private final TaskLists tasks;

    ListVideoTasksService(TaskLists tasks) {
        this.tasks = tasks;
    }

    @Override
    public Page list(String owner, TaskStatus status, int limit, String cursor) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadPage(Sentence.of("use.list.bad_limit", "max", MAX_LIMIT, "limit", limit));
        }
        TaskLists.PageCursor after = cursor == null || cursor.isBlank() ? null : decode(cursor);
        // One more than asked tells whether another page follows.
        List<TaskSummary> found = tasks.list(owner, status, after, limit + 1);
        if (found.size() <= limit) {
            return new Page(found, null);
        }
        List<TaskSummary> page = found.subList(0, limit);
        TaskSummary last = page.get(limit - 1);
        return new Page(page, encode(new TaskLists.PageCursor(last.acceptedAt(), last.id())));
    }

    /** Opaque to clients: the last task's acceptance time and id. */
    static String encode(TaskLists.PageCursor cursor) {
        String plain = cursor.acceptedAt().toEpochMilli() + ":" + cursor.id().value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static TaskLists.PageCursor decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            return new TaskLists.PageCursor(Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))),
                    new TaskId(plain.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new BadPage(Sentence.of("use.list.bad_cursor", "cursor", cursor));
        }
    }
}
