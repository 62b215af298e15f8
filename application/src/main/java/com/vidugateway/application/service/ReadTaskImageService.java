package com.vidugateway.application.service;

import com.vidugateway.application.port.in.ReadTaskImage;
import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.TaskStore;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import com.vidugateway.domain.text.Sentence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;

record ReadTaskImageService(TaskStore tasks, ImageBlobs images) implements ReadTaskImage {

    @Override
    public Result read(String owner, TaskId id, int index) {
        Optional<VideoTask> found = tasks.findOwned(owner, id);
        if (found.isEmpty()) {
            return new NotFound(id);
        }
        VideoTask task = found.get();
        List<ReferenceImage> all = task.request().references().allImages();
        if (index < 0 || index >= all.size()) {
            return new NoSuchImage(task, index);
        }
        if (all.get(index) instanceof ReferenceImage.RemoteImage remote) {
            return new GivenByUrl(task, index, remote);
        }
        ReferenceImage.InlineImage inline = (ReferenceImage.InlineImage) all.get(index);
        if (task.imagesRemovedAt() != null) {
            // Another task may still hold the same bytes; this one let them go all the same.
            return new Removed(task, index, task.imagesRemovedAt(),
                    Sentence.of("use.image.removed", "at", task.imagesRemovedAt()));
        }
        try {
            return new Found(task, index, inline, images.open(inline.blob().sha256()));
        } catch (NoSuchFileException missing) {
            return new Removed(task, index, null, Sentence.of("use.image.missing"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
