package dev.darkroom.api;

import dev.darkroom.run.ImageKind;

import java.util.List;

/** A validated request for a case's images, in the order they were given (evidence first, then locations). */
public record CaseRequest(String caseId, List<Item> items) {

    public record Item(String id, ImageKind kind, String name, String description) {
    }
}
