package io.kechuang.matching.embedding;

import java.util.List;

/** A model that turns a text into a unit-length dense vector, the same for the same text. */
public interface TextEmbedder {

    /** The model's name; part of every cache key, so a new model never reads another model's vectors. */
    String model();

    int dimensions();

    /** The vector of {@code text}, length one. */
    float[] embed(String text);

    /** The vectors of {@code texts}, in order; may use several threads. */
    List<float[]> embedAll(List<String> texts);
}
