package com.vidugateway.domain.request;

import com.vidugateway.domain.catalogue.AspectRatio;
import com.vidugateway.domain.catalogue.Model;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.MovementAmplitude;
import com.vidugateway.domain.catalogue.Resolution;
import com.vidugateway.domain.validation.Validation;
import java.net.URI;
import java.util.Objects;

/**
 * A request that passed every rule, with every default filled in: what is stored and what is sent. The
 * callback URL ({@code parameters.callback_url}, null when none) is the gateway's own: it is never sent on.
 * Build it with {@link #from}, which checks a draft against the catalogue and reports every violation.
 */
public record VideoRequest(
        Model model,
        References references,
        String prompt,
        int duration,
        long seed,
        AspectRatio aspectRatio,
        Resolution resolution,
        MovementAmplitude movementAmplitude,
        boolean bgm,
        boolean audio,
        URI callbackUrl) {

    public VideoRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(references, "references");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(aspectRatio, "aspectRatio");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(movementAmplitude, "movementAmplitude");
        if (model.duration(duration).filter(d -> d.allows(resolution)).isEmpty()) {
            throw new IllegalArgumentException(model.name() + " does not render " + duration + " s at " + resolution);
        }
    }

    /** Checks {@code draft} against the rules and the models of {@code catalogue}. */
    public static Validation<VideoRequest> from(VideoRequestDraft draft, ModelCatalogue catalogue) {
        return new VideoRequestChecker(catalogue).check(draft);
    }

    public String modelName() {
        return model.name();
    }

    public int imageCount() {
        return references.allImages().size();
    }

    /** Bytes of the inline images the gateway keeps for this request, each blob once (URL images: none). */
    public long inlineImageBytes() {
        return references.allImages().stream()
                .filter(com.vidugateway.domain.image.ReferenceImage.InlineImage.class::isInstance)
                .map(image -> ((com.vidugateway.domain.image.ReferenceImage.InlineImage) image).blob())
                .distinct().mapToLong(com.vidugateway.domain.image.ImageBlob::size).sum();
    }
}
