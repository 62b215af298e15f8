package com.vidugateway.domain.request;

import com.vidugateway.domain.image.ReferenceImage;
import java.util.List;
import java.util.Objects;

/** What the video is made from: plain reference images, or named subjects (the provider's two shapes). */
public sealed interface References {

    /** Every image, in request order. */
    List<ReferenceImage> allImages();

    /** {@code input.images}: the provider's original shape. */
    record Images(List<ReferenceImage> images) implements References {
        public Images {
            images = List.copyOf(images);
        }

        @Override
        public List<ReferenceImage> allImages() {
            return images;
        }
    }

    /** {@code input.subjects}: the provider's current shape, where the prompt may name a subject as {@code @id}. */
    record Subjects(List<Subject> subjects) implements References {
        public Subjects {
            subjects = List.copyOf(subjects);
        }

        @Override
        public List<ReferenceImage> allImages() {
            return subjects.stream().flatMap(s -> s.images().stream()).toList();
        }
    }

    /** One subject: its id, 1–3 images, and a voice ({@code ""}: the provider picks one). */
    record Subject(String id, List<ReferenceImage> images, String voiceId) {
        public Subject {
            Objects.requireNonNull(id, "id");
            images = List.copyOf(images);
            voiceId = voiceId == null ? "" : voiceId;
        }
    }
}
