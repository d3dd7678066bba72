package dev.promptops.core.provider;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;

/**
 * One model call: the rendered Dotprompt messages ({@code {"role": "system"|"user"|"model",
 * "content": [parts]}}), the model, the generation parameters, and the time allowed.
 */
public record ChatRequest(
    ModelRef model, ArrayNode messages, GenerationConfig config, Duration timeout) {}
