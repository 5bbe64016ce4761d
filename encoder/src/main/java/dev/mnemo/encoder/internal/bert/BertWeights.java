package dev.mnemo.encoder.internal.bert;

import java.util.List;

/**
 * Every weight of a BERT encoder, in the shapes the forward pass uses. Matrices are row-major
 * {@code float[]}; a linear layer's weight is {@code [in, out]} so that {@code y = x · W + b}.
 *
 * @param hidden width of a token vector (H)
 * @param heads attention heads (h); each head is {@code H / h} wide
 * @param intermediate width of the feed-forward layer (4H for these models)
 * @param vocab vocabulary size (V)
 * @param maxPositions most tokens the model takes (P)
 * @param eps the LayerNorm epsilon the model was trained with
 * @param wordEmbeddings (V, H)
 * @param positionEmbeddings (P, H)
 * @param tokenTypeEmbeddings (types, H); mnemo uses type 0
 * @param embeddingNormGamma (H)
 * @param embeddingNormBeta (H)
 * @param layers the transformer layers, in order
 * @param quantized whether activations are quantized to 8 bits before each linear layer (int8 models)
 */
public record BertWeights(
    int hidden, int heads, int intermediate, int vocab, int maxPositions, float eps,
    float[] wordEmbeddings, float[] positionEmbeddings, float[] tokenTypeEmbeddings,
    float[] embeddingNormGamma, float[] embeddingNormBeta,
    List<Layer> layers, boolean quantized) {

  public int headSize() {
    return hidden / heads;
  }

  /**
   * One transformer layer.
   *
   * @param qkv (H, 3H): the query, key and value projections side by side; bias (3H)
   * @param attentionOut (H, H): projection of the concatenated heads
   * @param attentionNormGamma (H)
   * @param attentionNormBeta (H)
   * @param up (H, I): feed-forward expansion, followed by GELU
   * @param down (I, H): feed-forward contraction
   * @param outputNormGamma (H)
   * @param outputNormBeta (H)
   */
  public record Layer(
      Linear qkv, Linear attentionOut, float[] attentionNormGamma, float[] attentionNormBeta,
      Linear up, Linear down, float[] outputNormGamma, float[] outputNormBeta) {}

  /**
   * A linear layer {@code y = x · W + b}.
   *
   * @param weight (in, out), row-major; for int8 models the dequantized integer weights times each
   *     column's scale, so that the product of quantized activations with it is exact up to rounding
   * @param bias (out)
   */
  public record Linear(float[] weight, float[] bias, int in, int out) {
    public Linear {
      if (weight.length != (long) in * out || bias.length != out) {
        throw new IllegalArgumentException("linear layer " + in + "x" + out + " with " + weight.length + " weights and "
            + bias.length + " biases");
      }
    }
  }
}
