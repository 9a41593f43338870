package dev.darkroom.job;

/** DUE: waiting to be sent (or leased by a sender); SENT: a worker accepted the run; DONE/ABANDONED: nothing to send. */
public enum DispatchStatus {
    DUE, SENT, DONE, ABANDONED
}
