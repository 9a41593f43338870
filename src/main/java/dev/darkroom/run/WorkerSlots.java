package dev.darkroom.run;

/** A worker in this very process, asked by its dispatcher how many more runs it would take now. */
public interface WorkerSlots {

    /** Runs this worker would take now before it answers 429. */
    long freeSlots();
}
