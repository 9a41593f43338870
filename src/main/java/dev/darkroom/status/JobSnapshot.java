package dev.darkroom.status;

import dev.darkroom.job.ImageTask;
import dev.darkroom.job.Job;

import java.util.List;

/** A job and its image tasks as one read saw them, so a view never mixes two moments. */
public record JobSnapshot(Job job, List<ImageTask> tasks) {
}
