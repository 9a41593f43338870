package dev.darkroom.api;

import dev.darkroom.run.ImageKind;
import dev.darkroom.run.ImageSpec;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.List;
import java.util.stream.Stream;

/**
 * A create request: the case from the path, its pictures from the body. Its rules are its annotations, every one
 * checked at once ({@link CaseRequestReader}); those whose limit is configured are {@link CaseRequestRules}.
 */
@Serdeable
@CaseRequestRules.ItemCount
@CaseRequestRules.DistinctIds
public record CaseRequest(@Schema(hidden = true) // the path's, not the body's
                          @Pattern(regexp = CaseRequest.ID, message = CaseRequest.ID_RULE) String caseId,
                          @Nullable List<@Valid Item> evidence,
                          @Nullable List<@Valid Item> locations,
                          @Nullable @Valid Callback callback) {

    /** Not only dots: {@code .} and {@code ..} would turn an image URL into a path step in any browser. */
    public static final String ID = "(?!\\.+$)[A-Za-z0-9._-]{1,64}";
    static final String ID_RULE = "must be 1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-', and not only dots";

    /** One picture the case asks for; which list it is in says its kind. */
    @Serdeable
    public record Item(@NotNull(message = "is required") @Pattern(regexp = ID, message = ID_RULE) String id,
                       @NotNull(message = "is required") @CaseRequestRules.ItemText(CaseRequestRules.Text.NAME)
                       String name,
                       @Nullable @CaseRequestRules.ItemText(CaseRequestRules.Text.DESCRIPTION) String description) {
    }

    /**
     * Where Darkroom posts the job's end ({@code job.finished}, signed per Standard Webhooks): an https URL on a host
     * of {@code darkroom.callbacks.allowed-hosts}.
     */
    @Serdeable
    public record Callback(@NotNull(message = "is required") @CaseRequestRules.CallbackUrl String url) {
    }

    /** The pictures in the order they were given, evidence first, then locations. */
    public List<ImageSpec> images() {
        return Stream.concat(specs(evidence, ImageKind.EVIDENCE), specs(locations, ImageKind.LOCATION)).toList();
    }

    /** Evidence and locations together, as many as the caller sent (malformed ones too). */
    int itemCount() {
        return size(evidence) + size(locations);
    }

    private static int size(@Nullable List<Item> items) {
        return items == null ? 0 : items.size();
    }

    private static Stream<ImageSpec> specs(@Nullable List<Item> items, ImageKind kind) {
        return items == null ? Stream.empty() : items.stream()
                .map(i -> new ImageSpec(i.id(), kind, i.name(), i.description() == null ? "" : i.description()));
    }
}
