package dev.darkroom.job;

/** The life of one image of a job. */
public enum TaskStatus {
    PENDING, GENERATING, SUCCEEDED, FAILED;

    public boolean isDone() {
        return this == SUCCEEDED || this == FAILED;
    }

    public String wireName() {
        return name().toLowerCase();
    }
}
