package io.procsweep.cleanup;

/** Why one process may not be signalled, with a sentence for people. */
record Refusal(KeepReason reason, String detail) {}
