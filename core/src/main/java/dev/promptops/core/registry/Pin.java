package dev.promptops.core.registry;

import java.time.Instant;

/** The version an environment or label of a project points to for one prompt. */
public record Pin(String prompt, String target, TargetKind kind, int version, Instant updatedAt) {}
