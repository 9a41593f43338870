package dev.darkroom;

/**
 * The process was asked to stop (SIGTERM) and has not begun to close yet: its server, clients and executors all
 * still work. Listeners finish what they can (a worker drains its runs) and stop taking more (a dispatcher stops
 * claiming); the context closes when every listener has returned.
 */
public record StopRequested() {
}
