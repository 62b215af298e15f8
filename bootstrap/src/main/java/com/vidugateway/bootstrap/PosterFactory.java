package com.vidugateway.bootstrap;

import com.vidugateway.adapter.media.JcodecPosterFrames;
import com.vidugateway.application.port.in.ReadTaskPoster;
import com.vidugateway.application.port.in.ReadTaskVideo;
import com.vidugateway.application.port.out.PosterFrames;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.service.ReadTaskPosterService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Posters of stored videos ({@code GET /v1/tasks/{id}/poster}): a frame decoded in pure Java (adapter-media) on the
 * first request, kept beside the video in whichever storage {@code VIDU_STORAGE} names.
 */
@Factory
class PosterFactory {

    @Singleton
    PosterFrames posterFrames() {
        return new JcodecPosterFrames();
    }

    @Singleton
    ReadTaskPoster readTaskPoster(ReadTaskVideo video, VideoArchive archive, PosterFrames frames) {
        return new ReadTaskPosterService(video, archive, frames);
    }
}
